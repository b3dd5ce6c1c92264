/**
 * Refund of a paid payment: `POST /trade/v1/refund` (docs/qfpay.md §5).
 * Owns: building the refund fields and reading the answer into a `RefundAttempt`.
 * Never: resends. One call per refund out_trade_no; anything uncertain comes back pending and the
 * enquiry by that out_trade_no settles it (§5 "never resubmit, keep querying", §12).
 */
import "server-only";
import type { QfpayConfig } from "./config";
import { classifyRefundRespcd, isKnownRefundRespcd, type RefundOutcome } from "./outcome";
import { readString } from "./read";
import { DEFAULT_TIME_ZONE, formatMerchantDateTime } from "./time";
import { qfpayRequest } from "./transport";
import type { RefundRequestParams, RefundResponse } from "./types";

const REFUND_PATH = "/trade/v1/refund";

export type RefundRequest = {
  /** A new out_trade_no, unique across the merchant's payments and refunds (§5, §12). */
  refundOutTradeNo: string;
  /** The `syssn` QFPay gave the payment being refunded. */
  originalSyssn: string;
  /** Integer minor units; at most what is left to refund (§5, 1272). */
  amount: number;
  /** When the refund is requested; sent as merchant time (`POS_TIME_ZONE`). */
  txdtm: Date;
};

export type RefundAttempt = {
  outcome: RefundOutcome;
  respcd: string | null;
  /** `resperr`, else `respmsg`. 1265 covers both the blackout and an expired window: only this text tells them apart (§13.5). */
  message: string | null;
  /** The refund's own syssn (not the payment's), when QFPay sent one. */
  syssn: string | null;
  /** As on `PaymentAttempt`: `<transport reason>: <detail>`, or `unrecognised_respcd`; null when understood. */
  unknownReason: string | null;
};

const PENDING: RefundOutcome = Object.freeze({ status: "pending" });

/** `slotHeld`: as for `sendCpmPayment`. */
export async function sendRefund(
  config: QfpayConfig,
  req: RefundRequest,
  options: { slotHeld?: boolean } = {},
): Promise<RefundAttempt> {
  const params = toRefundParams(req, config.timeZone);
  // §5, §12: a refund is irreversible once accepted and a reused out_trade_no is rejected (1251),
  // so a lost answer is settled by enquiry, never by sending again.
  const result = await qfpayRequest(config, REFUND_PATH, params, { retry: "never", slotHeld: options.slotHeld });
  if (result.kind === "unknown") {
    return {
      outcome: PENDING,
      respcd: null,
      message: null,
      syssn: null,
      unknownReason: `${result.reason}: ${result.detail}`,
    };
  }
  return toRefundAttempt(result.body);
}

/** Throws on programming errors: a bad amount or an empty field must never reach QFPay. */
function toRefundParams(req: RefundRequest, timeZone: string = DEFAULT_TIME_ZONE): RefundRequestParams {
  if (!Number.isSafeInteger(req.amount) || req.amount <= 0) {
    throw new RangeError(`amount must be a positive integer in minor units, got ${String(req.amount)}`);
  }
  for (const [name, value] of [
    ["refundOutTradeNo", req.refundOutTradeNo],
    ["originalSyssn", req.originalSyssn],
  ] as const) {
    if (value.trim() === "") throw new RangeError(`${name} must not be empty`);
  }
  // §4: the enquiry takes out_trade_no lists comma-separated; a comma would make this refund unfindable.
  if (req.refundOutTradeNo.includes(",")) throw new RangeError("refundOutTradeNo must not contain a comma");
  return {
    syssn: req.originalSyssn,
    out_trade_no: req.refundOutTradeNo,
    txamt: req.amount,
    txdtm: formatMerchantDateTime(req.txdtm, timeZone),
  };
}

function toRefundAttempt(body: Record<string, unknown>): RefundAttempt {
  const field = (key: keyof RefundResponse) => readString(body, key);
  return {
    outcome: classifyRefundRespcd(body.respcd),
    respcd: field("respcd"),
    message: field("resperr") ?? field("respmsg"),
    syssn: field("syssn"),
    unknownReason: isKnownRefundRespcd(body.respcd) ? null : "unrecognised_respcd",
  };
}
