/** The refunds' transition table: pending ends succeeded or failed, or waits for a person. */
import "server-only";
import type { RefundStatus } from "@/lib/contract/payments";

const REFUND_TRANSITIONS: Readonly<Record<RefundStatus, readonly RefundStatus[]>> = {
  pending: ["succeeded", "failed", "needs_attention"],
  needs_attention: ["succeeded", "failed"],
  succeeded: [],
  failed: [],
};

export function assertRefundTransition(from: RefundStatus, to: RefundStatus): void {
  if (!REFUND_TRANSITIONS[from].includes(to)) throw new Error(`illegal refund status change ${from} → ${to}`);
}
