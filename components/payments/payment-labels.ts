import type { MessageKey } from "@/lib/i18n/messages";
import type { FailureKind, PaymentStatus, RefundFailure, RefundStatus, WalletGuess } from "@/lib/contract/payments";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/refunds";

export const STATUS_LABEL: Record<PaymentStatus, MessageKey> = {
  pending: "payments.statusPending",
  paid: "payments.statusPaid",
  failed: "payments.statusFailed",
  cancelled: "payments.statusCancelled",
  refunded: "payments.statusRefunded",
  partially_refunded: "payments.statusPartiallyRefunded",
  needs_attention: "payments.statusNeedsAttention",
};

export const FAILURE_INSTRUCTION: Record<FailureKind, MessageKey> = {
  fresh_code: "payments.failureFreshCode",
  other_method: "payments.failureOtherMethod",
  declined: "payments.failureDeclined",
  configuration: "payments.failureConfiguration",
};

export const WALLET_LABEL: Record<WalletGuess, MessageKey> = {
  wechat: "payments.walletWechat",
  alipay: "payments.walletAlipay",
  unionpay: "payments.walletUnionpay",
  payme: "payments.walletPayme",
  unknown: "payments.walletUnknown",
};

export const REFUND_STATUS_LABEL: Record<RefundStatus, MessageKey> = {
  pending: "refunds.statusPending",
  succeeded: "refunds.statusSucceeded",
  failed: "refunds.statusFailed",
  needs_attention: "refunds.statusNeedsAttention",
};

/** Why QFPay refused a refund, in plain words (docs/qfpay.md §5). */
export const REFUND_FAILURE_TEXT: Record<RefundFailure, MessageKey> = {
  window_closed: "refunds.reasonWindowClosed",
  insufficient_takings: "refunds.reasonInsufficientTakings",
  partial_not_allowed: "refunds.reasonPartialNotAllowed",
  exceeds_refundable: "refunds.reasonExceedsRefundable",
  already_refunded: "refunds.reasonAlreadyRefunded",
  duplicate_request: "refunds.reasonDuplicateRequest",
  refused: "refunds.reasonRefused",
};
