/**
 * Settles refunds that QFPay answered "processing" (1143/1145) or not at all: by enquiry on the
 * refund's own out_trade_no, never by resending it (a resend is refused as 1251, docs/qfpay.md §5).
 * A refund that cannot be settled goes to a manager and is still asked about with the same
 * back-off as payments for 24 hours (issue 8), so it never silently stays unknown.
 */
import "server-only";
import type { RefundRow } from "@/lib/db/schema";
import { qfpayConfigFromEnv } from "@/lib/qfpay/config";
import { queryInBatches } from "@/lib/qfpay/enquiry";
import { matchRefundRow } from "@/lib/qfpay/match";
import { isRefundOpen } from "@/lib/contract/payment-status";
import { nowIso } from "./ledger-writes";
import { GIVE_UP_WINDOWS, nextLateCheck } from "./resolve-plan";
import { resolveTiming, sentAtOf } from "./resolve-payments";
import { completeRefund, withLockedRefund, writeRefundChange, type RefundChange } from "./refund-writes";

const ACTOR = "resolver";

export async function resolveRefunds(rows: readonly RefundRow[], owner: string, now = new Date()): Promise<void> {
  const config = qfpayConfigFromEnv();
  const timing = resolveTiming();
  const findings = await queryInBatches(
    config,
    rows.map((r) => ({ outTradeNo: r.out_trade_no, sentAt: sentAtOf(r) })),
    now,
  );
  for (const refund of rows) {
    const answer = findings.get(refund.out_trade_no);
    const found =
      answer?.kind === "rows"
        ? matchRefundRow(answer.rows, { outTradeNo: refund.out_trade_no, syssn: refund.syssn })
        : undefined;
    const outcome = found?.refundOutcome;
    const fromQfpay = found
      ? { respcd: found.respcd, syssn: found.syssn ?? refund.syssn, message: found.message ?? refund.message }
      : {};
    if (outcome?.status === "succeeded") {
      await completeRefund(refund.out_trade_no, refund.payment_out_trade_no, {
        fields: { ...fromQfpay, next_check_at: null, lease_until: null, lease_owner: null },
        actor: ACTOR,
        respcd: found?.respcd ?? null,
      });
    } else if (outcome?.status === "failed") {
      await writeRefundIfOurs(refund.out_trade_no, owner, {
        to: "failed",
        fields: { ...fromQfpay, failure_reason: outcome.reason, next_check_at: null },
        actor: ACTOR,
        respcd: found?.respcd ?? null,
      });
    } else if (refund.status === "needs_attention") {
      const next = nextLateCheck(new Date(refund.attention_at ?? refund.updated_at), now, timing);
      await writeRefundIfOurs(refund.out_trade_no, owner, {
        fields: {
          ...fromQfpay,
          next_check_at: next?.toISOString() ?? null,
          check_count: Number(refund.check_count) + 1,
        },
        actor: ACTOR,
        note: next
          ? null
          : "24 hours of checks with QFPay did not settle this refund: check it in QFPay's merchant portal",
      });
    } else if (now.getTime() - sentAtOf(refund).getTime() >= GIVE_UP_WINDOWS * timing.windowMs) {
      const reason =
        "refund status still unknown: ScanTill keeps asking QFPay for 24 hours; check it in QFPay's merchant portal";
      await writeRefundIfOurs(refund.out_trade_no, owner, {
        to: "needs_attention",
        fields: {
          ...fromQfpay,
          attention_reason: reason,
          attention_at: nowIso(),
          next_check_at: nextLateCheck(now, now, timing)?.toISOString() ?? null,
        },
        actor: ACTOR,
        note: reason,
      });
    } else {
      await writeRefundIfOurs(refund.out_trade_no, owner, {
        fields: {
          next_check_at: new Date(now.getTime() + timing.intervalMs).toISOString(),
          check_count: Number(refund.check_count) + 1,
        },
        actor: ACTOR,
      });
    }
  }
}

async function writeRefundIfOurs(outTradeNo: string, owner: string, change: RefundChange): Promise<void> {
  await withLockedRefund(outTradeNo, async (trx, current) => {
    if (!current || current.lease_owner !== owner) return;
    const release = { lease_until: null, lease_owner: null };
    if (!isRefundOpen(current.status)) return writeRefundChange(trx, current, { actor: change.actor, fields: release });
    return writeRefundChange(trx, current, { ...change, fields: { ...change.fields, ...release } });
  });
}
