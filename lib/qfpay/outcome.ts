/**
 * THE mappings from a QFPay `respcd` to what it means for a payment and for a refund
 * (docs/qfpay.md §8). Used for the `/payment` and `/refund` answers and for each enquiry row alike.
 * Never: calls a payment or a refund failed on a code we cannot be sure about. A payment wrongly
 * marked failed is a customer charged with no sale; a refund wrongly marked failed invites a
 * second refund of the same money. So anything unlisted, missing or malformed is pending and the
 * enquiry settles it (§8 "Safe default", docs/architecture.md §6.2).
 */
import "server-only";
import type { FailureKind, RefundFailure } from "@/lib/contract/payments";

export type GatewayOutcome =
  { status: "paid" } | { status: "pending" } | { status: "failed"; failureKind: FailureKind };

const PAID: GatewayOutcome = Object.freeze({ status: "paid" });
const PENDING: GatewayOutcome = Object.freeze({ status: "pending" });
const FRESH_CODE: GatewayOutcome = Object.freeze({ status: "failed", failureKind: "fresh_code" });
const OTHER_METHOD: GatewayOutcome = Object.freeze({ status: "failed", failureKind: "other_method" });
const DECLINED: GatewayOutcome = Object.freeze({ status: "failed", failureKind: "declined" });
const CONFIGURATION: GatewayOutcome = Object.freeze({ status: "failed", failureKind: "configuration" });

/** Every §8 code (plus two historical pending codes), each decided on purpose. Unlisted ⇒ pending. */
export const RESPCD_TABLE: Readonly<Record<string, GatewayOutcome>> = Object.freeze({
  "0000": PAID,

  // §8 PENDING→query, and QFM-codes' "processing, poll the enquiry" group (1143/1145/1298);
  // 1295 "waiting for response" is §8's [Inferred] pending.
  "1143": PENDING,
  "1145": PENDING,
  "1295": PENDING,
  "1298": PENDING,

  // §8 "→ query": the code says nothing certain about whether the customer paid.
  // 1100/1252/1254 system trouble mid-request; 1101 reversal error; 1102/2011 duplicate
  // out_trade_no, so an earlier send may have succeeded (§12 "rejected, not replayed");
  // 1136 "does not exist / not operable" is "FAIL-final (or query)", we query;
  // 1260 "already paid" counts only after a query confirms it; 1261 "not paid" may still change.
  "1100": PENDING,
  "1101": PENDING,
  "1102": PENDING,
  "1136": PENDING,
  "1252": PENDING,
  "1254": PENDING,
  "1260": PENDING,
  "1261": PENDING,
  "2011": PENDING,

  // §8 order-state and refund/cancel codes ("final state → query", "CONFIG/FAIL → query",
  // REFUND-*). Not expected on a CPM payment; if one appears it is not a failure we can be sure of.
  "1125": PENDING,
  "1150": PENDING,
  "1155": PENDING,
  "1262": PENDING,
  "1263": PENDING,
  "1264": PENDING,
  "1265": PENDING,
  "1266": PENDING,
  "1267": PENDING,
  "1268": PENDING,
  "1269": PENDING,
  "1270": PENDING,
  "1271": PENDING,
  "1272": PENDING,

  // Historical (§8 [QF-old]): 1161 "result unknown, query again"; 2999 pending, "then query".
  "1161": PENDING,
  "2999": PENDING,

  // §8 FAIL-rescan about the code itself: wrong/expired/used code (1202, 2005), WeChat Pay
  // transaction error (1147), UnionPay needs its overseas code (1212). A fresh scan may work.
  "1147": FRESH_CODE,
  "1202": FRESH_CODE,
  "1212": FRESH_CODE,
  "2005": FRESH_CODE,

  // §8 FAIL-rescan about the payer's funds or bank: insufficient balance (1201), bank error (1204),
  // failed try later (1205), bank busy / over a limit (1297, §11), slow network "try later or
  // another method" (1296, §8 [Inferred]).
  "1201": OTHER_METHOD,
  "1204": OTHER_METHOD,
  "1205": OTHER_METHOD,
  "1296": OTHER_METHOD,
  "1297": OTHER_METHOD,

  // §8 FAIL-final: order closed (1142), expired (1181), forbidden (1250), bank risk control
  // (1294, "never auto-retry").
  "1142": DECLINED,
  "1181": DECLINED,
  "1250": DECLINED,
  "1294": DECLINED,

  // §8 CONFIG: request format/parameters (1103, 1104 incl. pay_type not enabled, §3), device
  // (1105-1107), signature or invalid mchid (1108, §1), merchant/store set-up (1203, 1241-1243,
  // 1251). On a `/payment` answer 1251 may also be QFPay's "duplicate out_trade_no" (§12), so
  // `classifyPaymentAnswer` keeps it pending for the enquiry (issue 8).
  "1103": CONFIGURATION,
  "1104": CONFIGURATION,
  "1105": CONFIGURATION,
  "1106": CONFIGURATION,
  "1107": CONFIGURATION,
  "1108": CONFIGURATION,
  "1203": CONFIGURATION,
  "1241": CONFIGURATION,
  "1242": CONFIGURATION,
  "1243": CONFIGURATION,
  "1251": CONFIGURATION,
});

