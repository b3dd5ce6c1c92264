/**
 * The resolver's schedule with a fake clock: query, then after the window reverse or close (the
 * documented endpoint first, the other as fallback), then confirm by enquiry; give up to a person.
 */
import { describe, expect, it } from "vitest";
import {
  GIVE_UP_WINDOWS,
  MAX_CANCEL_ATTEMPTS,
  nextLateCheck,
  planAfterCancel,
  planAfterEnquiry,
  type EnquiryFinding,
  type PlanRow,
} from "@/lib/payments/resolve-plan";

const timing = { intervalMs: 3_000, windowMs: 45_000, firstQueryMs: 3_000 };
const sentAt = new Date("2026-11-26T10:00:00.000Z");
const at = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000);
const row = (over: Partial<PlanRow> = {}): PlanRow => ({
  sentAt,
  phase: null,
  cancelRequested: false,
  cancelAttempts: 0,
  cancelEndpoints: ["close", "reversal"],
  hasSyssn: false,
  cancelDone: false,
  cancelStopped: false,
  cancelOpen: false,
  attentionAt: null,
  ...over,
});
const pending: EnquiryFinding = { kind: "row", outcome: { status: "pending" }, reversedOrRefunded: false };

describe("planAfterEnquiry", () => {
  it("settles on a final enquiry row", () => {
    expect(
      planAfterEnquiry(row(), { kind: "row", outcome: { status: "paid" }, reversedOrRefunded: false }, at(5), timing),
    ).toEqual({ kind: "settle" });
    expect(
      planAfterEnquiry(
        row(),
        { kind: "row", outcome: { status: "failed", failureKind: "other_method" }, reversedOrRefunded: false },
        at(5),
        timing,
      ).kind,
    ).toBe("settle");
  });

  it("treats 0000 with cancel ≠ 0 as reversed, never paid", () => {
    // settle applies QFPay's row (changeFromMatch), which writes cancelled for cancel ≠ 0.
    expect(
      planAfterEnquiry(row(), { kind: "row", outcome: { status: "pending" }, reversedOrRefunded: true }, at(5), timing)
        .kind,
    ).toBe("settle");
  });

  it("keeps querying every interval inside the window, whatever the enquiry said", () => {
    for (const finding of [pending, { kind: "missing", single: true } as const, { kind: "unknown" } as const]) {
      const plan = planAfterEnquiry(row(), finding, at(20), timing);
      expect(plan).toEqual({ kind: "wait", nextCheckAt: at(23), phase: null });
    }
  });

  it("reverses once the window has passed, with the documented endpoint first", () => {
    expect(planAfterEnquiry(row(), pending, at(44.999), timing).kind).toBe("wait");
    expect(planAfterEnquiry(row(), pending, at(45), timing)).toEqual({ kind: "send_cancel", endpoint: "close" });
    expect(planAfterEnquiry(row({ cancelEndpoints: ["reversal", "close"] }), pending, at(45), timing)).toEqual({
      kind: "send_cancel",
      endpoint: "reversal",
    });
  });

  it("reverses at once when the cashier cancels", () => {
    expect(planAfterEnquiry(row({ cancelRequested: true }), pending, at(2), timing)).toEqual({
      kind: "send_cancel",
      endpoint: "close",
    });
  });

  it("keeps querying a pay type with no documented reversal, then asks a person", () => {
    const payMe = row({ cancelEndpoints: [] });
    expect(planAfterEnquiry(payMe, pending, at(60), timing).kind).toBe("wait");
    const plan = planAfterEnquiry(payMe, pending, at((GIVE_UP_WINDOWS * timing.windowMs) / 1000), timing);
    expect(plan).toMatchObject({ kind: "attention", reason: expect.stringMatching(/no reversal/) });
  });

  it("confirms after a reversal and gives up only after four windows", () => {
    const confirming = row({ phase: "confirming", cancelAttempts: 1 });
    expect(planAfterEnquiry(confirming, pending, at(60), timing)).toEqual({
      kind: "wait",
      nextCheckAt: at(63),
      phase: "confirming",
    });
    expect(
      planAfterEnquiry(
        confirming,
        { kind: "row", outcome: { status: "paid" }, reversedOrRefunded: false },
        at(60),
        timing,
      ).kind,
    ).toBe("settle");
    expect(planAfterEnquiry(confirming, pending, at(180), timing).kind).toBe("attention");
  });

  it("calls a payment QFPay never recorded cancelled only with all three proofs (issue 8)", () => {
    const missing = { kind: "missing", single: true } as const;
    const proven = row({ phase: "confirming", cancelAttempts: 1, cancelDone: true });
    expect(planAfterEnquiry(row(), missing, at(89), timing).kind).not.toBe("cancelled");
    expect(planAfterEnquiry(proven, missing, at(89), timing).kind).toBe("wait");
    expect(planAfterEnquiry(proven, missing, at(90), timing).kind).toBe("cancelled");
    // A refused (or unanswered) reversal proves nothing: keep asking, then a manager.
    expect(planAfterEnquiry(row({ phase: "confirming", cancelAttempts: 2 }), missing, at(90), timing).kind).toBe(
      "wait",
    );
    expect(planAfterEnquiry(row({ phase: "confirming", cancelAttempts: 2 }), missing, at(180), timing)).toMatchObject({
      kind: "attention",
      reason: expect.stringMatching(/not proof/),
    });
    // QFPay once gave it a syssn: it exists there, so "not found" is lag.
    expect(
      planAfterEnquiry(
        row({ phase: "confirming", cancelAttempts: 1, cancelDone: true, hasSyssn: true }),
        missing,
        at(120),
        timing,
      ).kind,
    ).toBe("wait");
    // Missing from a batch answer: asked alone before concluding.
    expect(planAfterEnquiry(proven, { kind: "missing", single: false }, at(90), timing).kind).toBe("verify_missing");
  });

  it("hands a row that is not ours by amount or currency to settle (a manager), never waits it out", () => {
    expect(planAfterEnquiry(row(), { kind: "mismatch" }, at(5), timing)).toEqual({ kind: "settle" });
  });

  it("keeps asking about a payment that needs a manager, backing off, for 24 hours", () => {
    const attentionAt = at(180);
    const waiting = row({ attentionAt });
    const minute = 60;
    expect(planAfterEnquiry(waiting, pending, at(180 + 10), timing)).toEqual({
      kind: "recheck",
      nextCheckAt: at(180 + minute),
    });
    expect(planAfterEnquiry(waiting, { kind: "missing", single: true }, at(180 + 2 * minute), timing)).toEqual({
      kind: "recheck",
      nextCheckAt: at(180 + 5 * minute),
    });
    expect(planAfterEnquiry(waiting, pending, at(180 + 20 * minute), timing)).toEqual({
      kind: "recheck",
      nextCheckAt: at(180 + 60 * minute),
    });
    expect(planAfterEnquiry(waiting, pending, at(180 + 61 * minute), timing)).toEqual({
      kind: "recheck",
      nextCheckAt: at(180 + 120 * minute),
    });
    expect(planAfterEnquiry(waiting, pending, at(180 + 24 * 60 * minute), timing)).toEqual({
      kind: "recheck",
      nextCheckAt: null,
    });
    // A late success settles it.
    expect(
      planAfterEnquiry(
        waiting,
        { kind: "row", outcome: { status: "paid" }, reversedOrRefunded: false },
        at(180 + 30 * minute),
        timing,
      ).kind,
    ).toBe("settle");
  });

  it("scales the late checks with the window (the fault campaign's short window)", () => {
    const short = { ...timing, windowMs: 4_500 };
    expect(nextLateCheck(sentAt, at(1), short)).toEqual(at(6));
    expect(nextLateCheck(sentAt, at(6), short)).toEqual(at(30));
  });

  it("stops sending reversals after the maximum", () => {
    expect(planAfterEnquiry(row({ cancelAttempts: MAX_CANCEL_ATTEMPTS }), pending, at(50), timing).kind).toBe("wait");
  });
});

