/**
 * Prices an order from the catalogue (issue 12): one pure function the server uses to refuse a
 * tampered total and the till uses to show the cart's, so the two can never disagree. Money rules
 * (docs/pricing.md §3–§5): integers in minor units only; a percentage is rounded half to even, once
 * per discount; line discounts come before the cart discount; the cart discount is spread over the
 * lines by largest remainder so that the lines' totals add up to the order's total exactly.
 * Owns: the arithmetic and the refusals. Never: reading the catalogue (the caller's `prices` does).
 */
import { MAX_AMOUNT_MINOR } from "../money";
import type { DiscountInput, OrderInput, PricedLine, PricedOrder } from "./order";

/** What the catalogue says of one option choice. */
export interface CatalogueOptionPrice {
  name: { en: string; zh: string | null };
  /** Added to the item's unit price, minor units; may be negative (a small size). */
  priceDelta: number;
  /** Its option group; at most one choice of a single-choice group (a size) on one line. */
  group: { id: string; singleChoice: boolean };
}

/** What the catalogue says of one item, at the time of sale. */
export interface CataloguePrice {
  name: { en: string; zh: string | null };
  /** Unit price, minor units. */
  price: number;
  active: boolean;
  /** The item's option choices by id; an id not here is not one of this item's. */
  options: ReadonlyMap<string, CatalogueOptionPrice>;
}

/** Looks an item id up in the catalogue: undefined when there is no such item. */
export type CataloguePrices = (itemId: string) => CataloguePrice | undefined;

/** Why an order cannot be priced; stable names the API and the screens use (docs/pricing.md §6). */
export const PRICING_REFUSALS = [
  "unknown_item",
  "inactive_item",
  "unknown_option",
  "option_group_conflict",
  "negative_unit_price",
  "line_discount_too_large",
  "cart_discount_too_large",
  "total_zero",
  "total_too_large",
] as const;
type PricingRefusalReason = (typeof PRICING_REFUSALS)[number];

type PricingResult =
  | { ok: true; order: PricedOrder }
  | {
      ok: false;
      reason: PricingRefusalReason;
      /** The line it is about (0-based), when it is about one. */
      line?: number;
      /** The item or option id it is about, when there is one. */
      id?: string;
    };

type Refusal = Extract<PricingResult, { ok: false }>;

/** Basis points of a percentage (12.5 → 1250); the schema allows at most two decimals. */
function basisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/**
 * `amount × bp / 10000`, rounded half to even (docs/pricing.md §3). Exact in integers: amount is at
 * most MAX_AMOUNT_MINOR, so the product stays below 2^53.
 */
function percentOf(amount: number, bp: number): number {
  const product = amount * bp;
  const quotient = Math.floor(product / 10_000);
  const twice = 2 * (product - quotient * 10_000);
  if (twice > 10_000 || (twice === 10_000 && quotient % 2 === 1)) return quotient + 1;
  return quotient;
}

/** What a discount takes off `base`, before checking it against `base`. */
function discountOff(discount: DiscountInput | undefined, base: number): number {
  if (!discount) return 0;
  return "amount" in discount ? discount.amount : percentOf(base, basisPoints(discount.percent));
}

/**
 * Splits `amount` over `weights` in proportion, by largest remainder (docs/pricing.md §5): each
 * share is the floor of its exact part, and the units left go one each to the largest remainders,
 * the earlier line first on a tie. The shares add up to `amount`, and none exceeds its weight when
 * `amount` ≤ the weights' sum. BigInt: weight × amount may pass 2^53.
 */
function spread(amount: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (amount === 0 || sum === 0) return weights.map(() => 0);
  const big = BigInt(amount);
  const bigSum = BigInt(sum);
  const parts = weights.map((weight, index) => {
    const exact = BigInt(weight) * big;
    return { index, share: Number(exact / bigSum), remainder: exact % bigSum };
  });
  let left = amount - parts.reduce((total, part) => total + part.share, 0);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const part of byRemainder) {
    if (left === 0) break;
    part.share += 1;
    left -= 1;
  }
  return parts.map((part) => part.share);
}

