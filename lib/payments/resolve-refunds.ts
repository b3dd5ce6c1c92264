/**
 * Settles refunds that QFPay answered "processing" (1143/1145) or not at all: by enquiry on the
 * refund's own out_trade_no, never by resending it (a resend is refused as 1251, API-FACTS §5).
 */
import "server-only";
import type { RefundRow } from "@/lib/db/schema";
import { qfpayConfigFromEnv } from "@/lib/qfpay/config";
import { MAX_OUT_TRADE_NOS_PER_QUERY, queryByOutTradeNo } from "@/lib/qfpay/enquiry";
import { GIVE_UP_WINDOWS } from "./resolve-plan";
import { resolveTiming } from "./resolve-payments";
import { completeRefund, withLockedRefund, writeRefundChange, type RefundChange } from "./refund-writes";

const ACTOR = "resolver";

export async function resolveRefunds(rows: readonly RefundRow[], owner: string, now = new Date()): Promise<void> {
  const config = qfpayConfigFromEnv();
  const timing = resolveTiming();
  for (let i = 0; i < rows.length; i += MAX_OUT_TRADE_NOS_PER_QUERY) {
    const chunk = rows.slice(i, i + MAX_OUT_TRADE_NOS_PER_QUERY);
    const oldest = new Date(chunk.reduce((min, r) => (r.created_at < min ? r.created_at : min), chunk[0]!.created_at));
    const result = await queryByOutTradeNo(config, chunk.map((r) => r.out_trade_no), oldest);
    for (const refund of chunk) {
      const found = result.kind === "answer" ? result.rows.find((r) => r.outTradeNo === refund.out_trade_no && r.orderType === "refund") : undefined;
      const outcome = found?.refundOutcome;
      const fromQfpay = found ? { respcd: found.respcd, syssn: found.syssn ?? refund.syssn, message: found.message ?? refund.message } : {};
      if (outcome?.status === "succeeded") {
        await completeRefund(refund.out_trade_no, refund.payment_out_trade_no, { fields: { ...fromQfpay, next_check_at: null, lease_until: null, lease_owner: null }, actor: ACTOR, respcd: found?.respcd ?? null });
      } else if (outcome?.status === "failed") {
        await writeRefundIfOurs(refund.out_trade_no, owner, { to: "failed", fields: { ...fromQfpay, failure_reason: outcome.reason, next_check_at: null }, actor: ACTOR, respcd: found?.respcd ?? null });
      } else if (now.getTime() - new Date(refund.sent_at ?? refund.created_at).getTime() >= GIVE_UP_WINDOWS * timing.windowMs) {
        const reason = "refund status still unknown: check it in QFPay's merchant portal";
        await writeRefundIfOurs(refund.out_trade_no, owner, { to: "needs_attention", fields: { ...fromQfpay, attention_reason: reason, next_check_at: null }, actor: ACTOR, note: reason });
      } else {
        await writeRefundIfOurs(refund.out_trade_no, owner, {
          fields: { next_check_at: new Date(now.getTime() + timing.intervalMs).toISOString(), check_count: Number(refund.check_count) + 1 },
          actor: ACTOR,
        });
      }
    }
  }
}

async function writeRefundIfOurs(outTradeNo: string, owner: string, change: RefundChange): Promise<void> {
  await withLockedRefund(outTradeNo, async (trx, current) => {
    if (!current || current.lease_owner !== owner) return;
    const release = { lease_until: null, lease_owner: null };
    if (current.status !== "pending") return writeRefundChange(trx, current, { actor: change.actor, fields: release });
    return writeRefundChange(trx, current, { ...change, fields: { ...change.fields, ...release } });
  });
}
