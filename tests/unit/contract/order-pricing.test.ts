/**
 * Pricing an order from the catalogue (issue 12, docs/pricing.md): unit prices with options, every
 * kind of discount, rounding half to even, the cart discount spread so that the lines add up to the
 * total, the refusals with their reasons, and over random orders that the totals always add up and
 * nothing is negative.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_AMOUNT_MINOR } from "@/lib/money";
import { orderInput, pricedOrder, type OrderInput, type PricedOrder } from "@/lib/contract/order";
import { PRICING_REFUSALS, priceOrder, type CataloguePrice, type CataloguePrices } from "@/lib/contract/order-pricing";
import { seededRandom } from "@/lib/seeded-random";
import { cafePrices } from "../../support/catalogue-prices";

/** Parses like the route will (ids as text, notes trimmed), then prices. */
function price(order: unknown, prices: CataloguePrices = cafePrices) {
  return priceOrder(orderInput.parse(order), prices);
}

function priced(order: unknown, prices?: CataloguePrices): PricedOrder {
  const result = price(order, prices);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.order;
}

/** A catalogue of plain items priced as given, for the arithmetic cases. */
function plain(pricesById: Record<string, number>): CataloguePrices {
  return (id) => {
    const amount = pricesById[id];
    if (amount === undefined) return undefined;
    const item: CataloguePrice = { name: { en: id, zh: null }, price: amount, active: true, options: new Map() };
    return item;
  };
}

function lineTotals(order: PricedOrder): number[] {
  return order.lines.map((line) => line.total);
}

describe("unit prices and lines", () => {
  it("prices catalogue lines from the catalogue, with their options' deltas", () => {
    const order = priced({
      lines: [
        { itemId: "latte", quantity: 2, options: ["large", "oat"], note: "  extra hot " },
        { itemId: "croissant", quantity: 1 },
      ],
    });
    expect(order.lines[0]).toEqual({
      kind: "item",
      itemId: "latte",
      name: { en: "Latte", zh: "拿鐵" },
      quantity: 2,
      unitPrice: 3800 + 500 + 500,
      options: [
        { id: "large", name: { en: "Large", zh: "大" }, priceDelta: 500 },
        { id: "oat", name: { en: "Oat milk", zh: "燕麥奶" }, priceDelta: 500 },
      ],
      note: "extra hot",
      gross: 9600,
      discount: null,
      lineDiscount: 0,
      cartDiscount: 0,
      total: 9600,
    });
    expect(order.subtotal).toBe(9600 + 2500);
    expect(order.total).toBe(12_100);
    expect(order.cartDiscount).toBe(0);
    expect(order.discount).toBeNull();
    // What the API answers reads back as itself.
    expect(pricedOrder.parse(order)).toEqual(order);
  });

  it("prices a custom amount line at the cashier's amount, with no name", () => {
    const order = priced({ lines: [{ amount: 1250, quantity: 3 }] });
    expect(order.lines[0]).toMatchObject({ kind: "custom", itemId: null, name: null, unitPrice: 1250, gross: 3750 });
    expect(order.total).toBe(3750);
  });

  it("applies a negative delta (a small size)", () => {
    expect(priced({ lines: [{ itemId: "latte", quantity: 1, options: ["small"] }] }).total).toBe(3500);
  });

  it("reads numeric ids as text", () => {
    const order = priced({ lines: [{ itemId: 7, quantity: 1 }] }, plain({ "7": 100 }));
    expect(order.lines[0]?.itemId).toBe("7");
  });

  it("keeps an empty note as none", () => {
    expect(priced({ lines: [{ itemId: "tea", quantity: 1, note: "   " }] }).lines[0]?.note).toBeNull();
  });
});

