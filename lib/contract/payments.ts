/**
 * Payments in the browser/server contract (issue 11): the statuses, the payment and refund as the
 * API shows them, and what `POST /api/payments` and `GET /api/payments` accept. The types are the
 * schemas' (`z.infer`): the ledger builds them, the route handlers validate requests with them, and
 * the browser parses answers with them (lib/client/payments-api.ts). zod/mini and no server
 * imports: the browser loads this module (docs/architecture.md §7.5). Relative imports only:
 * lib/env-schema.ts (loaded by next.config.ts) reads `CPM_PAY_TYPES` from here.
 */
import * as z from "zod/mini";
import { MAX_AMOUNT_MINOR, isSupportedCurrency } from "../money";
import { OUT_TRADE_NO_PATTERN } from "./out-trade-no";
import { textOrNull, validItems } from "./tolerant";

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
export const WALLET_GUESSES = ["wechat", "alipay", "unionpay", "payme", "unknown"] as const;
export type WalletGuess = (typeof WALLET_GUESSES)[number];

/** QFPay CPM pay types (docs/qfpay.md §3). 800008 lets QFPay route by the scanned code. */
export const CPM_PAY_TYPES = ["800008", "800108", "800208", "801008", "805808", "800708"] as const;

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

/**
 * A refund as the API shows it (`POST /api/payments/{outTradeNo}/refunds`, and in
 * `PaymentView.refunds`). `approvedBy` came with issue 9: a server before it sent none.
 */
