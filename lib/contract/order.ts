/**
 * The order a payment carries (issue 12), as both sides see it: what `POST /api/payments` accepts
 * in `order` (`orderInput`) and the priced order `GET /api/payments/{outTradeNo}` answers
 * (`pricedOrder`). The prices come from the catalogue, never from the request: `priceOrder`
 * (order-pricing.ts) turns the one into the other on both sides (docs/pricing.md §1). zod/mini and
 * relative imports only, no import of payments.ts: that module will carry `order` in its request
 * schema (docs/architecture.md §7.5).
 */
import * as z from "zod/mini";
import { MAX_AMOUNT_MINOR } from "../money";

/** What one order may hold (docs/pricing.md §2). */
export const ORDER_LIMITS = {
  lines: 100,
  quantity: 999,
  noteLength: 140,
  optionsPerLine: 10,
  idLength: 64,
} as const;

/** Whole minor units from 0 to MAX_AMOUNT_MINOR: `words` say what is wrong otherwise. */
function minorUnits(words: string) {
  return z.number({ error: words }).check(z.int(words), z.nonnegative(words), z.maximum(MAX_AMOUNT_MINOR, words));
}

/**
 * A catalogue id as the request names it: the catalogue's ids may be numbers or text, and the
 * pricing looks them up as text, so both read as the same string.
 */
const catalogueId = z.pipe(
  z.union([
    z.string().check(z.minLength(1), z.maxLength(ORDER_LIMITS.idLength)),
    z.number().check(z.int(), z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
  ]),
  z.transform((id) => String(id)),
);

/**
 * A discount: an amount in minor units, or a percentage from 0 to 100 with at most two decimals
 * (12.5 %). Never both. docs/pricing.md §3.
 */
const discountInput = z.union([
  z.strictObject({ amount: minorUnits("a discount amount must be a whole number of minor units") }),
  z.strictObject({
    percent: z.number({ error: "a discount percentage must be a number" }).check(
      z.minimum(0, "a discount percentage must be from 0 to 100"),
      z.maximum(100, "a discount percentage must be from 0 to 100"),
      z.refine(
        (percent) => Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-6,
        "a discount percentage has at most two decimals",
      ),
    ),
  }),
]);
export type DiscountInput = z.infer<typeof discountInput>;

const quantity = z
  .number({ error: "quantity must be a whole number" })
  .check(
    z.int("quantity must be a whole number"),
    z.minimum(1, "quantity must be at least 1"),
    z.maximum(ORDER_LIMITS.quantity, `quantity must be at most ${ORDER_LIMITS.quantity}`),
  );

const note = z.optional(
  z
    .string({ error: "a note must be text" })
    .check(
      z.trim(),
      z.maxLength(ORDER_LIMITS.noteLength, `a note must be at most ${ORDER_LIMITS.noteLength} characters`),
    ),
);

/** A line of a catalogue item, with the choices of its option groups (oat milk, large). */
const itemLineInput = z.strictObject({
  itemId: catalogueId,
  quantity,
  note,
  options: z.optional(
    z.array(catalogueId).check(
      z.maxLength(ORDER_LIMITS.optionsPerLine, `a line may have at most ${ORDER_LIMITS.optionsPerLine} options`),
      z.refine((ids) => new Set(ids).size === ids.length, "an option is chosen twice"),
    ),
  ),
  discount: z.optional(discountInput),
});

/** A line of the keypad's custom amount: the unit price is the cashier's. */
const customLineInput = z.strictObject({
  amount: minorUnits("a custom amount must be a whole number of minor units").check(
    z.positive("a custom amount must be greater than zero"),
  ),
  quantity,
  note,
  discount: z.optional(discountInput),
});

/** `order` on `POST /api/payments`: the lines in the cart's order, and the whole cart's discount. */
export const orderInput = z.strictObject({
  lines: z
    .array(z.union([itemLineInput, customLineInput]))
    .check(
      z.minLength(1, "an order has at least one line"),
      z.maxLength(ORDER_LIMITS.lines, `an order has at most ${ORDER_LIMITS.lines} lines`),
    ),
  discount: z.optional(discountInput),
});
export type OrderInput = z.infer<typeof orderInput>;

/** A name in both languages; the Chinese one may be missing (the English is shown then). */
const names = z.object({ en: z.string(), zh: z.nullable(z.string()) });

const appliedDiscount = z.nullable(z.union([z.object({ amount: z.number() }), z.object({ percent: z.number() })]));

/** A chosen option as priced: its name and what it adds to the unit price (minor units). */
const pricedOption = z.object({ id: z.string(), name: names, priceDelta: z.number() });

/**
 * A priced line (docs/pricing.md §4). All amounts are minor units:
 * `gross` = unitPrice × quantity; `total` = gross − lineDiscount − cartDiscount, what a refund of
 * this line gives back.
 */
const pricedLine = z.object({
  kind: z.enum(["item", "custom"]),
  /** The catalogue item; null for a custom amount. */
  itemId: z.nullable(z.string()),
  /** The catalogue's name at the time of sale; null for a custom amount. */
  name: z.nullable(names),
  quantity: z.number(),
  /** The item's price plus its options' deltas, or the custom amount. */
  unitPrice: z.number(),
  options: z.array(pricedOption),
  note: z.nullable(z.string()),
  gross: z.number(),
  /** The line's own discount as asked, and what it took off. */
  discount: appliedDiscount,
  lineDiscount: z.number(),
  /** This line's share of the cart discount. */
  cartDiscount: z.number(),
  total: z.number(),
});

/** `order` on `GET /api/payments/{outTradeNo}`: the lines' totals add up to `total` exactly. */
export const pricedOrder = z.object({
  lines: z.array(pricedLine),
  /** The lines after their own discounts, before the cart's. */
  subtotal: z.number(),
  /** The cart discount as asked, and what it took off (spread over the lines). */
  discount: appliedDiscount,
  cartDiscount: z.number(),
  total: z.number(),
});
export type PricedOrder = z.infer<typeof pricedOrder>;
export type PricedLine = PricedOrder["lines"][number];
