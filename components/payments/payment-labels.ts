import type { MessageKey } from "@/lib/i18n/messages";
import type { FailureKind, PaymentStatus, WalletGuess } from "@/lib/payments/types";

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

/** States no later message can change for the cashier at the till. */
export function isSettledStatus(status: PaymentStatus): boolean {
  return status !== "pending" && status !== "needs_attention";
}
