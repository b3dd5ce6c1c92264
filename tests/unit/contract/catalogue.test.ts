/**
 * The catalogue's contract (lib/contract/catalogue.ts, docs/catalogue.md §3): what a request may
 * carry, and how an answer from a server of another build reads.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import * as z from "zod/mini";
import type { createItem, listItems } from "@/lib/catalogue/store";
import { catalogueItemList, itemPatchBody, newItemBody, type CatalogueItem } from "@/lib/contract/catalogue";

const ok = (schema: z.ZodMiniType, value: unknown) => z.safeParse(schema, value).success;

describe("requests", () => {
  it("takes the issue's item body and its optional fields, trimmed, empty text as none", () => {
    expect(z.parse(newItemBody, { name: " Latte ", nameZh: "", price: 3800, barcode: " " })).toEqual({
      name: "Latte",
      nameZh: null,
      price: 3800,
      barcode: null,
    });
    expect(ok(newItemBody, { name: "Latte", price: 0, category: null, colour: "teal", sortOrder: -2 })).toBe(true);
  });

  it("refuses a bad price, an unknown field or colour, and options beyond the simple model", () => {
    for (const body of [
      { name: "X", price: -1 },
      { name: "X", price: 1.5 },
      { name: "X", price: 100_000_000 },
      { name: "X", price: "38" },
      { name: "", price: 1 },
      { name: "X".repeat(61), price: 1 },
      { name: "X", price: 1, cost: 1 },
      { name: "X", price: 1, colour: "#ff0000" },
      { name: "X", price: 1, options: [{ name: "Size", kind: "single", choices: [] }] },
      { name: "X", price: 1, options: [{ name: "Size", kind: "pick-two", choices: [{ name: "S" }] }] },
      {
        name: "X",
        price: 1,
        options: [{ name: "Milk", kind: "multiple", choices: [{ name: "Oat", priceDelta: -500 }] }],
      },
      {
        name: "X",
        price: 1,
        options: Array.from({ length: 7 }, () => ({ name: "G", kind: "multiple", choices: [{ name: "C" }] })),
      },
    ]) {
      expect(ok(newItemBody, body), JSON.stringify(body).slice(0, 80)).toBe(false);
    }
  });

  it("takes a patch of any subset, and nothing else", () => {
    expect(ok(itemPatchBody, {})).toBe(true);
    expect(ok(itemPatchBody, { active: false })).toBe(true);
    expect(ok(itemPatchBody, { active: "no" })).toBe(false);
    expect(ok(itemPatchBody, { id: "other" })).toBe(false);
  });
});

describe("answers", () => {
  const item: CatalogueItem = {
    id: "i1",
    name: "Latte",
    nameZh: "鮮奶咖啡",
    price: 3800,
    currency: "HKD",
    category: null,
    barcode: null,
    shortCode: null,
    colour: "orange",
    options: [],
    active: true,
    sortOrder: 0,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };

  it("reads a colour this build has no words for as none, and leaves out one bad item of the list", () => {
    const read = z.parse(catalogueItemList, {
      items: [{ ...item, colour: "magenta" }, { ...item, price: "free" }, item],
    });
    expect(read.items).toEqual([{ ...item, colour: null }, item]);
  });

  it("is the server's type on both sides", () => {
    expectTypeOf<Awaited<ReturnType<typeof createItem>>>().toEqualTypeOf<CatalogueItem>();
    expectTypeOf<Awaited<ReturnType<typeof listItems>>>().toEqualTypeOf<CatalogueItem[]>();
  });
});
