/**
 * The questions both sides ask of a payment's (or a refund's) status, one predicate per question
 * (issue 11: "one name per concept"). Pure: the ledger, the outbox and the screens all import these
 * instead of comparing status strings. The transition table itself is the server's
 * (lib/payments/status.ts, docs/architecture.md §2).
 *
 * The words, each with one meaning (docs/glossary.md):
 * - final: no longer `pending`. Nothing moves back to `pending` (docs/architecture.md §6.3), so the
 *   till's part is over; the outbox's `final` phase is this.
 * - open: someone still has to act on it: QFPay (`pending`) or a manager (`needs_attention`). The
 *   same word for refunds, as the API's `openRefunds` count.
 * - holds money: the merchant holds (some of) the customer's money under it.
 * - ended unpaid: the cashier was told no money was taken (`failed`, `cancelled`).
 */
import type { AttentionKind, PaymentStatus, RefundStatus } from "./payments";

/**
 * Left `pending` for good: QFPay's outcome (or a manager's case) is in and nothing at the till will
 * change it. `needs_attention` is final: the outbox stops looking it up, a manager takes it from here.
 */
export function isFinal(status: PaymentStatus): boolean {
  return status !== "pending";
}

/**
 * Still waiting for QFPay (`pending`) or for a manager (`needs_attention`): lists keep refreshing it,
 * the sale screen keeps it on screen, and only an open payment takes QFPay's later word as news.
 */
export function isOpen(status: PaymentStatus): boolean {
  return status === "pending" || status === "needs_attention";
}

/**
 * The merchant holds (some of) the customer's money under it: paid, or partly refunded. Only these
 * may be refunded. Also asked of QFPay's record in one word (lib/contract/reconcile.ts), whose paid and
 * partly refunded records have these same names.
 */
export function holdsMoney(status: string): boolean {
  return status === "paid" || status === "partially_refunded";
}

/**
 * The cashier was told no money was taken: it failed, or it was cancelled. QFPay can still prove it
 * charged after all (a customer finishing in the wallet app), which makes it a manager's case.
 */
export function endedUnpaid(status: PaymentStatus): boolean {
  return status === "failed" || status === "cancelled";
}

/**
 * A manager must decide about a charge the cashier was told had failed (or was cancelled): refund it,
 * or keep it. QFPay's word no longer settles it.
 */
export function isChargedAfterFailure(status: PaymentStatus, attentionKind: AttentionKind | null): boolean {
  return status === "needs_attention" && attentionKind === "charged_after_failure";
}

/** A refund still waiting for QFPay (`pending`) or for a manager (`needs_attention`). */
export function isRefundOpen(status: RefundStatus): boolean {
  return status === "pending" || status === "needs_attention";
}

/** What the refund questions read of a payment (a `PaymentView` has it). */
type WithRefunds = { refunds: readonly { status: RefundStatus }[] };

/** Some refund of this payment is open: no other refund may start, and the payment is still moving. */
export function hasOpenRefund(payment: WithRefunds | undefined): boolean {
  return payment?.refunds.some((refund) => isRefundOpen(refund.status)) ?? false;
}

/** The payment or one of its refunds is open: a list showing it keeps refreshing. */
export function isPaymentOrRefundOpen(payment: WithRefunds & { status: PaymentStatus }): boolean {
  return isOpen(payment.status) || hasOpenRefund(payment);
}