export const refundView = z.object({
  /** The refund's own out_trade_no (never the payment's: QFPay wants a new one, docs/qfpay.md §5). */
  outTradeNo: z.string(),
  paymentOutTradeNo: z.string(),
  /** Minor units. */
  amount: z.number(),
  currency: z.string(),
  status: z.enum(REFUND_STATUSES),
  respcd: z.nullable(z.string()),
  message: z.nullable(z.string()),
  /** A reason this build has no words for is shown as none. */
  failureReason: z.catch(z.nullable(z.enum(REFUND_FAILURES)), null),
  /** QFPay's transaction number of the refund. */
  syssn: z.nullable(z.string()),
  createdBy: z.string(),
  /** The manager who approved a cashier's refund on the cashier's till (issue 9); null when none was needed. */
  approvedBy: textOrNull,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RefundView = z.infer<typeof refundView>;

/**
 * What every server has sent since the first release is required; what came later falls back to
 * what an older server meant by leaving it out (nothing refunded or refundable, no refunds, no
 * cancel asked, not checking); a display-only value this build has no words for (a new wallet or
 * failure kind) is shown as unknown rather than losing the payment.
 */
const paymentFields = z.object({
  outTradeNo: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  /** Integer, minor units. */
  amount: z.number(),
  currency: z.string(),
  /** The QFPay pay_type sent (e.g. "800008"). */
  payType: z.string(),
  /** Wallet guessed from the scanned code (display only). */
  wallet: z.catch(z.enum(WALLET_GUESSES), "unknown"),
  /** Last four characters of the payment code, for the cashier to compare. */
  authCodeLast4: z.string(),
  /** QFPay's transaction number, once QFPay assigned one. */
  syssn: z.nullable(z.string()),
  /** The latest QFPay `respcd`, or null before any answer. */
  respcd: z.nullable(z.string()),
  /** QFPay's own text (`resperr`) or our note about an unknown outcome. */
  message: z.nullable(z.string()),
  /** Set when status is "failed". */
  failureKind: z.catch(z.nullable(z.enum(FAILURE_KINDS)), null),
  /** Amount already refunded, minor units. */
  refundedAmount: z.catch(z.number(), 0),
  /** What a manager may still refund: amount − refunded − refunds in progress (0 unless paid). */
  refundableAmount: z.catch(z.number(), 0),
  /** Refunds of this payment, oldest first. */
  refunds: z.catch(validItems(refundView), []),
  /** True once a cashier asked to cancel it (the reversal may still be running). */
  cancelRequested: z.catch(z.boolean(), false),
  /** Why it needs a manager (status "needs_attention"), in English for the audit trail. */
  attentionReason: z.catch(z.nullable(z.string()), null),
  /** The kind of attention (status "needs_attention"), for plain words and the actions offered. */
  attentionKind: z.catch(z.nullable(z.enum(ATTENTION_KINDS)), null),
  /**
   * Pending and QFPay's first answer was a failure it has not confirmed (or no answer at all):
   * the cashier sees "Checking with QFPay…", never "ask for another method".
   */
  checking: z.catch(z.boolean(), false),
  /** The wallet's own transaction id (QFPay `chnlsn`): what a customer quotes in a dispute. */
  walletReference: textOrNull,
  /** When the wallet completed the payment (QFPay `paydtm`, merchant wall clock), if QFPay said. */
  paidAt: textOrNull,
  /** The pay_type QFPay resolved (e.g. "800208" for an "800008" payment), if it said. */
  qfpayPayType: textOrNull,
  /** Refunds of this payment not yet final (pending or needs_attention). */
  openRefunds: z.catch(z.number(), 0),
  /** Username of the person who scanned it. */
  createdBy: z.string(),
  /** Who was at the till when it was sent, when that was someone else (a queued payment, issue 9). */
  sentBy: textOrNull,
  createdAt: z.string(),
  updatedAt: z.string(),
});

/**
 * JSON of `GET /api/payments/{outTradeNo}`, of each item of `GET /api/payments`, and of the answers
 * to a payment, a cancel and a manager's decision. A payment that needs attention always has a
 * kind: a server from before the kinds meant "unsettled".
 */
export const paymentView = z.pipe(
  paymentFields,
  z.transform((payment) => ({
    ...payment,
    attentionKind: payment.status === "needs_attention" ? (payment.attentionKind ?? "unsettled") : null,
  })),
);
export type PaymentView = z.infer<typeof paymentView>;

/** JSON of `GET /api/payments`: a payment this build cannot read is left out of the list. */
export const paymentList = z.object({ payments: validItems(paymentView) });
export type PaymentList = z.infer<typeof paymentList>;

/** An amount a request gives, in minor units; `words` say what it must be when it is not a whole number. */
export function amountInput(words: string) {
  return z
    .number({ error: words })
    .check(
      z.int(words),
      z.positive("amount must be greater than zero"),
      z.maximum(MAX_AMOUNT_MINOR, `amount must be at most ${MAX_AMOUNT_MINOR} minor units`),
    );
}

/** The key a till sends with a payment or a refund: made once, reused on every resend. */
export const outTradeNoInput = z.optional(
  z
    .string({ error: "outTradeNo must be a string" })
    .check(z.regex(OUT_TRADE_NO_PATTERN, "outTradeNo must be 8–64 letters, digits, '_' or '-'")),
);

/** What `POST /api/payments` accepts; the ledger trusts only what passed. */
export const createPaymentInput = z.object({
  outTradeNo: outTradeNoInput,
  amount: amountInput("amount must be a whole number of minor units (e.g. 1250 for HK$12.50)"),
  currency: z.optional(
    z
      .string({ error: "currency must be a string" })
      .check(z.refine(isSupportedCurrency, "currency is not one QFPay supports")),
  ),
  // QFPay: auth_code String(128), single use (docs/qfpay.md §3, §10). Scanners may add spaces or CR/LF.
  authCode: z.string({ error: "authCode must be a string" }).check(
    z.overwrite((code) => code.replace(/\s+/g, "")),
    z.regex(/^[0-9A-Za-z]{10,128}$/, "authCode must be 10–128 letters or digits"),
  ),
  payType: z.optional(z.enum(CPM_PAY_TYPES, { error: `payType must be one of ${CPM_PAY_TYPES.join(", ")}` })),
  /** Who scanned it, when that may be someone other than the sender (a queued payment): lib/auth/scan-proof.ts. */
  scanProof: z.optional(
    z.string({ error: "scanProof must be a string" }).check(z.maxLength(200, "scanProof is too long")),
  ),
});
export type CreatePaymentInput = z.infer<typeof createPaymentInput>;

/**
 * `GET /api/payments`'s query: the latest `limit` payments, only one `status`, or (`attention`)
 * what a manager must look at.
 */
export const paymentListQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  status: z.optional(z.enum(PAYMENT_STATUSES)),
  attention: z.pipe(
    z.optional(z.enum(["0", "1"], { error: "attention must be 0 or 1" })),
    z.transform((flag) => flag === "1"),
  ),
});
export type PaymentListQuery = z.infer<typeof paymentListQuery>;
