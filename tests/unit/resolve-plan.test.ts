/**
 * The resolver's schedule with a fake clock: query, then after the window reverse or close (the
 * documented endpoint first, the other as fallback), then confirm by enquiry; give up to a person.
 */
import { describe, expect, it } from "vitest";
import { GIVE_UP_WINDOWS, MAX_CANCEL_ATTEMPTS, planAfterCancel, planAfterEnquiry, type EnquiryFinding, type PlanRow } from "@/lib/payments/resolve-plan";

const timing = { intervalMs: 3_000, windowMs: 45_000, firstQueryMs: 3_000 };
const sentAt = new Date("2026-11-26T10:00:00.000Z");
const at = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000);
const row = (over: Partial<PlanRow> = {}): PlanRow => ({ sentAt, phase: null, cancelRequested: false, cancelAttempts: 0, cancelEndpoints: ["close", "reversal"], ...over });
const pending: EnquiryFinding = { kind: "row", outcome: { status: "pending" }, reversedOrRefunded: false };

describe("planAfterEnquiry", () => {
  it("settles on a final enquiry row", () => {
    expect(planAfterEnquiry(row(), { kind: "row", outcome: { status: "paid" }, reversedOrRefunded: false }, at(5), timing)).toEqual({ kind: "settle", outcome: { status: "paid" } });
    expect(planAfterEnquiry(row(), { kind: "row", outcome: { status: "failed", failureKind: "other_method" }, reversedOrRefunded: false }, at(5), timing).kind).toBe("settle");
  });

  it("treats 0000 with cancel ≠ 0 as reversed, never paid", () => {
    expect(planAfterEnquiry(row(), { kind: "row", outcome: { status: "pending" }, reversedOrRefunded: true }, at(5), timing).kind).toBe("cancelled");
  });

  it("keeps querying every interval inside the window, whatever the enquiry said", () => {
    for (const finding of [pending, { kind: "missing" } as const, { kind: "unknown" } as const]) {
      const plan = planAfterEnquiry(row(), finding, at(20), timing);
      expect(plan).toEqual({ kind: "wait", nextCheckAt: at(23), phase: null });
    }
  });

  it("reverses once the window has passed, with the documented endpoint first", () => {
    expect(planAfterEnquiry(row(), pending, at(44.999), timing).kind).toBe("wait");
    expect(planAfterEnquiry(row(), pending, at(45), timing)).toEqual({ kind: "send_cancel", endpoint: "close" });
    expect(planAfterEnquiry(row({ cancelEndpoints: ["reversal", "close"] }), pending, at(45), timing)).toEqual({ kind: "send_cancel", endpoint: "reversal" });
  });

  it("reverses at once when the cashier cancels", () => {
    expect(planAfterEnquiry(row({ cancelRequested: true }), pending, at(2), timing)).toEqual({ kind: "send_cancel", endpoint: "close" });
  });

  it("keeps querying a pay type with no documented reversal, then asks a person", () => {
    const payMe = row({ cancelEndpoints: [] });
    expect(planAfterEnquiry(payMe, pending, at(60), timing).kind).toBe("wait");
    const plan = planAfterEnquiry(payMe, pending, at((GIVE_UP_WINDOWS * timing.windowMs) / 1000), timing);
    expect(plan).toMatchObject({ kind: "attention", reason: expect.stringMatching(/no reversal/) });
  });

  it("confirms after a reversal and gives up only after four windows", () => {
    const confirming = row({ phase: "confirming", cancelAttempts: 1 });
    expect(planAfterEnquiry(confirming, pending, at(60), timing)).toEqual({ kind: "wait", nextCheckAt: at(63), phase: "confirming" });
    expect(planAfterEnquiry(confirming, { kind: "row", outcome: { status: "paid" }, reversedOrRefunded: false }, at(60), timing).kind).toBe("settle");
    expect(planAfterEnquiry(confirming, pending, at(180), timing).kind).toBe("attention");
  });

  it("calls a payment QFPay never recorded cancelled only after a reversal and two windows", () => {
    expect(planAfterEnquiry(row(), { kind: "missing" }, at(89), timing).kind).not.toBe("cancelled");
    expect(planAfterEnquiry(row({ phase: "confirming", cancelAttempts: 1 }), { kind: "missing" }, at(89), timing).kind).toBe("wait");
    expect(planAfterEnquiry(row({ phase: "confirming", cancelAttempts: 1 }), { kind: "missing" }, at(90), timing).kind).toBe("cancelled");
  });

  it("stops sending reversals after the maximum", () => {
    expect(planAfterEnquiry(row({ cancelAttempts: MAX_CANCEL_ATTEMPTS }), pending, at(50), timing).kind).toBe("wait");
  });
});

describe("planAfterCancel", () => {
  it("tries the fallback endpoint when the first is refused", () => {
    expect(planAfterCancel(row(), "refused", at(45), timing)).toEqual({ kind: "send_cancel", endpoint: "reversal" });
  });

  it("confirms by enquiry after any other answer, or after the fallback too was refused", () => {
    for (const result of ["done", "pending", "unknown"] as const) {
      expect(planAfterCancel(row(), result, at(45), timing)).toEqual({ kind: "wait", nextCheckAt: at(48), phase: "confirming" });
    }
    expect(planAfterCancel(row({ cancelAttempts: 1 }), "refused", at(46), timing)).toEqual({ kind: "wait", nextCheckAt: at(49), phase: "confirming" });
  });
});
