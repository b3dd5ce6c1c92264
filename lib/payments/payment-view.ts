import "server-only";
import type { PaymentRow, RefundRow } from "@/lib/db/schema";
import type { PaymentView, RefundView } from "@/lib/contract/payments";
import { holdsMoney, isRefundOpen } from "@/lib/contract/payment-status";

export function toRefundView(row: RefundRow): RefundView {
  return {
    outTradeNo: row.out_trade_no,
    paymentOutTradeNo: row.payment_out_trade_no,
    amount: Number(row.amount),
    currency: row.currency,
    status: row.status,
    respcd: row.respcd,
    message: row.message,
    failureReason: row.failure_reason,
    syssn: row.syssn,
    createdBy: row.created_by,
    approvedBy: row.approved_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What may still be refunded: only from a paid payment, minus refunds done or in progress. */
export function refundableAmount(row: PaymentRow, refunds: readonly RefundRow[]): number {
  if (!holdsMoney(row.status)) return 0;
  const inProgress = refunds.filter((r) => isRefundOpen(r.status)).reduce((sum, r) => sum + Number(r.amount), 0);
  return Math.max(0, Number(row.amount) - Number(row.refunded_amount) - inProgress);
}

/** QFPay's answer was a failure it has not confirmed, or unreadable: not "the customer is entering a password". */
function isChecking(row: PaymentRow): boolean {
  if (row.status !== "pending" || row.cancel_requested_at !== null) return false;
  if (row.tentative_failure_kind !== null) return true;
  return row.answered_at !== null && row.respcd !== "1143" && row.respcd !== "1145";
}

/** The ledger row as the API shows it: never the code's hash, never internal scheduling fields. */
export function toPaymentView(row: PaymentRow, refunds: readonly RefundRow[] = []): PaymentView {
  return {
    outTradeNo: row.out_trade_no,
    status: row.status,
    amount: Number(row.amount),
    currency: row.currency,
    payType: row.pay_type,
    wallet: row.wallet,
    authCodeLast4: row.auth_code_last4,
    syssn: row.syssn,
    respcd: row.respcd,
    message: row.message,
    failureKind: row.failure_kind,
    refundedAmount: Number(row.refunded_amount),
    refundableAmount: refundableAmount(row, refunds),
    refunds: refunds.map(toRefundView),
    cancelRequested: row.cancel_requested_at !== null,
    attentionReason: row.attention_reason,
    attentionKind: row.status === "needs_attention" ? (row.attention_kind ?? "unsettled") : null,
    checking: isChecking(row),
    walletReference: row.chnlsn,
    paidAt: row.paydtm,
    qfpayPayType: row.qfpay_pay_type,
    openRefunds: refunds.filter((r) => isRefundOpen(r.status)).length,
    createdBy: row.created_by,
    sentBy: row.sent_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
