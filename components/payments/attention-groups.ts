import type { MessageKey } from "@/lib/i18n/messages";
import type { AttentionKind, PaymentView, RefundView } from "@/lib/contract/payments";
import "@/lib/i18n/catalog/payments";

/**
 * Where a payment of the attention list (`?attention=1`) belongs. Pure, for the list, the top
 * bar's count and their tests:
 * - `charged`: charged after the cashier was told it failed; a manager refunds or keeps it (first).
 * - `attention`: needs a manager: the payment's outcome is unproven or differs from QFPay's, or a
 *   refund of it is not confirmed.
 * - `refund_in_progress`: a refund QFPay is still processing; shown, not counted.
 */
type AttentionGroup = "charged" | "attention" | "refund_in_progress";

export function attentionGroup(payment: PaymentView): AttentionGroup | null {
  if (payment.status === "needs_attention")
    return payment.attentionKind === "charged_after_failure" ? "charged" : "attention";
  if (payment.refunds.some((r) => r.status === "needs_attention")) return "attention";
  if (payment.refunds.some((r) => r.status === "pending")) return "refund_in_progress";
  return null;
}

/** Counted in the top bar: a manager has something to decide or check. */
export function needsManager(payment: PaymentView): boolean {
  const group = attentionGroup(payment);
  return group === "charged" || group === "attention";
}

/** The refund not yet final that puts a payment in the list, the unconfirmed one first. */
export function openRefundOf(payment: PaymentView): RefundView | null {
  return (
    payment.refunds.find((r) => r.status === "needs_attention") ??
    payment.refunds.find((r) => r.status === "pending") ??
    null
  );
}

type AttentionLists = { charged: PaymentView[]; attention: PaymentView[]; refunds: PaymentView[] };

/** The server's order kept within each group. */
export function groupAttention(payments: readonly PaymentView[]): AttentionLists {
  const lists: AttentionLists = { charged: [], attention: [], refunds: [] };
  for (const payment of payments) {
    const group = attentionGroup(payment);
    if (group === "charged") lists.charged.push(payment);
    else if (group === "attention") lists.attention.push(payment);
    else if (group === "refund_in_progress") lists.refunds.push(payment);
  }
  return lists;
}

/** The kind of attention in plain words (the English `attentionReason` is shown beside it as detail). */
export const ATTENTION_KIND_TEXT: Record<AttentionKind, MessageKey> = {
  unsettled: "payments.kindUnsettled",
  charged_after_failure: "payments.kindChargedAfterFailure",
  mismatch: "payments.kindMismatch",
};

/** What to do about each kind. */
export const ATTENTION_KIND_TODO: Record<AttentionKind, MessageKey> = {
  unsettled: "payments.attentionWhatToDo",
  charged_after_failure: "payments.chargedWhatToDo",
  mismatch: "payments.mismatchWhatToDo",
};
