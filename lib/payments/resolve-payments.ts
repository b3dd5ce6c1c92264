/**
 * Works the payments the resolver has leased: one batched enquiry per month of payments
 * (comma-separated out_trade_no, API-FACTS §4), then for each row the plan of `resolve-plan.ts`:
 * settle, wait, reverse/close, or hand to a manager. Every write checks the lease is still ours
 * and that the payment is still open, so a late answer elsewhere is never overwritten.
 */
import "server-only";
import { env } from "@/lib/env";
import type { PaymentRow } from "@/lib/db/schema";
import { qfpayConfigFromEnv, type QfpayConfig } from "@/lib/qfpay/config";
import { cancelEndpointsFor, sendCancel, type CancelEndpoint } from "@/lib/qfpay/cancel";
import { MAX_OUT_TRADE_NOS_PER_QUERY, queryByOutTradeNo, type EnquiryRow } from "@/lib/qfpay/enquiry";
import { withLockedPayment, writePaymentChange, type PaymentChange } from "./ledger-writes";
import { planAfterCancel, planAfterEnquiry, type EnquiryFinding, type Plan, type PlanRow, type ResolveTiming } from "./resolve-plan";

const ACTOR = "resolver";

export function resolveTiming(): ResolveTiming {
  return { intervalMs: env.PENDING_QUERY_INTERVAL_MS, windowMs: env.PENDING_WINDOW_MS, firstQueryMs: env.PENDING_FIRST_QUERY_MS };
}

function toPlanRow(row: PaymentRow): PlanRow {
  return {
    sentAt: new Date(row.sent_at ?? row.created_at),
    phase: row.resolve_phase,
    cancelRequested: row.cancel_requested_at !== null,
    cancelAttempts: Number(row.cancel_attempts),
    cancelEndpoints: cancelEndpointsFor(row.pay_type),
  };
}

/** Resolves the payments leased to `owner`. */
export async function resolvePayments(rows: readonly PaymentRow[], owner: string, now = new Date()): Promise<void> {
  const config = qfpayConfigFromEnv();
  const timing = resolveTiming();
  const toQuery = rows.filter((r) => r.resolve_phase !== "reversing");
  const findings = await enquire(config, toQuery);
  for (const row of rows) {
    const plan = row.resolve_phase === "reversing" ? planReversal(row) : planAfterEnquiry(toPlanRow(row), findings.get(row.out_trade_no) ?? { kind: "unknown" }, now, timing);
    await carryOut(config, row, plan, owner, timing, findings.get(row.out_trade_no));
  }
}

function planReversal(row: PaymentRow): Plan {
  const endpoints = cancelEndpointsFor(row.pay_type);
  const attempts = Number(row.cancel_attempts);
  if (endpoints.length === 0) return { kind: "wait", nextCheckAt: new Date(), phase: null };
  return { kind: "send_cancel", endpoint: endpoints[attempts % endpoints.length]! };
}

async function enquire(config: QfpayConfig, rows: readonly PaymentRow[]): Promise<Map<string, EnquiryFinding & { row?: EnquiryRow }>> {
  const findings = new Map<string, EnquiryFinding & { row?: EnquiryRow }>();
  // One query per calendar month of creation: a query window must stay inside one month (§4).
  const byMonth = new Map<string, PaymentRow[]>();
  for (const row of rows) byMonth.set(row.created_at.slice(0, 7), [...(byMonth.get(row.created_at.slice(0, 7)) ?? []), row]);
  for (const group of byMonth.values()) {
    for (let i = 0; i < group.length; i += MAX_OUT_TRADE_NOS_PER_QUERY) {
      const chunk = group.slice(i, i + MAX_OUT_TRADE_NOS_PER_QUERY);
      const oldest = new Date(chunk.reduce((min, r) => (r.created_at < min ? r.created_at : min), chunk[0]!.created_at));
      const result = await queryByOutTradeNo(config, chunk.map((r) => r.out_trade_no), oldest);
      for (const row of chunk) {
        if (result.kind === "unknown") {
          findings.set(row.out_trade_no, { kind: "unknown" });
          continue;
        }
        const found = result.rows.find((r) => r.outTradeNo === row.out_trade_no && (r.orderType ?? "payment") === "payment");
        findings.set(row.out_trade_no, found ? { kind: "row", outcome: found.outcome, reversedOrRefunded: found.reversedOrRefunded, row: found } : { kind: "missing" });
      }
    }
  }
  return findings;
}