/**
 * Issue 8: the only failure codes on `/trade/v1/payment` that prove the customer was NOT charged,
 * so the payment may be written failed at once. QFPay rejected the request itself (request,
 * signature, device, merchant set-up: §8 CONFIG), or the wallet refused the code or the funds
 * before any money moved (1202/2005 wrong or expired code, 1212 needs the UnionPay overseas code,
 * 1201 insufficient balance; §8, §10). Every other failure code (1296 "slow network", 1297 bank
 * busy, 1204 bank error, 1147 WeChat system error, 1205, 1294, 1250, 1181, 1142, …) says the
 * channel had trouble, not that nothing was charged: it is confirmed by enquiry first.
 */
export const PAYMENT_NOT_PROCESSED_CODES: ReadonlySet<string> = new Set([
  "1103",
  "1104",
  "1105",
  "1106",
  "1107",
  "1108",
  "1203",
  "1241",
  "1242",
  "1243",
  "1201",
  "1202",
  "1212",
  "2005",
]);

/** What an answer to `/trade/v1/payment` means now, and what it will mean if the enquiry agrees. */
type PaymentAnswerOutcome = { outcome: GatewayOutcome; tentativeFailure: FailureKind | null };

/**
 * `classifyRespcd` for the `/payment` answer itself: a failure is final only for the codes in
 * `PAYMENT_NOT_PROCESSED_CODES`; any other failure is pending with the failure it will be if a
 * confirming enquiry shows the row failed. 1251 (QFPay's answer to a duplicate out_trade_no,
 * §12) is pending too: after a ledger restore the first send may have charged the customer.
 */
export function classifyPaymentAnswer(respcd: unknown): PaymentAnswerOutcome {
  const outcome = classifyRespcd(respcd);
  if (outcome.status !== "failed") return { outcome, tentativeFailure: null };
  const code = normaliseRespcd(respcd);
  if (code !== null && PAYMENT_NOT_PROCESSED_CODES.has(code)) return { outcome, tentativeFailure: null };
  return { outcome: PENDING, tentativeFailure: outcome.failureKind };
}

/**
 * The four-digit code, or null when `respcd` is missing or malformed. A number is accepted only in
 * 1000–9999 (samples mix strings and numbers, §3): a numeric 0 cannot be told from a broken field,
 * and "paid" is never guessed.
 */
export function normaliseRespcd(respcd: unknown): string | null {
  if (typeof respcd === "string") {
    const code = respcd.trim();
    return /^\d{4}$/.test(code) ? code : null;
  }
  if (typeof respcd === "number" && Number.isInteger(respcd) && respcd >= 1000 && respcd <= 9999) {
    return String(respcd);
  }
  return null;
}

/** True when `respcd` is a code this module decided on (as opposed to defaulting to pending). */
export function isKnownRespcd(respcd: unknown): boolean {
  const code = normaliseRespcd(respcd);
  return code !== null && Object.hasOwn(RESPCD_TABLE, code);
}

/** §8: paid for 0000, a failure kind for the codes listed as failures, pending for everything else. */
export function classifyRespcd(respcd: unknown): GatewayOutcome {
  const code = normaliseRespcd(respcd);
  if (code === null || !Object.hasOwn(RESPCD_TABLE, code)) return PENDING;
  return RESPCD_TABLE[code] ?? PENDING;
}

export type RefundOutcome =
  { status: "succeeded" } | { status: "pending" } | { status: "failed"; reason: RefundFailure };

const REFUNDED: RefundOutcome = Object.freeze({ status: "succeeded" });
const REFUND_PENDING: RefundOutcome = Object.freeze({ status: "pending" });
const refundFailed = (reason: RefundFailure): RefundOutcome => Object.freeze({ status: "failed", reason });
const WINDOW_CLOSED = refundFailed("window_closed");
const INSUFFICIENT_TAKINGS = refundFailed("insufficient_takings");
const PARTIAL_NOT_ALLOWED = refundFailed("partial_not_allowed");
const EXCEEDS_REFUNDABLE = refundFailed("exceeds_refundable");
const ALREADY_REFUNDED = refundFailed("already_refunded");
const DUPLICATE_REQUEST = refundFailed("duplicate_request");
const REFUSED = refundFailed("refused");

