/**
 * QFPay's goods_name from a priced order (issue 12, docs/pricing.md §7): at most 20 letters, digits
 * and spaces in the cashier's language, the longer parts dropped first, and none when nothing safe
 * is left.
 */
import { describe, expect, it } from "vitest";
import { orderInput, type PricedOrder } from "@/lib/contract/order";
import { priceOrder, type CataloguePrices } from "@/lib/contract/order-pricing";
import { goodsNameFor } from "@/lib/qfpay/goods-name";
import { cafePrices } from "../../support/catalogue-prices";

function priced(order: unknown, prices: CataloguePrices = cafePrices): PricedOrder {
  const result = priceOrder(orderInput.parse(order), prices);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.order;
}

/** A catalogue of one item named `en` / `zh`. */
function named(en: string, zh: string | null = null): CataloguePrices {
  return (id) => (id === "x" ? { name: { en, zh }, price: 100, active: true, options: new Map() } : undefined);
}

const SAFE = /^[\p{L}\p{Nd}]+(?: [\p{L}\p{Nd}]+)*$/u;

describe("goodsNameFor", () => {
  it("names the first item, its quantity and how many other lines there are", () => {
    const order = priced({
      lines: [
        { amount: 500, quantity: 1 },
        { itemId: "latte", quantity: 2, options: ["oat"] },
        { itemId: "croissant", quantity: 1 },
      ],
    });
    expect(goodsNameFor(order, "en")).toBe("Latte x2 2 more");
    expect(goodsNameFor(order, "zh-HK")).toBe("拿鐵 x2 另2項");
  });

  it("leaves out a quantity of one and a 'more' of none", () => {
    expect(goodsNameFor(priced({ lines: [{ itemId: "tea", quantity: 1 }] }), "en")).toBe("Lemon tea");
    expect(goodsNameFor(priced({ lines: [{ itemId: "tea", quantity: 3 }] }), "zh-HK")).toBe("檸檬茶 x3");
  });

  it("uses the English name when there is no Chinese one", () => {
    expect(goodsNameFor(priced({ lines: [{ itemId: "x", quantity: 1 }] }, named("Flat white")), "zh-HK")).toBe(
      "Flat white",
    );
  });

  it("turns anything but letters and digits into single spaces", () => {
    const order = priced({ lines: [{ itemId: "x", quantity: 2 }] }, named(`Café "Latte" & <Oat>`));
    expect(goodsNameFor(order, "en")).toBe("Café Latte Oat x2");
  });

  it("keeps within 20 characters: drops 'more', then the quantity, then cuts the name", () => {
    const long = named("Iced Caramel Macchiato");
    const withOthers = priced(
      {
        lines: [
          { itemId: "x", quantity: 12 },
          { amount: 1, quantity: 1 },
        ],
      },
      long,
    );
    // " x12 1 more" leaves 9 characters of name, enough to keep both parts.
    expect(goodsNameFor(withOthers, "en")).toBe("Iced Cara x12 1 more");
    const manyOthers = priced(
      { lines: [{ itemId: "x", quantity: 999 }, ...Array.from({ length: 99 }, () => ({ amount: 1, quantity: 1 }))] },
      long,
    );
    // " x999 99 more" leaves 7; still readable.
    expect(goodsNameFor(manyOthers, "en")).toBe("Iced Ca x999 99 more");
    const alone = priced({ lines: [{ itemId: "x", quantity: 1 }] }, named("Extraordinarily long item name"));
    expect(goodsNameFor(alone, "en")).toBe("Extraordinarily long");
  });

  it("drops the other parts before cutting a name below four characters", () => {
    const order = priced(
      { lines: [{ itemId: "x", quantity: 999 }, ...Array.from({ length: 99 }, () => ({ amount: 1, quantity: 1 }))] },
      named("Coffee", "特濃咖啡"),
    );
    // zh-HK: " x999 另99項" is 10 characters: room for the name.
    expect(goodsNameFor(order, "zh-HK")).toBe("特濃咖啡 x999 另99項");
    const wide = priced(
      {
        lines: [
          { itemId: "x", quantity: 999 },
          { amount: 1, quantity: 1 },
        ],
      },
      named("A".repeat(30)),
    );
    for (const locale of ["en", "zh-HK"] as const) {
      const name = goodsNameFor(wide, locale);
      expect(name).not.toBeNull();
      expect(Array.from(name ?? "").length).toBeLessThanOrEqual(20);
    }
  });

  it("sends nothing when nothing safe is left", () => {
    expect(goodsNameFor(priced({ lines: [{ amount: 1250, quantity: 2 }] }), "en")).toBeNull();
    expect(goodsNameFor(priced({ lines: [{ itemId: "x", quantity: 1 }] }, named("☕️ !!")), "en")).toBeNull();
    // 20 letters of a 4-byte script would be 80 bytes: more than goods_name's 64.
    expect(goodsNameFor(priced({ lines: [{ itemId: "x", quantity: 1 }] }, named("𠀀".repeat(30))), "en")).toBeNull();
  });

  it("is always safe and short over every café order", () => {
    const items = ["latte", "tea", "croissant"];
    for (const first of items)
      for (const quantity of [1, 2, 999])
        for (const others of [0, 1, 99])
          for (const locale of ["en", "zh-HK"] as const) {
            const lines = [
              { itemId: first, quantity },
              ...Array.from({ length: others }, (_, i) => ({ itemId: items[i % 3]!, quantity: 1 })),
            ];
            const name = goodsNameFor(priced({ lines }), locale) ?? "";
            expect(name).toMatch(SAFE);
            expect(Array.from(name).length).toBeLessThanOrEqual(20);
            expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(64);
          }
  });
});
