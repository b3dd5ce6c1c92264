import { describe, expect, it } from "vitest";
import { ALLOWED_TRANSITIONS, IllegalTransitionError, assertTransition, canTransition } from "@/lib/payments/status";
import { PAYMENT_STATUSES } from "@/lib/contract/payments";
import { isFinal, isOpen } from "@/lib/contract/payment-status";

describe("payment transition table", () => {
  it("lists every status", () => {
    expect(Object.keys(ALLOWED_TRANSITIONS).sort()).toEqual([...PAYMENT_STATUSES].sort());
  });

  it("lets a pending payment end in exactly one way", () => {
    for (const to of ["paid", "failed", "cancelled", "needs_attention"] as const)
      expect(canTransition("pending", to)).toBe(true);
  });

  it("never moves a final state backwards", () => {
    for (const from of PAYMENT_STATUSES.filter(isFinal)) expect(canTransition(from, "pending")).toBe(false);
    // Only an open payment may still become failed.
    for (const from of PAYMENT_STATUSES.filter((s) => !isOpen(s))) expect(canTransition(from, "failed")).toBe(false);
    expect(() => assertTransition("failed", "paid")).toThrow(IllegalTransitionError);
    expect(() => assertTransition("refunded", "paid")).toThrow(/refunded → paid/);
  });

  it("refunds only paid payments", () => {
    expect(canTransition("paid", "refunded")).toBe(true);
    expect(canTransition("partially_refunded", "refunded")).toBe(true);
    expect(canTransition("pending", "refunded")).toBe(false);
    expect(canTransition("failed", "partially_refunded")).toBe(false);
  });
});