describe("discounts", () => {
  it("takes an amount off the whole line, not off each unit", () => {
    const order = priced({ lines: [{ itemId: "tea", quantity: 2, discount: { amount: 500 } }] });
    expect(order.lines[0]).toMatchObject({ gross: 5700, discount: { amount: 500 }, lineDiscount: 500, total: 5200 });
    expect(order.total).toBe(5200);
  });

  it("takes a percentage off a line, rounded half to even", () => {
    // 10 % of 2850 = 285 exactly; 15 % of 2850 = 427.5 → 428 (427 is odd); 25 % of 2850 = 712.5 → 712.
    expect(priced({ lines: [{ itemId: "tea", quantity: 1, discount: { percent: 10 } }] }).total).toBe(2565);
    expect(priced({ lines: [{ itemId: "tea", quantity: 1, discount: { percent: 15 } }] }).lines[0]?.lineDiscount).toBe(
      428,
    );
    expect(priced({ lines: [{ itemId: "tea", quantity: 1, discount: { percent: 25 } }] }).lines[0]?.lineDiscount).toBe(
      712,
    );
  });

  it("rounds the documented examples half to even (docs/pricing.md §3)", () => {
    const tenPercentOf = (amount: number) =>
      priced({ lines: [{ amount, quantity: 1 }], discount: { percent: 10 } }).cartDiscount;
    expect(tenPercentOf(915)).toBe(92);
    expect(tenPercentOf(925)).toBe(92);
    expect(tenPercentOf(935)).toBe(94);
    // Not a half: the nearest unit.
    expect(tenPercentOf(914)).toBe(91);
    expect(tenPercentOf(916)).toBe(92);
    expect(tenPercentOf(1)).toBe(0);
    expect(tenPercentOf(5)).toBe(0); // 0.5 → 0
    expect(tenPercentOf(15)).toBe(2); // 1.5 → 2
  });

  it("reads a percentage with two decimals exactly", () => {
    // 12.5 % of 1000 = 125; 33.33 % of 999 = 332.9667 → 333; 0.01 % of 5000 = 0.5 → 0.
    expect(priced({ lines: [{ amount: 1000, quantity: 1 }], discount: { percent: 12.5 } }).cartDiscount).toBe(125);
    expect(priced({ lines: [{ amount: 999, quantity: 1 }], discount: { percent: 33.33 } }).cartDiscount).toBe(333);
    expect(priced({ lines: [{ amount: 5000, quantity: 1 }], discount: { percent: 0.01 } }).cartDiscount).toBe(0);
    expect(priced({ lines: [{ amount: 15_000, quantity: 1 }], discount: { percent: 0.01 } }).cartDiscount).toBe(2);
  });

  it("applies line discounts before the cart discount", () => {
    const order = priced({
      lines: [
        { amount: 1000, quantity: 1, discount: { percent: 50 } },
        { amount: 1000, quantity: 1 },
      ],
      discount: { percent: 10 },
    });
    expect(order.subtotal).toBe(1500);
    expect(order.cartDiscount).toBe(150);
    expect(order.total).toBe(1350);
    expect(lineTotals(order)).toEqual([450, 900]);
  });

  it("spreads a cart percentage by largest remainder, the earlier line first on a tie", () => {
    const order = priced({ lines: [0, 1, 2].map(() => ({ amount: 333, quantity: 1 })), discount: { percent: 10 } });
    expect(order.cartDiscount).toBe(100);
    expect(order.lines.map((line) => line.cartDiscount)).toEqual([34, 33, 33]);
    expect(lineTotals(order)).toEqual([299, 300, 300]);
    expect(order.total).toBe(899);
  });

  it("breaks a tie of remainders by the earlier line", () => {
    // Lines of 3, 3 and 4 (sum 10) with 5 off: exact 1.5, 1.5 and 2, floors 1, 1 and 2; the one unit
    // left goes to the first of the two equal remainders.
    const order = priced({ lines: [3, 3, 4].map((amount) => ({ amount, quantity: 1 })), discount: { amount: 5 } });
    expect(order.lines.map((line) => line.cartDiscount)).toEqual([2, 1, 2]);
    expect(lineTotals(order)).toEqual([1, 2, 2]);
  });

  it("spreads a cart amount in proportion to the lines after their discounts", () => {
    // Lines of 100, 200 and 700 (sum 1000), 50 off: exact 5, 10, 35.
    const exact = priced({
      lines: [100, 200, 700].map((amount) => ({ amount, quantity: 1 })),
      discount: { amount: 50 },
    });
    expect(exact.lines.map((line) => line.cartDiscount)).toEqual([5, 10, 35]);
    // Lines of 101, 101 and 798 (sum 1000), 7 off: exact 0.707, 0.707, 5.586 → floors 0, 0, 5; the
    // two units left go to the two largest remainders, the first two lines.
    const odd = priced({
      lines: [101, 101, 798].map((amount) => ({ amount, quantity: 1 })),
      discount: { amount: 7 },
    });
    expect(odd.lines.map((line) => line.cartDiscount)).toEqual([1, 1, 5]);
    expect(lineTotals(odd)).toEqual([100, 100, 793]);
    expect(odd.total).toBe(993);
  });

  it("lets a discount take a line to zero, and leaves a free line out of the cart spread", () => {
    const order = priced({
      lines: [
        { itemId: "croissant", quantity: 1, discount: { percent: 100 } },
        { itemId: "tea", quantity: 1, discount: { amount: 2850 } },
        { amount: 1001, quantity: 1 },
      ],
      discount: { amount: 1 },
    });
    expect(lineTotals(order)).toEqual([0, 0, 1000]);
    expect(order.total).toBe(1000);
  });

  it("takes a whole-cart amount equal to all but one unit", () => {
    const order = priced({ lines: [{ amount: 500, quantity: 2 }], discount: { amount: 999 } });
    expect(order.total).toBe(1);
    expect(order.lines[0]?.total).toBe(1);
  });

  it("accepts a discount of zero", () => {
    expect(
      priced({ lines: [{ amount: 500, quantity: 1, discount: { amount: 0 } }], discount: { percent: 0 } }).total,
    ).toBe(500);
  });
});

