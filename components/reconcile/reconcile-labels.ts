import type { MessageKey } from "@/lib/i18n/messages";
import type { PaymentStatus, RefundStatus } from "@/lib/contract/payments";
import type { DifferenceKind, QfpayRecordStatus } from "@/lib/contract/reconcile";
import "@/lib/i18n/catalog/reconcile";

export const KIND_LABEL: Record<DifferenceKind, MessageKey> = {
  missing_in_ledger: "reconcile.kindMissingInLedger",
  missing_at_qfpay: "reconcile.kindMissingAtQfpay",
  status_differs: "reconcile.kindStatusDiffers",
  amount_differs: "reconcile.kindAmountDiffers",
};

/** Ledger statuses (payments and refunds) and QFPay's record in one word. */
export const STATUS_WORD: Record<PaymentStatus | RefundStatus | QfpayRecordStatus, MessageKey> = {
  pending: "reconcile.statusPending",
  paid: "reconcile.statusPaid",
  failed: "reconcile.statusFailed",
  cancelled: "reconcile.statusCancelled",
  refunded: "reconcile.statusRefunded",
  partially_refunded: "reconcile.statusPartiallyRefunded",
  needs_attention: "reconcile.statusNeedsAttention",
  succeeded: "reconcile.statusSucceeded",
  reversed: "reconcile.statusReversed",
};
