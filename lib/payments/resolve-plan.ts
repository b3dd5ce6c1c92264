/**
 * What the resolver does next with an open payment: a pure function of the row, what the enquiry
 * said and the clock, so the schedule is tested with a fake clock.
 *
 * The closed loop (docs/qfpay.md §6, §9, with WeChat's and Alipay's own rules): never
 * resend; query from ~3 s after the pending answer, every 3–5 s, for a window of ~45 s; then
 * reverse or close (whichever QFPay documents for the pay_type, the other as fallback unless
 * QFPay said the order is already final); then query again until final. A payment that cannot
 * be settled goes to a manager (`needs_attention`) and is still asked about, backing off, for
 * 24 hours, so a late success is always caught (issue 8).
 *
 * Only proof ends a payment unpaid (issue 8): QFPay's own row (failed, or cancel ≠ 0), or — for a
 * row QFPay never shows — all three of: QFPay never gave the payment a syssn, a reversal/close was
 * answered 0000, and the payment alone (not in a batch) is still not found two windows on.
 */
import "server-only";
import type { GatewayOutcome } from "@/lib/qfpay/outcome";
import type { ResolvePhase } from "@/lib/db/schema";

export type ResolveTiming = {
  /** Between enquiries (PENDING_QUERY_INTERVAL_MS). */
  intervalMs: number;
  /** From sending the payment to reversing it (PENDING_WINDOW_MS). */
  windowMs: number;
  /** First enquiry after a reversal/close was sent (PENDING_FIRST_QUERY_MS). */
  firstQueryMs: number;
};

/** How long after the payment was sent the resolver stops and asks a person: four windows. */
export const GIVE_UP_WINDOWS = 4;
/** A payment code is tried against at most this many reversal/close requests. */
export const MAX_CANCEL_ATTEMPTS = 3;
/** QFPay's window that late checks are scaled from: WeChat's 45 s (docs/qfpay.md §9). */
const REFERENCE_WINDOW_MS = 45_000;
const MINUTE = 60_000;
/**
 * Late checks of a payment or refund that needs a manager, after it went to needs_attention:
 * 1, 5, 15 and 60 minutes, then hourly for 24 hours (issue 8). Scaled with PENDING_WINDOW_MS, so
 * the default 45 s window gives exactly these and the fault campaign's short window a short run.
 */
const LATE_CHECK_OFFSETS_MS: readonly number[] = [
  1,
  5,
  15,
  60,
  ...Array.from({ length: 23 }, (_, i) => (i + 2) * 60),
].map((m) => m * MINUTE);

export type PlanRow = {
  sentAt: Date;
  phase: ResolvePhase | null;
  cancelRequested: boolean;
  cancelAttempts: number;
  /** Cancel endpoints documented for the pay_type, in order (may be empty). */
  cancelEndpoints: readonly string[];
  /** QFPay gave this payment a syssn at some point: it exists at QFPay, so "not found" is lag, never proof. */
  hasSyssn: boolean;
  /** A reversal/close was answered 0000. */
  cancelDone: boolean;
  /** No more reversal/close: QFPay said the order is already final (paid, closed, refunded). */
  cancelStopped: boolean;
  /**
   * A reversal/close was sent and may still undo the payment (answered done, pending or nothing):
   * a "paid" row is then not yet a charge that stays (an Alipay reversal refunds a paid order, §6).
   */
  cancelOpen: boolean;
  /** Set while late checks run (a payment that needs a manager, or one closed on QFPay's row): when they started. */
  attentionAt: Date | null;
};

export type EnquiryFinding =
  | { kind: "row"; outcome: GatewayOutcome; reversedOrRefunded: boolean }
  /** A row that is ours by id but not by amount or currency. */
  | { kind: "mismatch" }
  /** No row for it; `single` when it was asked alone (not in a batch). */
  | { kind: "missing"; single: boolean }
  | { kind: "unknown" };

export type Plan =
  /** QFPay's row proves the state: apply it (`changeFromMatch`). */
  | { kind: "settle" }
  /** Proven never charged without a row (the three proofs above). */
  | { kind: "cancelled"; note: string }
  /** It would be proven, but the payment was asked in a batch: ask for it alone first. */
  | { kind: "verify_missing" }
  | { kind: "wait"; nextCheckAt: Date; phase: ResolvePhase | null }
  | { kind: "send_cancel"; endpoint: string }
  /** To a manager; late checks start. */
  | { kind: "attention"; reason: string }
  /** Needs a manager already: ask again at `nextCheckAt`, or never when null (24 hours passed). */
  | { kind: "recheck"; nextCheckAt: Date | null };

const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

/**
 * True when QFPay's answer proves the state: a final row, a reversed row, or a row that is not
 * ours. A "paid" row while our own reversal may still undo it is not proof yet (see `cancelOpen`).
 */
