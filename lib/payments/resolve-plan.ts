/**
 * What the resolver does next with a pending payment: a pure function of the row, what the
 * enquiry said and the clock, so the schedule is tested with a fake clock.
 *
 * The closed loop (API-FACTS §6, §9; WeChat's and Alipay's rules in POS-PEERS §1.1, §4.2): never
 * resend; query from ~3 s after the pending answer, every 3–5 s, for a window of ~45 s; then
 * reverse or close (whichever QFPay documents for the pay_type, the other as fallback); then
 * query again until final. A payment that cannot be settled ends `needs_attention` with a reason.
 */
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

export type PlanRow = {
  sentAt: Date;
  phase: ResolvePhase | null;
  cancelRequested: boolean;
  cancelAttempts: number;
  /** Cancel endpoints documented for the pay_type, in order (may be empty). */
  cancelEndpoints: readonly string[];
};

export type EnquiryFinding =
  | { kind: "row"; outcome: GatewayOutcome; reversedOrRefunded: boolean }
  | { kind: "missing" }
  | { kind: "unknown" };

export type Plan =
  | { kind: "settle"; outcome: Exclude<GatewayOutcome, { status: "pending" }> }
  | { kind: "cancelled"; note: string }
  | { kind: "wait"; nextCheckAt: Date; phase: ResolvePhase | null }
  | { kind: "send_cancel"; endpoint: string }
  | { kind: "attention"; reason: string };

const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

/** The plan for a payment whose enquiry just answered `finding` (phases null and "confirming"). */
export function planAfterEnquiry(row: PlanRow, finding: EnquiryFinding, now: Date, timing: ResolveTiming): Plan {
  if (finding.kind === "row" && finding.reversedOrRefunded) {
    // respcd 0000 with cancel ≠ 0 is reversed, not paid (API-FACTS §4 "Key pitfall").
    return { kind: "cancelled", note: "QFPay reports the payment reversed" };
  }
  if (finding.kind === "row" && finding.outcome.status !== "pending") return { kind: "settle", outcome: finding.outcome };

  const sentFor = now.getTime() - row.sentAt.getTime();
  const giveUp = sentFor >= GIVE_UP_WINDOWS * timing.windowMs;

  if (row.phase === "confirming") {
    // After a reversal QFPay still has no record of it: it never reached QFPay, and the
    // reversal/close closed the door on a late arrival. Nothing was charged.
    if (finding.kind === "missing" && sentFor >= 2 * timing.windowMs) {
      return { kind: "cancelled", note: "QFPay has no record of the payment after the reversal: nothing was charged" };
    }
    if (giveUp) return { kind: "attention", reason: "reversal sent but QFPay never confirmed the final state" };
    return { kind: "wait", nextCheckAt: later(now, timing.intervalMs), phase: "confirming" };
  }

  const dueForCancel = row.cancelRequested || sentFor >= timing.windowMs;
  if (dueForCancel && row.cancelEndpoints.length > 0 && row.cancelAttempts < MAX_CANCEL_ATTEMPTS) {
    return { kind: "send_cancel", endpoint: row.cancelEndpoints[row.cancelAttempts % row.cancelEndpoints.length]! };
  }
  if (giveUp) {
    return {
      kind: "attention",
      reason:
        row.cancelEndpoints.length === 0
          ? "status still unknown and QFPay documents no reversal for this pay type"
          : "status still unknown after the reversal attempts",
    };
  }
  return { kind: "wait", nextCheckAt: later(now, timing.intervalMs), phase: null };
}

export type CancelResult = "done" | "pending" | "refused" | "unknown";

/** After a reversal/close answered: try the other endpoint on refusal, else confirm by enquiry. */
export function planAfterCancel(row: PlanRow, result: CancelResult, now: Date, timing: ResolveTiming): Plan {
  const attemptsAfter = row.cancelAttempts + 1;
  if (result === "refused" && attemptsAfter < row.cancelEndpoints.length) {
    return { kind: "send_cancel", endpoint: row.cancelEndpoints[attemptsAfter % row.cancelEndpoints.length]! };
  }
  // A 0000 reversal proves nothing about the money (API-FACTS §6): confirm by enquiry.
  return { kind: "wait", nextCheckAt: later(now, timing.firstQueryMs), phase: "confirming" };
}