describe("refusals", () => {
  it("refuses an item the catalogue does not have, naming the line and the id", () => {
    expect(
      price({
        lines: [
          { amount: 100, quantity: 1 },
          { itemId: "cake", quantity: 1 },
        ],
      }),
    ).toEqual({
      ok: false,
      reason: "unknown_item",
      line: 1,
      id: "cake",
    });
    // Names of Object.prototype are not items.
    expect(price({ lines: [{ itemId: "constructor", quantity: 1 }] })).toMatchObject({ reason: "unknown_item" });
  });

  it("refuses a deactivated item", () => {
    expect(price({ lines: [{ itemId: "scone", quantity: 1 }] })).toEqual({
      ok: false,
      reason: "inactive_item",
      line: 0,
      id: "scone",
    });
  });

  it("refuses an option that is not the item's", () => {
    expect(price({ lines: [{ itemId: "tea", quantity: 1, options: ["oat"] }] })).toEqual({
      ok: false,
      reason: "unknown_option",
      line: 0,
      id: "oat",
    });
  });

  it("refuses two choices of a single-choice group, and allows several of a multiple-choice one", () => {
    expect(price({ lines: [{ itemId: "latte", quantity: 1, options: ["small", "large"] }] })).toEqual({
      ok: false,
      reason: "option_group_conflict",
      line: 0,
      id: "large",
    });
    expect(priced({ lines: [{ itemId: "latte", quantity: 1, options: ["oat", "shot", "large"] }] }).total).toBe(
      3800 + 500 + 700 + 500,
    );
  });

  it("refuses options that take the unit price below zero", () => {
    expect(price({ lines: [{ itemId: "water", quantity: 1, options: ["cheap"] }] })).toMatchObject({
      ok: false,
      reason: "negative_unit_price",
    });
  });

  it("refuses a line discount larger than the line", () => {
    expect(price({ lines: [{ itemId: "tea", quantity: 1, discount: { amount: 2851 } }] })).toEqual({
      ok: false,
      reason: "line_discount_too_large",
      line: 0,
    });
  });

  it("refuses a cart discount larger than the subtotal", () => {
    expect(
      price({ lines: [{ amount: 1000, quantity: 1, discount: { amount: 400 } }], discount: { amount: 601 } }),
    ).toEqual({ ok: false, reason: "cart_discount_too_large" });
  });

  it("refuses a total of zero", () => {
    expect(price({ lines: [{ itemId: "water", quantity: 3 }] })).toEqual({ ok: false, reason: "total_zero" });
    expect(price({ lines: [{ amount: 100, quantity: 1 }], discount: { percent: 100 } })).toEqual({
      ok: false,
      reason: "total_zero",
    });
    expect(price({ lines: [{ amount: 100, quantity: 1 }], discount: { amount: 100 } })).toEqual({
      ok: false,
      reason: "total_zero",
    });
  });

  it("refuses an order above MAX_AMOUNT_MINOR, even before discounts", () => {
    const half = Math.ceil(MAX_AMOUNT_MINOR / 2);
    expect(price({ lines: [{ amount: half, quantity: 2 }] })).toEqual({
      ok: false,
      reason: "total_too_large",
      line: 0,
    });
    expect(
      price({
        lines: [
          { amount: half, quantity: 1 },
          { amount: half, quantity: 1 },
        ],
        discount: { percent: 50 },
      }),
    ).toEqual({ ok: false, reason: "total_too_large" });
    const huge = plain({ gold: MAX_AMOUNT_MINOR + 1 });
    expect(price({ lines: [{ itemId: "gold", quantity: 1 }] }, huge)).toMatchObject({ reason: "total_too_large" });
    // Exactly the limit is fine.
    expect(priced({ lines: [{ amount: MAX_AMOUNT_MINOR, quantity: 1 }] }).total).toBe(MAX_AMOUNT_MINOR);
  });
});

