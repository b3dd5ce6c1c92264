/**
 * Works the payments the resolver has leased: enquiries in batches (comma-separated out_trade_no
 * grouped by month window, docs/qfpay.md §4), each answer matched to the payment (never trusted:
 * `matchPaymentRow`), then for each payment the plan of `resolve-plan.ts`: settle from QFPay's
 * record, wait, reverse/close, or hand to a manager — whose payments are still asked about with a
 * back-off, so a late success is caught (issue 8). Every write checks the lease is still ours and
 * that the payment is still open, so a late answer elsewhere is never overwritten.
 */
import "server-only";
import { env } from "@/lib/env";
import type { PaymentRow } from "@/lib/db/schema";
import { qfpayConfigFromEnv, type QfpayConfig } from "@/lib/qfpay/config";
import { cancelEndpointsFor, sendCancel, type CancelEndpoint } from "@/lib/qfpay/cancel";
import { queryInBatches, type BatchFindings } from "@/lib/qfpay/enquiry";
import { matchPaymentRow, type PaymentRowMatch } from "@/lib/qfpay/match";
import { endedUnpaid, isOpen } from "@/lib/contract/payment-status";
import { nowIso, withLockedPayment, writePaymentChange, type PaymentChange } from "./ledger-writes";
import {
  nextLateCheck,
  ORDER_FINAL_CODES,
  planAfterCancel,
  planAfterEnquiry,
  type EnquiryFinding,
  type Plan,
  type PlanRow,
  type ResolveTiming,
} from "./resolve-plan";
import { RESOLVER_LEASE_MS } from "./resolver-claims";
import { changeFromMatch, fieldsFromRow } from "./settle-from-qfpay";

const ACTOR = "resolver";

export function resolveTiming(): ResolveTiming {
  return {
    intervalMs: env.PENDING_QUERY_INTERVAL_MS,
    windowMs: env.PENDING_WINDOW_MS,
    firstQueryMs: env.PENDING_FIRST_QUERY_MS,
  };
}

export const sentAtOf = (row: { sent_at: string | null; created_at: string }) =>
  new Date(row.sent_at ?? row.created_at);

function toPlanRow(row: PaymentRow): PlanRow {
  return {
    sentAt: sentAtOf(row),
    phase: row.resolve_phase,
    cancelRequested: row.cancel_requested_at !== null,
    cancelAttempts: Number(row.cancel_attempts),
    cancelEndpoints: cancelEndpointsFor(row.pay_type),
    hasSyssn: row.syssn !== null,
    cancelDone: row.cancel_done_at !== null,
    cancelStopped: row.cancel_stopped_at !== null,
    cancelOpen:
      Number(row.cancel_attempts) > 0 && row.cancel_stopped_at === null && row.last_cancel_result !== "refused",
    attentionAt: lateChecksFrom(row),
  };
}

/**
 * When the late checks of a payment started, or null when it is not in them: one that needs a
 * manager, or one closed as failed/cancelled on QFPay's row (a late success is always caught).
 */
function lateChecksFrom(row: PaymentRow): Date | null {
  if (row.status === "needs_attention") return new Date(row.attention_at ?? row.updated_at);
  if (endedUnpaid(row.status) && row.next_check_at !== null) return new Date(row.attention_at ?? row.updated_at);
  return null;
}

/** Open to the resolver: pending, needing a manager, or closed but still in its late checks. */
function isResolvable(row: PaymentRow): boolean {
  return isOpen(row.status) || (endedUnpaid(row.status) && row.next_check_at !== null);
}

/** The payment's row in an enquiry answer, matched on out_trade_no, syssn, amount and currency. */
export function matchFor(
  row: PaymentRow,
  findings: BatchFindings,
): { match: PaymentRowMatch | null; finding: EnquiryFinding } {
  const found = findings.get(row.out_trade_no);
  if (!found || found.kind === "unknown") return { match: null, finding: { kind: "unknown" } };
  const match = matchPaymentRow(found.rows, {
    outTradeNo: row.out_trade_no,
    syssn: row.syssn,
    amount: Number(row.amount),
    currency: row.currency,
  });
  if (match.kind === "missing") return { match, finding: { kind: "missing", single: found.single } };
  if (match.kind === "mismatch") return { match, finding: { kind: "mismatch" } };
  return {
    match,
    finding: { kind: "row", outcome: match.row.outcome, reversedOrRefunded: match.row.reversedOrRefunded },
  };
}

