/**
 * The one transition table every status write goes through (docs/architecture.md §6.3). A final state
 * (`isFinal` in lib/contract/payment-status.ts) never moves back to pending; writing the status a
 * payment already has is a no-op, not an error.
 */
import "server-only";
import type { PaymentStatus } from "@/lib/contract/payments";

export const ALLOWED_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  pending: ["paid", "failed", "cancelled", "needs_attention"],
  // A person settles these after checking with QFPay; the resolver may also learn the truth late.
  needs_attention: ["paid", "failed", "cancelled"],
  paid: ["partially_refunded", "refunded"],
  partially_refunded: ["refunded"],
  // Only on QFPay's proof that the customer was charged after all (issue 8): the cashier was told
  // otherwise, so a manager must refund or keep it. Never because of a missing answer.
  failed: ["needs_attention"],
  cancelled: ["needs_attention"],
  refunded: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: PaymentStatus,
    readonly to: PaymentStatus,
  ) {
    super(`illegal payment status change ${from} → ${to}`);
    this.name = "IllegalTransitionError";
  }
}

/** Throws unless `from → to` is in the table. Callers check `from === to` first (a no-op). */
export function assertTransition(from: PaymentStatus, to: PaymentStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}
