/**
 * A payment row as the ledger holds one written but never sent to QFPay (pending, `sent_at` null):
 * what the server leaves when it stops between the write and the request, and the plainest row a
 * ledger test can start from.
 */
import type { Insertable } from "kysely";
import type { PaymentsTable } from "@/lib/db/schema";

export function unsentPaymentRow(outTradeNo: string, at: string, amount = 100): Insertable<PaymentsTable> {
  return {
    out_trade_no: outTradeNo,
    amount,
    currency: "HKD",
    pay_type: "800008",
    wallet: "wechat",
    auth_code_hash: `h${outTradeNo}`,
    auth_code_last4: "0000",
    status: "pending",
    failure_kind: null,
    respcd: null,
    message: null,
    syssn: null,
    created_by: "cashier",
    sent_at: null,
    answered_at: null,
    next_check_at: null,
    created_at: at,
    updated_at: at,
  };
}