/** Resolves the payments leased to `owner`. */
export async function resolvePayments(rows: readonly PaymentRow[], owner: string, now = new Date()): Promise<void> {
  const config = qfpayConfigFromEnv();
  const timing = resolveTiming();
  const findings = await queryInBatches(
    config,
    rows.map((r) => ({ outTradeNo: r.out_trade_no, sentAt: sentAtOf(r) })),
    now,
  );
  for (const row of rows) {
    let { match, finding } = matchFor(row, findings);
    let plan = planAfterEnquiry(toPlanRow(row), finding, now, timing);
    if (plan.kind === "verify_missing") {
      // About to act on "not found" from a batch answer: ask for this payment alone (issue 8).
      const alone = await queryInBatches(
        { ...config, queryBatchSize: 1 },
        [{ outTradeNo: row.out_trade_no, sentAt: sentAtOf(row) }],
        now,
      );
      ({ match, finding } = matchFor(row, alone));
      plan = planAfterEnquiry(toPlanRow(row), finding, now, timing);
      if (plan.kind === "verify_missing")
        plan = {
          kind: "wait",
          nextCheckAt: new Date(now.getTime() + timing.intervalMs),
          phase: row.resolve_phase === "confirming" ? "confirming" : null,
        };
    }
    await carryOut(config, row, plan, owner, timing, match);
  }
}

/** What an enquiry row told us, kept on every write (a syssn seen once is proof QFPay knows the payment). */
const rowFacts = (match: PaymentRowMatch | null, current: PaymentRow) =>
  match && match.kind !== "missing" ? fieldsFromRow(match.row, current) : {};

async function carryOut(
  config: QfpayConfig,
  row: PaymentRow,
  plan: Plan,
  owner: string,
  timing: ResolveTiming,
  match: PaymentRowMatch | null,
): Promise<void> {
  switch (plan.kind) {
    case "settle":
      await writeIfOurs(row.out_trade_no, owner, (current) => {
        const change = match ? changeFromMatch(current, match, ACTOR) : null;
        if (current.status === "pending" || change?.to) return change;
        // QFPay's row says what it said before (still another amount, still failed…): the late
        // checks go on, except for a charge waiting for a manager's decision.
        const attentionAt = lateChecksFrom(current) ?? new Date();
        const next =
          current.attention_kind === "charged_after_failure" ? null : nextLateCheck(attentionAt, new Date(), timing);
        return {
          ...change,
          actor: ACTOR,
          fields: {
            ...change?.fields,
            next_check_at: next?.toISOString() ?? null,
            check_count: Number(current.check_count) + 1,
          },
        };
      });
      return;
    case "cancelled":
      await writeIfOurs(row.out_trade_no, owner, () => ({
        to: "cancelled",
        fields: { next_check_at: null, resolve_phase: null, tentative_failure_kind: null },
        actor: ACTOR,
        note: plan.note,
      }));
      return;
    case "attention":
      await writeIfOurs(row.out_trade_no, owner, (current) => ({
        to: "needs_attention",
        fields: {
          ...rowFacts(match, current),
          attention_reason: plan.reason,
          attention_kind: "unsettled",
          attention_at: nowIso(),
          next_check_at: nextLateCheck(new Date(), new Date(), timing)?.toISOString() ?? null,
          tentative_failure_kind: null,
        },
        actor: ACTOR,
        note: `${plan.reason}; ScanTill keeps asking QFPay for 24 hours`,
      }));
      return;
    case "recheck":
      await writeIfOurs(row.out_trade_no, owner, (current) => ({
        fields: {
          ...rowFacts(match, current),
          next_check_at: plan.nextCheckAt?.toISOString() ?? null,
          check_count: Number(row.check_count) + 1,
        },
        actor: ACTOR,
        note:
          plan.nextCheckAt || current.status !== "needs_attention"
            ? null
            : "24 hours of checks with QFPay did not settle it: a manager must check it in QFPay's portal",
      }));
      return;
    case "wait":
      await writeIfOurs(row.out_trade_no, owner, (current) => ({
        fields: {
          ...rowFacts(match, current),
          next_check_at: plan.nextCheckAt.toISOString(),
          resolve_phase: plan.phase,
          check_count: Number(row.check_count) + 1,
        },
        actor: ACTOR,
      }));
      return;
    case "verify_missing":
      return;
    case "send_cancel":
      await sendCancelOnce(config, row, plan.endpoint as CancelEndpoint, owner, timing);
      return;
  }
}