function applied(discount: DiscountInput | undefined): PricedLine["discount"] {
  if (!discount) return null;
  return "amount" in discount ? { amount: discount.amount } : { percent: discount.percent };
}

type LineBeforeCart = Omit<PricedLine, "cartDiscount" | "total">;

/** A line priced up to its own discount, or why it cannot be. */
function priceLine(
  line: OrderInput["lines"][number],
  index: number,
  prices: CataloguePrices,
): LineBeforeCart | Refusal {
  const note = line.note ? line.note : null;
  let head: Pick<PricedLine, "kind" | "itemId" | "name" | "unitPrice" | "options">;
  if ("itemId" in line) {
    const item = prices(line.itemId);
    if (!item) return { ok: false, reason: "unknown_item", line: index, id: line.itemId };
    if (!item.active) return { ok: false, reason: "inactive_item", line: index, id: line.itemId };
    const options: PricedLine["options"] = [];
    const singleGroups = new Set<string>();
    let unitPrice = item.price;
    for (const id of line.options ?? []) {
      const option = item.options.get(id);
      if (!option) return { ok: false, reason: "unknown_option", line: index, id };
      if (option.group.singleChoice) {
        if (singleGroups.has(option.group.id)) return { ok: false, reason: "option_group_conflict", line: index, id };
        singleGroups.add(option.group.id);
      }
      unitPrice += option.priceDelta;
      options.push({ id, name: option.name, priceDelta: option.priceDelta });
    }
    if (unitPrice < 0) return { ok: false, reason: "negative_unit_price", line: index, id: line.itemId };
    head = { kind: "item", itemId: line.itemId, name: item.name, unitPrice, options };
  } else {
    head = { kind: "custom", itemId: null, name: null, unitPrice: line.amount, options: [] };
  }
  // Checked before multiplying, so that every product below stays an exact integer.
  if (head.unitPrice > MAX_AMOUNT_MINOR) return { ok: false, reason: "total_too_large", line: index };
  const gross = head.unitPrice * line.quantity;
  if (gross > MAX_AMOUNT_MINOR) return { ok: false, reason: "total_too_large", line: index };
  const lineDiscount = discountOff(line.discount, gross);
  if (lineDiscount > gross) return { ok: false, reason: "line_discount_too_large", line: index };
  return { ...head, quantity: line.quantity, note, gross, discount: applied(line.discount), lineDiscount };
}

/**
 * Prices `order` with what the catalogue says (`prices`): every line's unit price, gross, own
 * discount and share of the cart discount, the subtotal and the total; or the first reason it
 * cannot be priced. The caller checks the payment's `amount` against `total`.
 */
export function priceOrder(order: OrderInput, prices: CataloguePrices): PricingResult {
  const lines: LineBeforeCart[] = [];
  let gross = 0;
  for (const [index, input] of order.lines.entries()) {
    const line = priceLine(input, index, prices);
    if ("ok" in line) return line;
    gross += line.gross;
    // docs/pricing.md §2: the order before any discount stays within the limit too.
    if (gross > MAX_AMOUNT_MINOR) return { ok: false, reason: "total_too_large" };
    lines.push(line);
  }
  const nets = lines.map((line) => line.gross - line.lineDiscount);
  const subtotal = nets.reduce((a, b) => a + b, 0);
  const cartDiscount = discountOff(order.discount, subtotal);
  if (cartDiscount > subtotal) return { ok: false, reason: "cart_discount_too_large" };
  const total = subtotal - cartDiscount;
  if (total <= 0) return { ok: false, reason: "total_zero" };
  const shares = spread(cartDiscount, nets);
  return {
    ok: true,
    order: {
      lines: lines.map((line, index) => {
        const share = shares[index] ?? 0;
        return { ...line, cartDiscount: share, total: (nets[index] ?? 0) - share };
      }),
      subtotal,
      discount: applied(order.discount),
      cartDiscount,
      total,
    },
  };
}