function isProof(row: PlanRow, finding: EnquiryFinding): boolean {
  if (finding.kind === "mismatch") return true;
  if (finding.kind !== "row") return false;
  if (finding.reversedOrRefunded) return true;
  if (finding.outcome.status === "paid") return !row.cancelOpen || row.attentionAt !== null;
  return finding.outcome.status !== "pending";
}

/** When a payment/refund that needs a manager is next asked about, or null after 24 hours. */
export function nextLateCheck(attentionAt: Date, now: Date, timing: ResolveTiming): Date | null {
  const scale = timing.windowMs / REFERENCE_WINDOW_MS;
  const elapsed = now.getTime() - attentionAt.getTime();
  const offset = LATE_CHECK_OFFSETS_MS.map((ms) => ms * scale).find((ms) => ms > elapsed);
  return offset === undefined ? null : new Date(attentionAt.getTime() + offset);
}

/** The plan for an open payment whose enquiry just answered `finding`. */
export function planAfterEnquiry(row: PlanRow, finding: EnquiryFinding, now: Date, timing: ResolveTiming): Plan {
  if (isProof(row, finding)) return { kind: "settle" };
  if (row.attentionAt !== null) return { kind: "recheck", nextCheckAt: nextLateCheck(row.attentionAt, now, timing) };

  const sentFor = now.getTime() - row.sentAt.getTime();
  const giveUp = sentFor >= GIVE_UP_WINDOWS * timing.windowMs;

  if (row.phase === "confirming") {
    if (finding.kind === "missing" && !row.hasSyssn && row.cancelDone && sentFor >= 2 * timing.windowMs) {
      if (!finding.single) return { kind: "verify_missing" };
      return {
        kind: "cancelled",
        note: "QFPay never gave it a transaction number, accepted the reversal, and has no record of it: nothing was charged",
      };
    }
    if (giveUp) return { kind: "attention", reason: attentionReason(row, finding) };
    return { kind: "wait", nextCheckAt: later(now, timing.intervalMs), phase: "confirming" };
  }

  const dueForCancel = row.cancelRequested || sentFor >= timing.windowMs;
  const mayCancel =
    dueForCancel && !row.cancelStopped && row.cancelEndpoints.length > 0 && row.cancelAttempts < MAX_CANCEL_ATTEMPTS;
  // A batch answer that left the payment out says nothing: ask for it alone before reversing it.
  if (mayCancel && finding.kind === "missing" && !finding.single) return { kind: "verify_missing" };
  if (mayCancel) {
    return { kind: "send_cancel", endpoint: row.cancelEndpoints[row.cancelAttempts % row.cancelEndpoints.length]! };
  }
  if (giveUp) return { kind: "attention", reason: attentionReason(row, finding) };
  return { kind: "wait", nextCheckAt: later(now, timing.intervalMs), phase: null };
}

function attentionReason(row: PlanRow, finding: EnquiryFinding): string {
  if (row.cancelEndpoints.length === 0) return "status still unknown and QFPay documents no reversal for this pay type";
  if (finding.kind === "row" && finding.outcome.status === "paid")
    return "QFPay shows it paid, but the reversal sent for it never confirmed whether it undid the payment";
  if (finding.kind === "missing") {
    return row.hasSyssn
      ? "QFPay gave it a transaction number but its enquiry no longer finds it"
      : "QFPay has no record of it and did not confirm the reversal: not proof that nothing was charged";
  }
  return row.cancelAttempts > 0
    ? "reversal sent but QFPay never confirmed the final state"
    : "status still unknown after the reversal attempts";
}

type CancelResult = "done" | "pending" | "refused" | "unknown";

/**
 * Refusals that say the order is already final (§8): 1260 already paid, 1262 refunded, 1263
 * cancelled, 1264/1142 closed. No fallback then: a reversal of a paid Alipay order refunds the
 * customer (§6), breaking "paid after all". The enquiry says which final state it is.
 */
export const ORDER_FINAL_CODES: ReadonlySet<string> = new Set(["1260", "1262", "1263", "1264", "1142"]);

/**
 * After a reversal/close answered. A plain refusal with another endpoint left: ask QFPay first
 * (phase null), and the next plan sends the other endpoint only if the payment is still
 * undecided — the refusal may mean the customer just paid, and a reversal of a paid order can
 * refund it (§6). Anything else: confirm by enquiry (a 0000 reversal proves nothing, §6).
 */
export function planAfterCancel(
  row: PlanRow,
  result: CancelResult,
  now: Date,
  timing: ResolveTiming,
  respcd: string | null = null,
): Plan {
  const attemptsAfter = row.cancelAttempts + 1;
  const orderFinal = respcd !== null && ORDER_FINAL_CODES.has(respcd);
  if (result === "refused" && !orderFinal && attemptsAfter < row.cancelEndpoints.length) {
    return { kind: "wait", nextCheckAt: later(now, timing.firstQueryMs), phase: null };
  }
  return { kind: "wait", nextCheckAt: later(now, timing.firstQueryMs), phase: "confirming" };
}