/**
 * Sends one reversal/close. The attempt is counted, the phase set and the lease stretched past
 * the request's timeout BEFORE it leaves, under the row lock and only if nobody else moved the
 * row meanwhile: so a crash, a lost lease or a second instance can never send it twice (the next
 * claimer finds it "confirming" and asks QFPay first).
 */
async function sendCancelOnce(
  config: QfpayConfig,
  row: PaymentRow,
  endpoint: CancelEndpoint,
  owner: string,
  timing: ResolveTiming,
): Promise<void> {
  const attempts = Number(row.cancel_attempts);
  const leaseUntil = new Date(Date.now() + config.timeoutMs + RESOLVER_LEASE_MS).toISOString();
  const reserved = await withLockedPayment(row.out_trade_no, async (trx, current) => {
    if (
      !current ||
      current.lease_owner !== owner ||
      current.status !== "pending" ||
      Number(current.cancel_attempts) !== attempts
    )
      return null;
    return writePaymentChange(trx, current, {
      fields: {
        cancel_attempts: attempts + 1,
        resolve_phase: "confirming",
        last_cancel_result: "unknown",
        lease_until: leaseUntil,
        next_check_at: leaseUntil,
      },
      actor: ACTOR,
    });
  });
  if (!reserved) return;
  const attempt = await sendCancel(config, endpoint, {
    outTradeNo: row.out_trade_no,
    amount: Number(row.amount),
    txdtm: sentAtOf(row),
    syssn: reserved.syssn,
  });
  const after = planAfterCancel(toPlanRow(row), attempt.result, new Date(), timing, attempt.respcd);
  const orderFinal = attempt.result === "refused" && attempt.respcd !== null && ORDER_FINAL_CODES.has(attempt.respcd);
  await writeIfOurs(row.out_trade_no, owner, () => ({
    fields: {
      resolve_phase: after.kind === "wait" ? after.phase : "confirming",
      next_check_at: after.kind === "wait" ? after.nextCheckAt.toISOString() : nowIso(),
      last_cancel_result: attempt.result,
      ...(attempt.result === "done" ? { cancel_done_at: nowIso() } : {}),
      ...(orderFinal ? { cancel_stopped_at: nowIso() } : {}),
    },
    actor: ACTOR,
    respcd: attempt.respcd,
    note: `${endpoint} sent: ${attempt.result}${attempt.respcd ? ` (${attempt.respcd})` : ""}${attempt.unknownReason ? ` ${attempt.unknownReason}` : ""}`,
  }));
}

/**
 * Writes the change `build` makes of the current row when we still hold the lease and the
 * payment is still the resolver's (`isResolvable`); releases the lease. A payment settled
 * meanwhile keeps its state: final states never move backwards.
 */
async function writeIfOurs(
  outTradeNo: string,
  owner: string,
  build: (current: PaymentRow) => PaymentChange | null,
): Promise<PaymentRow | undefined> {
  return withLockedPayment(outTradeNo, async (trx, current) => {
    if (!current || current.lease_owner !== owner) return current;
    const release = { lease_until: null, lease_owner: null };
    const change = isResolvable(current) ? build(current) : null;
    if (!change) return writePaymentChange(trx, current, { actor: ACTOR, fields: release });
    return writePaymentChange(trx, current, { ...change, fields: { ...change.fields, ...release } });
  });
}
