/**
 * CPM payment: `POST /trade/v1/payment` with a scanned wallet code (docs/qfpay.md §3).
 * Owns: building the payment fields and reading the answer into a `PaymentAttempt`.
 * Never: resends. One call per out_trade_no; anything uncertain comes back pending for the
 * enquiry to settle (§9, §12).
 */
import "server-only";
import type { QfpayConfig } from "./config";
import { classifyPaymentAnswer, isKnownRespcd, type GatewayOutcome } from "./outcome";
import type { FailureKind } from "@/lib/contract/payments";
import { isRecord, readMinorAmount, readString } from "./read";
import { DEFAULT_TIME_ZONE, formatMerchantDateTime } from "./time";
import { qfpayRequest } from "./transport";
import type { EnvelopeResponse, PaymentRequestParams, PaymentResponse } from "./types";

type EnvelopeData = NonNullable<EnvelopeResponse["data"]>;

const PAYMENT_PATH = "/trade/v1/payment";

export type CpmPaymentRequest = {
  outTradeNo: string;
  /** Integer minor units. */
  amount: number;
  currency: string;
  payType: string;
  authCode: string;
  /** When the sale was rung up; sent as merchant time (`POS_TIME_ZONE`). */
  txdtm: Date;
  goodsName?: string;
  udid?: string;
};

export type PaymentAttempt = {
  outcome: GatewayOutcome;
  /** QFPay's code as sent, or null when no answer was read. */
  respcd: string | null;
  /** QFPay's own text: `resperr`, else `respmsg`. Null when there was no readable answer. */
  message: string | null;
  syssn: string | null;
  payType: string | null;
  /**
   * Why the outcome is pending without QFPay saying "processing". Starts with a stable code:
   * a transport reason followed by ": " and a credential-free detail (`timeout: no answer within
   * 20000 ms (POST /trade/v1/payment)`; also `network`, `http_status`, `not_json`, `rate_limited`),
   * or exactly `unrecognised_respcd` (missing, malformed or unlisted code) or `txstatus_conflict`
   * (the §3 envelope disagrees with respcd). Null when QFPay's answer was understood.
   */
  unknownReason: string | null;
  /**
   * A failure code QFPay does not document as "not processed" (1296, 1297, 1204, 1147…; issue 8):
   * the outcome is pending and this is the failure it becomes if the confirming enquiry agrees.
   */
  tentativeFailure: FailureKind | null;
  /** What QFPay told us about the payment, when it did (§3 response fields). */
  chnlsn: string | null;
  sysdtm: string | null;
  paydtm: string | null;
  cardcd: string | null;
  /** The echoed `txamt` (minor units) and `txcurrcd`, when readable: a 0000 for another amount is not our payment paid. */
  amount: number | null;
  currency: string | null;
};

const PENDING: GatewayOutcome = Object.freeze({ status: "pending" });

/** `slotHeld`: the caller took the rate-budget slot with `reserveQfpaySlot` just before marking the payment sent. */
export async function sendCpmPayment(
  config: QfpayConfig,
  req: CpmPaymentRequest,
  options: { slotHeld?: boolean } = {},
): Promise<PaymentAttempt> {
  const params = toPaymentParams(req, config.timeZone);
  // §9, §12: a lost answer is settled by enquiry; a resent out_trade_no is rejected, not replayed.
  const result = await qfpayRequest(config, PAYMENT_PATH, params, { retry: "never", slotHeld: options.slotHeld });
  if (result.kind === "unknown") {
    const unknownReason = `${result.reason}: ${result.detail}`;
    return {
      outcome: PENDING,
      respcd: null,
      message: null,
      syssn: null,
      payType: null,
      unknownReason,
      tentativeFailure: null,
      chnlsn: null,
      sysdtm: null,
      paydtm: null,
      cardcd: null,
      amount: null,
      currency: null,
    };
  }
  return toPaymentAttempt(result.body);
}

/** Throws on programming errors: a non-integer amount or an empty required field must never reach QFPay. */
export function toPaymentParams(req: CpmPaymentRequest, timeZone: string = DEFAULT_TIME_ZONE): PaymentRequestParams {
  if (!Number.isSafeInteger(req.amount) || req.amount <= 0) {
    throw new RangeError(`amount must be a positive integer in minor units, got ${String(req.amount)}`);
  }
  for (const [name, value] of [
    ["outTradeNo", req.outTradeNo],
    ["currency", req.currency],
    ["payType", req.payType],
    ["authCode", req.authCode],
  ] as const) {
    if (value.trim() === "") throw new RangeError(`${name} must not be empty`);
  }
  const params: PaymentRequestParams = {
    txamt: req.amount,
    txcurrcd: req.currency,
    pay_type: req.payType,
    out_trade_no: req.outTradeNo,
    txdtm: formatMerchantDateTime(req.txdtm, timeZone),
    auth_code: req.authCode,
  };
  if (req.goodsName !== undefined) params.goods_name = req.goodsName;
  if (req.udid !== undefined) params.udid = req.udid;
  return params;
}

/**
 * Reads the flat answer every real response has (§3), and defensively the `data.txstatus`
 * envelope of the newest docs (§3 CONFLICT): the envelope may only confirm what `respcd` says.
 * The echoed out_trade_no is not compared: the §3 sample echoes a different value than it sent.
 */
export function toPaymentAttempt(body: Record<string, unknown>): PaymentAttempt {
  const field = (key: keyof PaymentResponse) => readString(body, key);
  const envelope = isRecord(body.data) ? body.data : null;
  const envelopeField = (key: keyof EnvelopeData) => (envelope ? readString(envelope, key) : null);

  const classified = classifyPaymentAnswer(body.respcd);
  let outcome = classified.outcome;
  let tentativeFailure = classified.tentativeFailure;
  let unknownReason: string | null = isKnownRespcd(body.respcd) ? null : "unrecognised_respcd";
  const txstatus = envelopeField("txstatus");
  if (txstatus !== null) {
    const agrees =
      (txstatus === "SUCCESS" && outcome.status === "paid") ||
      (txstatus === "FAILED" && (outcome.status === "failed" || tentativeFailure !== null)) ||
      (txstatus === "PENDING" && outcome.status === "pending");
    if (!agrees) {
      outcome = PENDING;
      tentativeFailure = null;
      if (txstatus !== "PENDING") unknownReason ??= "txstatus_conflict";
    }
  }

  return {
    outcome,
    respcd: field("respcd"),
    message: field("resperr") ?? field("respmsg"),
    syssn: field("syssn") ?? envelopeField("qf_trade_no"),
    payType: field("pay_type") ?? envelopeField("pay_type"),
    unknownReason,
    tentativeFailure,
    chnlsn: field("chnlsn"),
    sysdtm: field("sysdtm"),
    paydtm: field("paydtm"),
    cardcd: field("cardcd"),
    amount: readMinorAmount(body, "txamt"),
    currency: field("txcurrcd"),
  };
}