async function carryOut(
  config: QfpayConfig,
  row: PaymentRow,
  plan: Plan,
  owner: string,
  timing: ResolveTiming,
  finding: (EnquiryFinding & { row?: EnquiryRow }) | undefined,
): Promise<void> {
  const fromQfpay = finding?.row ? { respcd: finding.row.respcd, syssn: finding.row.syssn ?? row.syssn, message: finding.row.message ?? row.message } : {};
  switch (plan.kind) {
    case "settle": {
      const outcome = plan.outcome;
      await writeIfOurs(row.out_trade_no, owner, {
        to: outcome.status,
        fields: { ...fromQfpay, failure_kind: outcome.status === "failed" ? outcome.failureKind : null, next_check_at: null, resolve_phase: null },
        actor: ACTOR,
        respcd: finding?.row?.respcd ?? null,
        note: row.cancel_requested_at && outcome.status === "paid" ? "paid after all: the customer completed the payment during the cancel" : null,
      });
      return;
    }
    case "cancelled":
      await writeIfOurs(row.out_trade_no, owner, { to: "cancelled", fields: { ...fromQfpay, next_check_at: null, resolve_phase: null }, actor: ACTOR, respcd: finding?.row?.respcd ?? null, note: plan.note });
      return;
    case "attention":
      await writeIfOurs(row.out_trade_no, owner, { to: "needs_attention", fields: { ...fromQfpay, attention_reason: plan.reason, next_check_at: null }, actor: ACTOR, respcd: finding?.row?.respcd ?? null, note: plan.reason });
      return;
    case "wait":
      await writeIfOurs(row.out_trade_no, owner, {
        fields: { next_check_at: plan.nextCheckAt.toISOString(), resolve_phase: plan.phase, check_count: Number(row.check_count) + 1 },
        actor: ACTOR,
      });
      return;
    case "send_cancel": {
      const attempt = await sendCancel(config, plan.endpoint as CancelEndpoint, {
        outTradeNo: row.out_trade_no,
        amount: Number(row.amount),
        txdtm: new Date(row.sent_at ?? row.created_at),
        syssn: row.syssn,
      });
      const after = planAfterCancel(toPlanRow(row), attempt.result, new Date(), timing);
      const attempts = Number(row.cancel_attempts) + 1;
      const note = `${plan.endpoint} sent: ${attempt.result}${attempt.respcd ? ` (${attempt.respcd})` : ""}${attempt.unknownReason ? ` ${attempt.unknownReason}` : ""}`;
      const updated = await writeIfOurs(row.out_trade_no, owner, {
        fields: {
          cancel_attempts: attempts,
          resolve_phase: after.kind === "send_cancel" ? "reversing" : "confirming",
          next_check_at: after.kind === "wait" ? after.nextCheckAt.toISOString() : new Date().toISOString(),
        },
        actor: ACTOR,
        respcd: attempt.respcd,
        note,
        keepLease: after.kind === "send_cancel",
      });
      if (after.kind === "send_cancel" && updated?.status === "pending") await carryOut(config, updated, after, owner, timing, undefined);
      return;
    }
  }
}

/**
 * Writes `change` when we still hold the lease and the payment is still open; releases the lease
 * unless asked to keep it. A payment that was settled meanwhile (a late /payment answer, another
 * path) keeps its state: final states never move.
 */
async function writeIfOurs(outTradeNo: string, owner: string, change: PaymentChange & { keepLease?: boolean }): Promise<PaymentRow | undefined> {
  return withLockedPayment(outTradeNo, async (trx, current) => {
    if (!current || current.lease_owner !== owner) return current;
    const release = change.keepLease ? {} : { lease_until: null, lease_owner: null };
    const open = current.status === "pending" || current.status === "needs_attention";
    if (!open) return writePaymentChange(trx, current, { actor: change.actor, fields: release });
    return writePaymentChange(trx, current, { ...change, fields: { ...change.fields, ...release } });
  });
}
