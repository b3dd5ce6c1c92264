import type { PaymentRow } from "@/lib/db/schema";
import type { PaymentView } from "./types";

/** The ledger row as the API shows it: never the code's hash, never internal scheduling fields. */
export function toPaymentView(row: PaymentRow): PaymentView {
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
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