describe("the refusals' names", () => {
  it("are each documented in docs/pricing.md §6", () => {
    const doc = readFileSync(new URL("../../../docs/pricing.md", import.meta.url), "utf8");
    const table = doc.slice(doc.indexOf("## 6."), doc.indexOf("## 7."));
    const documented = [...table.matchAll(/^\| `(\w+)`/gm)].map((match) => match[1]);
    expect(documented).toEqual([...PRICING_REFUSALS]);
  });
});

describe("over random orders", () => {
  /** A random order over the café and custom amounts, with every kind of discount. */
  function randomOrder(random: () => number): OrderInput {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const discount = () =>
      random() < 0.5
        ? undefined
        : random() < 0.5
          ? { amount: Math.floor(random() * 3000) }
          : { percent: Math.round(random() * 10_000) / 100 };
    const lines = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
      const quantity = 1 + Math.floor(random() * (random() < 0.9 ? 5 : 999));
      if (random() < 0.3) return { amount: 1 + Math.floor(random() * 9999), quantity, discount: discount() };
      const itemId = pick(["latte", "tea", "croissant", "water"]);
      const options = itemId === "latte" ? [pick(["small", "large"]), ...(random() < 0.5 ? ["oat"] : [])] : [];
      return { itemId, quantity, options, discount: discount() };
    });
    return orderInput.parse({ lines, discount: discount() });
  }

  it("has line totals that add up to the total, and nothing negative", () => {
    const random = seededRandom(12);
    const reasons = new Map<string, number>();
    const problems: string[] = [];
    let pricedCount = 0;
    for (let run = 0; run < 3000; run++) {
      const result = priceOrder(randomOrder(random), cafePrices);
      if (!result.ok) {
        reasons.set(result.reason, (reasons.get(result.reason) ?? 0) + 1);
        continue;
      }
      pricedCount++;
      const order = result.order;
      const sum = (amounts: number[]) => amounts.reduce((a, b) => a + b, 0);
      const checks = {
        linesAddUp: sum(lineTotals(order)) === order.total,
        sharesAddUp: sum(order.lines.map((line) => line.cartDiscount)) === order.cartDiscount,
        subtotal: order.subtotal - order.cartDiscount === order.total,
        inRange: order.total > 0 && order.total <= MAX_AMOUNT_MINOR,
        lines: order.lines.every(
          (line) =>
            line.gross === line.unitPrice * line.quantity &&
            line.total === line.gross - line.lineDiscount - line.cartDiscount &&
            [line.unitPrice, line.gross, line.lineDiscount, line.cartDiscount, line.total].every(
              (amount) => Number.isSafeInteger(amount) && amount >= 0,
            ),
        ),
      };
      for (const [name, passed] of Object.entries(checks)) if (!passed) problems.push(`run ${run}: ${name}`);
    }
    expect(problems).toEqual([]);
    // The generator reaches both sides: most orders price, and discounts too large are refused.
    expect(pricedCount).toBeGreaterThan(1500);
    expect(reasons.get("line_discount_too_large") ?? 0).toBeGreaterThan(0);
  });
});
