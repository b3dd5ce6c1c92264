/**
 * The payment as the HTTP API shows it. Pure types and constants: safe for client components
 * (`import type`), the route handlers and the ledger alike.
 */

/** Every status a payment can have (docs/architecture.md §6.3). */
export const PAYMENT_STATUSES = [
  "pending",
  "paid",
  "failed",
  "cancelled",
  "refunded",
  "partially_refunded",
  "needs_attention",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * Why a payment failed, as far as the cashier needs to know what to do next:
 * - `fresh_code`: the code was wrong or expired; ask the customer to refresh it and scan again.
 * - `other_method`: the wallet refused (balance, bank); ask for another wallet or method.
 * - `declined`: refused for risk or policy; do not retry this customer's payment automatically.
 * - `configuration`: our merchant set-up is wrong; call the manager, retrying will not help.
 */
export const FAILURE_KINDS = ["fresh_code", "other_method", "declined", "configuration"] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/**
 * Why a payment needs a manager (status "needs_attention"):
 * - `unsettled`: QFPay has not given a final answer we can prove (no row, reversal unconfirmed…);
 *   ScanTill keeps asking QFPay for 24 hours and settles it by itself when QFPay answers.
 * - `charged_after_failure`: the cashier was told it failed or was cancelled, and QFPay later
 *   reported the customer charged. The manager refunds it or keeps it (the customer got the goods).
 * - `mismatch`: QFPay's record differs from ours (amount or currency): never counted as paid.
 */
export const ATTENTION_KINDS = ["unsettled", "charged_after_failure", "mismatch"] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/** Wallet guessed from the code's prefix, for display only (docs/qfpay.md §10). */
export type WalletGuess = "wechat" | "alipay" | "unionpay" | "payme" | "unknown";

/** JSON of `GET /api/payments/{outTradeNo}` and of each item of `GET /api/payments`. */
export type PaymentView = {
  outTradeNo: string;
  status: PaymentStatus;
  /** Integer, minor units. */
  amount: number;
  currency: string;
  /** The QFPay pay_type sent (e.g. "800008"). */
  payType: string;
  /** Wallet guessed from the scanned code (display only). */
  wallet: WalletGuess;
  /** Last four characters of the payment code, for the cashier to compare. */
  authCodeLast4: string;
  /** QFPay's transaction number, once QFPay assigned one. */
  syssn: string | null;
  /** The latest QFPay `respcd`, or null before any answer. */
  respcd: string | null;
  /** QFPay's own text (`resperr`) or our note about an unknown outcome. */
  message: string | null;
  /** Set when status is "failed". */
  failureKind: FailureKind | null;
  /** Amount already refunded, minor units. */
  refundedAmount: number;
  /** What a manager may still refund: amount − refunded − refunds in progress (0 unless paid). */
  refundableAmount: number;
  /** Refunds of this payment, oldest first. */
  refunds: RefundView[];
  /** True once a cashier asked to cancel it (the reversal may still be running). */
  cancelRequested: boolean;
  /** Why it needs a manager (status "needs_attention"), in English for the audit trail. */
  attentionReason: string | null;
  /** The kind of attention (status "needs_attention"), for plain words and the actions offered. */
  attentionKind: AttentionKind | null;
  /**
   * Pending and QFPay's first answer was a failure it has not confirmed (or no answer at all):
   * the cashier sees "Checking with QFPay…", never "ask for another method".
   */
  checking: boolean;
  /** The wallet's own transaction id (QFPay `chnlsn`): what a customer quotes in a dispute. */
  walletReference: string | null;
  /** When the wallet completed the payment (QFPay `paydtm`, merchant wall clock), if QFPay said. */
  paidAt: string | null;
  /** The pay_type QFPay resolved (e.g. "800208" for an "800008" payment), if it said. */
  qfpayPayType: string | null;
  /** Refunds of this payment not yet final (pending or needs_attention). */
  openRefunds: number;
  /** Username of the person who scanned it. */
  createdBy: string;
  /** Who was at the till when it was sent, when that was someone else (a queued payment, issue 9). */
  sentBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** Every status a refund can have. */
export const REFUND_STATUSES = ["pending", "succeeded", "failed", "needs_attention"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * Why QFPay refused a refund, for a plain-words explanation (docs/qfpay.md §5, §8):
 * - `window_closed` (1265): paid 23:30–00:30, a promotion, or past the refund period.
 * - `insufficient_takings` (1269): today's unsettled takings for that wallet are smaller than the refund.
 * - `partial_not_allowed` (1270, 1271): this currency or payment cannot be partly refunded.
 * - `exceeds_refundable` (1272): more than what is left to refund.
 * - `already_refunded` (1264, 1125, 1262): the payment is already fully refunded or closed.
 * - `duplicate_request` (1251): that refund number was used before, or a refund is still processing.
 * - `refused` (1155, 1124, anything else final): refused; see QFPay's message.
 */
export const REFUND_FAILURES = [
  "window_closed",
  "insufficient_takings",
  "partial_not_allowed",
  "exceeds_refundable",
  "already_refunded",
  "duplicate_request",
  "refused",
] as const;
export type RefundFailure = (typeof REFUND_FAILURES)[number];

/** A refund as the API shows it (`POST /api/payments/{outTradeNo}/refunds`, and in `PaymentView.refunds`). */
export type RefundView = {
  /** The refund's own out_trade_no (never the payment's: QFPay wants a new one, docs/qfpay.md §5). */
  outTradeNo: string;
  paymentOutTradeNo: string;
  /** Minor units. */
  amount: number;
  currency: string;
  status: RefundStatus;
  respcd: string | null;
  message: string | null;
  failureReason: RefundFailure | null;
  /** QFPay's transaction number of the refund. */
  syssn: string | null;
  createdBy: string;
  /** The manager who approved a cashier's refund on the cashier's till (issue 9); null when none was needed. */
  approvedBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** Error body of every 4xx/5xx answer: `{ error: { code, message } }`. */
export type { ApiErrorBody } from "@/lib/contract/errors";
