/**
 * Which enquiry row, if any, is the payment we sent (issue 8). Rows are matched, never trusted:
 * an answer may hold several rows with our out_trade_no (a refund of it, a companion row that
 * names it in `origssn`), and a row whose amount or currency differs from what we asked is not
 * our payment being paid (docs/qfpay.md §4 "data[] fields", §12 "reconcile all rows").
 */
import "server-only";
import type { EnquiryRow } from "./enquiry";

type ExpectedPayment = {
  outTradeNo: string;
  /** QFPay's syssn for it, when it ever gave one: then only that row is ours. */
  syssn: string | null;
  /** Minor units. */
  amount: number;
  currency: string;
};

export type PaymentRowMatch =
  | { kind: "row"; row: EnquiryRow }
  | { kind: "missing" }
  /** A row that is ours by id but differs in amount or currency: never paid, a person looks. */
  | { kind: "mismatch"; row: EnquiryRow; reason: string };

/** A payment row of its own: order_type payment (or absent) and no `origssn` (refund/companion rows carry one). */
export function isOwnPaymentRow(row: EnquiryRow): boolean {
  return (row.orderType === null || row.orderType === "payment") && row.originalSyssn === null;
}

export function matchPaymentRow(rows: readonly EnquiryRow[], expected: ExpectedPayment): PaymentRowMatch {
  const candidates = rows.filter((r) => r.outTradeNo === expected.outTradeNo && isOwnPaymentRow(r));
  const ours = expected.syssn === null ? candidates : candidates.filter((r) => r.syssn === expected.syssn);
  // Two payment rows for one out_trade_no cannot both be ours (§12: unique per merchant); prefer the
  // one that shows the most progress, so a paid row is never hidden behind a failed attempt.
  const row =
    ours.find((r) => r.outcome.status === "paid" || r.reversedOrRefunded) ??
    ours.find((r) => r.outcome.status !== "pending") ??
    ours[0];
  if (!row) return { kind: "missing" };
  // A failed or undone row moved no money this payment keeps, whatever its amount: it settles the
  // payment as failed/cancelled. Only a row that is (or may become) a charge must be ours exactly.
  if (row.outcome.status === "failed" || row.reversedOrRefunded) return { kind: "row", row };
  if (row.amount !== null && row.amount !== expected.amount) {
    return {
      kind: "mismatch",
      row,
      reason: `QFPay's record is for ${row.amount} (minor units), ours for ${expected.amount}`,
    };
  }
  if (row.currency !== null && row.currency !== expected.currency) {
    return { kind: "mismatch", row, reason: `QFPay's record is in ${row.currency}, ours in ${expected.currency}` };
  }
  return { kind: "row", row };
}

/** The refund row for a refund's own out_trade_no (`order_type` refund, §4, §5). */
export function matchRefundRow(
  rows: readonly EnquiryRow[],
  refund: { outTradeNo: string; syssn: string | null },
): EnquiryRow | undefined {
  const candidates = rows.filter((r) => r.outTradeNo === refund.outTradeNo && r.orderType === "refund");
  return (refund.syssn ? candidates.find((r) => r.syssn === refund.syssn) : undefined) ?? candidates[0];
}
