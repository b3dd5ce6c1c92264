/**
 * The payment as the HTTP API shows it. Pure types and constants: safe for client components
 * (`import type`), the route handlers and the ledger alike.
 */

/** Every status a payment can have (ARCHITECTURE "Rules that keep money safe" 3). */
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

/** Wallet guessed from the code's prefix, for display only (API-FACTS §10). */
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
  /** Username of the cashier who took it. */
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

/** Error body of every 4xx/5xx answer: `{ error: { code, message } }`. */
export type ApiErrorBody = { error: { code: string; message: string } };