describe("planAfterCancel", () => {
  it("never falls back to a reversal when QFPay says the order is already final (a reversal may refund a paid order)", () => {
    for (const code of ["1260", "1262", "1263", "1264", "1142"]) {
      expect(planAfterCancel(row(), "refused", at(45), timing, code)).toEqual({
        kind: "wait",
        nextCheckAt: at(48),
        phase: "confirming",
      });
    }
    // A plain refusal (1136): the fallback comes after an enquiry, not at once.
    expect(planAfterCancel(row(), "refused", at(45), timing, "1136")).toEqual({
      kind: "wait",
      nextCheckAt: at(48),
      phase: null,
    });
  });

  it("sends no further reversal once QFPay said the order is final", () => {
    expect(planAfterEnquiry(row({ cancelAttempts: 1, cancelStopped: true }), pending, at(50), timing).kind).toBe(
      "wait",
    );
  });

  it("asks QFPay before the fallback endpoint when the first is refused, and sends it only if still undecided", () => {
    expect(planAfterCancel(row(), "refused", at(45), timing)).toEqual({
      kind: "wait",
      nextCheckAt: at(48),
      phase: null,
    });
    const refusedOnce = row({ cancelAttempts: 1 });
    expect(planAfterEnquiry(refusedOnce, pending, at(48), timing)).toEqual({
      kind: "send_cancel",
      endpoint: "reversal",
    });
    // The refusal meant the customer had just paid: paid after all, no reversal that could refund it.
    expect(
      planAfterEnquiry(
        refusedOnce,
        { kind: "row", outcome: { status: "paid" }, reversedOrRefunded: false },
        at(48),
        timing,
      ),
    ).toEqual({ kind: "settle" });
  });

  it("does not take a 'paid' row as final while the reversal sent for it may still undo it", () => {
    const paidRow = { kind: "row", outcome: { status: "paid" }, reversedOrRefunded: false } as const;
    const open = row({ phase: "confirming", cancelAttempts: 1, cancelOpen: true });
    expect(planAfterEnquiry(open, paidRow, at(50), timing)).toEqual({
      kind: "wait",
      nextCheckAt: at(53),
      phase: "confirming",
    });
    expect(planAfterEnquiry(open, paidRow, at(180), timing)).toMatchObject({
      kind: "attention",
      reason: expect.stringMatching(/paid, but the reversal/),
    });
    // Reversed after all: proof.
    expect(
      planAfterEnquiry(open, { kind: "row", outcome: { status: "pending" }, reversedOrRefunded: true }, at(50), timing),
    ).toEqual({ kind: "settle" });
    // In the late checks (a manager's), QFPay's "paid" settles it.
    expect(planAfterEnquiry({ ...open, attentionAt: at(180) }, paidRow, at(300), timing)).toEqual({ kind: "settle" });
  });

  it("asks for a payment alone before reversing it when a batch answer left it out", () => {
    expect(planAfterEnquiry(row(), { kind: "missing", single: false }, at(45), timing)).toEqual({
      kind: "verify_missing",
    });
    expect(planAfterEnquiry(row(), { kind: "missing", single: true }, at(45), timing)).toEqual({
      kind: "send_cancel",
      endpoint: "close",
    });
  });

  it("confirms by enquiry after any other answer, or after the fallback too was refused", () => {
    for (const result of ["done", "pending", "unknown"] as const) {
      expect(planAfterCancel(row(), result, at(45), timing)).toEqual({
        kind: "wait",
        nextCheckAt: at(48),
        phase: "confirming",
      });
    }
    expect(planAfterCancel(row({ cancelAttempts: 1 }), "refused", at(46), timing)).toEqual({
      kind: "wait",
      nextCheckAt: at(49),
      phase: "confirming",
    });
  });
});