/**
 * Every §8 code (plus 1124 from §5 and the two historical pending codes) decided for a refund.
 * "failed" only where QFPay refused the request itself, so no money moved. Unlisted ⇒ pending.
 */
export const REFUND_RESPCD_TABLE: Readonly<Record<string, RefundOutcome>> = Object.freeze({
  "0000": REFUNDED,

  // §5: 1143/1145 "continue to query the refund"; §8 1298/1295 processing / waiting for response.
  "1143": REFUND_PENDING,
  "1145": REFUND_PENDING,
  "1295": REFUND_PENDING,
  "1298": REFUND_PENDING,

  // §8 "→ query" and RETRY-later codes: nothing certain about whether the refund was made.
  // 1102/2011 duplicate request: an earlier send may have been accepted (§12); 1136 "not
  // operable" is "FAIL-final (or query)"; 1263 and 1266-1268 are "→ query" in §8.
  "1100": REFUND_PENDING,
  "1101": REFUND_PENDING,
  "1102": REFUND_PENDING,
  "1136": REFUND_PENDING,
  "1252": REFUND_PENDING,
  "1254": REFUND_PENDING,
  "1260": REFUND_PENDING,
  "1261": REFUND_PENDING,
  "1263": REFUND_PENDING,
  "1266": REFUND_PENDING,
  "1267": REFUND_PENDING,
  "1268": REFUND_PENDING,
  "2011": REFUND_PENDING,
  "1161": REFUND_PENDING,
  "2999": REFUND_PENDING,

  // §8 payment-channel codes. No source shows them on a refund; a channel error mid-refund does
  // not prove the wallet returned nothing, so they are queried, not failed.
  "1147": REFUND_PENDING,
  "1201": REFUND_PENDING,
  "1202": REFUND_PENDING,
  "1204": REFUND_PENDING,
  "1205": REFUND_PENDING,
  "1212": REFUND_PENDING,
  "1296": REFUND_PENDING,
  "1297": REFUND_PENDING,
  "2005": REFUND_PENDING,

  // §5, §8 REFUND-*: 23:30-00:30, promotions or past the channel's refund period.
  "1265": WINDOW_CLOSED,
  // §5: refunds come out of today's unsettled takings for that channel.
  "1269": INSUFFICIENT_TAKINGS,
  // §8: partial refund unsupported for the currency (1270) or the transaction (1271).
  "1270": PARTIAL_NOT_ALLOWED,
  "1271": PARTIAL_NOT_ALLOWED,
  // §5: total refunds may not exceed the original.
  "1272": EXCEEDS_REFUNDABLE,
  // §5 "already fully refunded ⇒ 1264 Order closed (wrong cancel)"; §8 1125 already refunded,
  // 1262 order refunded, 1142 order already closed (reversed or fully refunded, §4 cancel).
  "1125": ALREADY_REFUNDED,
  "1142": ALREADY_REFUNDED,
  "1262": ALREADY_REFUNDED,
  "1264": ALREADY_REFUNDED,
  // §5, §12: a reused refund out_trade_no, or another refund of that payment still processing.
  // Rejected, not replayed: this send made no refund (an earlier one under the same number may
  // have; we never resend one, §12).
  "1251": DUPLICATE_REQUEST,

  // §8 FAIL-final and REFUND-final: refund denied (1155), card void must be full (1124, §5), T0
  // merchants cannot cancel (1150), order expired (1181), forbidden (1250), bank risk (1294).
  "1124": REFUSED,
  "1150": REFUSED,
  "1155": REFUSED,
  "1181": REFUSED,
  "1250": REFUSED,
  "1294": REFUSED,
  // §8 CONFIG: the request or the merchant set-up was rejected before anything was refunded.
  "1103": REFUSED,
  "1104": REFUSED,
  "1105": REFUSED,
  "1106": REFUSED,
  "1107": REFUSED,
  "1108": REFUSED,
  "1203": REFUSED,
  "1241": REFUSED,
  "1242": REFUSED,
  "1243": REFUSED,
});

/** True when `respcd` is a code the refund table decided on (as opposed to defaulting to pending). */
export function isKnownRefundRespcd(respcd: unknown): boolean {
  const code = normaliseRespcd(respcd);
  return code !== null && Object.hasOwn(REFUND_RESPCD_TABLE, code);
}

/** §5, §8: succeeded for 0000, a reason for the codes that refuse a refund, pending for everything else. */
export function classifyRefundRespcd(respcd: unknown): RefundOutcome {
  const code = normaliseRespcd(respcd);
  if (code === null || !Object.hasOwn(REFUND_RESPCD_TABLE, code)) return REFUND_PENDING;
  return REFUND_RESPCD_TABLE[code] ?? REFUND_PENDING;
}
