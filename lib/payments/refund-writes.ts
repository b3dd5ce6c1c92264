/**
 * Refunds as an entity of the ledger's one audited write (lib/db/audited-write.ts): a refund's status
 * changes only through `writeRefundChange`, checked against `./refund-status` and recorded in
 * `refund_events` in the same transaction. A refund that succeeds also moves its payment (refunded
 * amount, status).
 */
import "server-only";
import { isRefundOpen } from "@/lib/contract/payment-status";
import { auditedTable, ledgerTransaction, type AuditedChange } from "@/lib/db/audited-write";
import type { RefundRow } from "@/lib/db/schema";
import { lockPayment, writePaymentChange } from "./ledger-writes";
import { assertRefundTransition } from "./refund-status";

const refunds = auditedTable({
  table: "refunds",
  key: "out_trade_no",
  events: "refund_events",
  eventKey: "refund_out_trade_no",
  assertTransition: assertRefundTransition,
});

export type RefundChange = AuditedChange<"refunds", "out_trade_no">;

export const lockRefund = refunds.lock;
export const writeRefundChange = refunds.write;
/** Inserts a new refund and its first `refund_events` row (and the audit row of the person who asked for it). */
export const insertRefund = refunds.insert;
export const withLockedRefund = refunds.withLocked;

/**
 * Marks a refund succeeded and adds it to its payment, in one transaction (payment locked first,
 * then the refund, always in that order so two writers cannot deadlock).
 */
export async function completeRefund(
  refundOutTradeNo: string,
  paymentOutTradeNo: string,
  change: Omit<RefundChange, "to">,
): Promise<RefundRow | undefined> {
  return ledgerTransaction(async (trx) => {
    const payment = await lockPayment(trx, paymentOutTradeNo);
    const refund = await lockRefund(trx, refundOutTradeNo);
    if (!payment || !refund || !isRefundOpen(refund.status)) return refund;
    const updated = await writeRefundChange(trx, refund, { ...change, to: "succeeded" });
    const refunded = Number(payment.refunded_amount) + Number(refund.amount);
    const to = refunded >= Number(payment.amount) ? "refunded" : "partially_refunded";
    await writePaymentChange(trx, payment, {
      to,
      fields: { refunded_amount: refunded },
      actor: change.actor,
      respcd: change.respcd ?? null,
      note: `refund ${refund.out_trade_no} of ${refund.amount} succeeded`,
    });
    return updated;
  });
}
