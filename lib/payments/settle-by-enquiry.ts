/**
 * Settles a pending payment by asking QFPay (/trade/v1/query by out_trade_no), never by resending
 * it (ARCHITECTURE rule 2; API-FACTS §9). One enquiry at a time per payment: a caller must first
 * claim the row by moving its `next_check_at`, so concurrent readers do not multiply queries.
 */
import "server-only";
import { env } from "@/lib/env";
import { getDb } from "@/lib/db";
import type { PaymentRow } from "@/lib/db/schema";
import { qfpayConfigFromEnv } from "@/lib/qfpay/config";
import { queryByOutTradeNo } from "@/lib/qfpay/enquiry";
import { applyGatewayAnswer } from "./apply-gateway-answer";
import { findPayment, withLockedPayment, writePaymentChange } from "./ledger-writes";

/** Whether `row` is pending, was sent, and its next enquiry is due. */
export function isEnquiryDue(row: PaymentRow, now = new Date()): boolean {
  return row.status === "pending" && row.sent_at !== null && (row.next_check_at === null || row.next_check_at <= now.toISOString());
}

/** Claims the next enquiry for `row`; false when another request or instance already did. */
async function claimEnquiry(row: PaymentRow): Promise<boolean> {
  const db = await getDb();
  const next = new Date(Date.now() + env.PENDING_QUERY_INTERVAL_MS).toISOString();
  const result = await db
    .updateTable("payments")
    .set({ next_check_at: next, check_count: Number(row.check_count) + 1 })
    .where("out_trade_no", "=", row.out_trade_no)
    .where("status", "=", "pending")
    .where((eb) => (row.next_check_at === null ? eb("next_check_at", "is", null) : eb("next_check_at", "=", row.next_check_at)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Runs one enquiry for `row` when it is due and unclaimed; returns the row as it now stands. */
export async function settleByEnquiry(row: PaymentRow): Promise<PaymentRow> {
  if (!isEnquiryDue(row) || !(await claimEnquiry(row))) return row;
  const result = await queryByOutTradeNo(qfpayConfigFromEnv(), [row.out_trade_no], new Date(row.created_at));
  if (result.kind === "unknown") return (await findPayment(row.out_trade_no)) ?? row;
  const found = result.rows.find((r) => r.outTradeNo === row.out_trade_no && (r.orderType ?? "payment") === "payment");
  // Not found yet: QFPay may not have recorded it; keep asking (what "not found" looks like is
  // UNKNOWN, API-FACTS §4). Deciding to reverse or give up is the resolver's job (issue 3).
  if (!found) return (await findPayment(row.out_trade_no)) ?? row;
  if (found.reversedOrRefunded) {
    // respcd 0000 with cancel ≠ 0: reversed or refunded at QFPay (API-FACTS §4 "Key pitfall").
    return withLockedPayment(row.out_trade_no, async (trx, current) => {
      if (!current || current.status !== "pending") return current ?? row;
      return writePaymentChange(trx, current, {
        to: "cancelled",
        fields: { respcd: found.respcd, syssn: found.syssn ?? current.syssn, message: found.message, next_check_at: null },
        actor: "resolver",
        respcd: found.respcd,
        note: `QFPay reports the payment reversed (cancel ${found.cancel})`,
      });
    });
  }
  return applyGatewayAnswer(row.out_trade_no, { outcome: found.outcome, respcd: found.respcd, message: found.message, syssn: found.syssn }, "enquiry");
}
