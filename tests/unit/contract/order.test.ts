/**
 * The order a payment carries, as the request schema reads it (issue 12, docs/pricing.md §2): the
 * two kinds of line, the discounts, and the limits that refuse an order before it is priced.
 */
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { MAX_AMOUNT_MINOR } from "@/lib/money";
import { ORDER_LIMITS, orderInput } from "@/lib/contract/order";

const accepts = (order: unknown) => z.safeParse(orderInput, order).success;
const line = { itemId: "latte", quantity: 1 };

describe("orderInput", () => {
  it("reads both kinds of line and a cart discount", () => {
    expect(
      orderInput.parse({
        lines: [
          { itemId: 12, quantity: 2, note: " no sugar ", options: ["oat", 3], discount: { percent: 12.5 } },
          { amount: 1250, quantity: 1, discount: { amount: 100 } },
        ],
        discount: { amount: 50 },
      }),
    ).toEqual({
      lines: [
        { itemId: "12", quantity: 2, note: "no sugar", options: ["oat", "3"], discount: { percent: 12.5 } },
        { amount: 1250, quantity: 1, discount: { amount: 100 } },
      ],
      discount: { amount: 50 },
    });
  });

  it("holds the line count between 1 and the limit", () => {
    expect(accepts({ lines: [] })).toBe(false);
    expect(accepts({ lines: Array.from({ length: ORDER_LIMITS.lines }, () => line) })).toBe(true);
    expect(accepts({ lines: Array.from({ length: ORDER_LIMITS.lines + 1 }, () => line) })).toBe(false);
  });

  it("holds a quantity to a whole number from 1 to the limit", () => {
    for (const quantity of [1, ORDER_LIMITS.quantity]) expect(accepts({ lines: [{ ...line, quantity }] })).toBe(true);
    for (const quantity of [0, -1, 1.5, ORDER_LIMITS.quantity + 1, "2", null])
      expect(accepts({ lines: [{ ...line, quantity }] })).toBe(false);
  });

  it("holds a note to its length after trimming", () => {
    const longest = "a".repeat(ORDER_LIMITS.noteLength);
    expect(accepts({ lines: [{ ...line, note: ` ${longest} ` }] })).toBe(true);
    expect(accepts({ lines: [{ ...line, note: `${longest}a` }] })).toBe(false);
    expect(accepts({ lines: [{ ...line, note: 5 }] })).toBe(false);
  });

  it("holds options to the limit, each chosen once", () => {
    const options = Array.from({ length: ORDER_LIMITS.optionsPerLine }, (_, i) => `o${i}`);
    expect(accepts({ lines: [{ ...line, options }] })).toBe(true);
    expect(accepts({ lines: [{ ...line, options: [...options, "more"] }] })).toBe(false);
    expect(accepts({ lines: [{ ...line, options: ["oat", "oat"] }] })).toBe(false);
    // A number and the same id as text are the same choice.
    expect(accepts({ lines: [{ ...line, options: [3, "3"] }] })).toBe(false);
  });

  it("refuses ids that are empty, too long, or not whole numbers", () => {
    for (const itemId of ["", "x".repeat(ORDER_LIMITS.idLength + 1), 1.5, -1, null])
      expect(accepts({ lines: [{ itemId, quantity: 1 }] })).toBe(false);
    expect(accepts({ lines: [{ itemId: "x".repeat(ORDER_LIMITS.idLength), quantity: 1 }] })).toBe(true);
  });

  it("holds a custom amount to whole minor units from 1 to MAX_AMOUNT_MINOR", () => {
    expect(accepts({ lines: [{ amount: 1, quantity: 1 }] })).toBe(true);
    expect(accepts({ lines: [{ amount: MAX_AMOUNT_MINOR, quantity: 1 }] })).toBe(true);
    for (const amount of [0, -5, 12.5, MAX_AMOUNT_MINOR + 1, "100"])
      expect(accepts({ lines: [{ amount, quantity: 1 }] })).toBe(false);
  });

  it("refuses a line that is both kinds, or has unknown fields (a price from the till)", () => {
    expect(accepts({ lines: [{ itemId: "latte", amount: 100, quantity: 1 }] })).toBe(false);
    expect(accepts({ lines: [{ itemId: "latte", quantity: 1, unitPrice: 1 }] })).toBe(false);
    expect(accepts({ lines: [line], total: 1 })).toBe(false);
  });

  it("reads a discount as an amount or a percentage from 0 to 100 with at most two decimals", () => {
    for (const discount of [
      { amount: 0 },
      { amount: MAX_AMOUNT_MINOR },
      { percent: 0 },
      { percent: 100 },
      { percent: 12.34 },
    ])
      expect(accepts({ lines: [line], discount })).toBe(true);
    for (const discount of [
      { amount: -1 },
      { amount: 1.5 },
      { amount: MAX_AMOUNT_MINOR + 1 },
      { percent: -0.01 },
      { percent: 100.01 },
      { percent: 12.345 },
      { amount: 1, percent: 1 },
      {},
      10,
    ]) {
      expect(accepts({ lines: [line], discount })).toBe(false);
      expect(accepts({ lines: [{ ...line, discount }] })).toBe(false);
    }
  });
});
