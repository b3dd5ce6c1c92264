/**
 * Undoing a CPM payment whose outcome is stuck: `POST /trade/v1/reversal` or `/trade/v1/close`
 * (docs/qfpay.md §6), the last resort after enquiry (§9).
 * Owns: which endpoint to try for a pay_type, the request fields and reading the answer.
 * Never: resends, or treats "done" as proof about the money; only an enquiry row with `cancel`
 * other than "0" (or a failure code) says what happened (§4, §6).
 */
import "server-only";
import type { QfpayConfig } from "./config";
import { normaliseRespcd } from "./outcome";
import { readString } from "./read";
import { DEFAULT_TIME_ZONE, formatMerchantDateTime } from "./time";
import { qfpayRequest } from "./transport";
import type { CancelRequestParams, CancelResponse } from "./types";

export type CancelEndpoint = "reversal" | "close";

const CANCEL_PATHS: Readonly<Record<CancelEndpoint, string>> = Object.freeze({
  reversal: "/trade/v1/reversal",
  close: "/trade/v1/close",
});

/**
 * Endpoints to try, in order, per CPM pay_type. §6 CONFLICT: the 2026 Mintlify page lists Alipay
 * CPM 800108 under reversal and WeChat CPM 800008/800208/801008 under close; the Aug 2025
 * Docusaurus page and the 2016-2019 docs put every CPM (WeChat included) under reversal. So each
 * pay_type leads with the newest docs' endpoint and falls back to the other one. PayMe 805808 and
 * UnionPay 800708 have no documented cancel ("Hong Kong PayTypes do not support transaction
 * cancel"), and neither does any pay_type missing here: the ledger keeps querying and refunds a
 * late success (§6 [Inferred], §9).
 */
export const CANCEL_ENDPOINTS_BY_PAY_TYPE: Readonly<Record<string, readonly CancelEndpoint[]>> = Object.freeze({
  "800108": Object.freeze(["reversal", "close"] as const),
  "800008": Object.freeze(["close", "reversal"] as const),
  "800208": Object.freeze(["close", "reversal"] as const),
  "801008": Object.freeze(["close", "reversal"] as const),
  "805808": Object.freeze([] as const),
  "800708": Object.freeze([] as const),
});

export function cancelEndpointsFor(payType: string): CancelEndpoint[] {
  const endpoints = Object.hasOwn(CANCEL_ENDPOINTS_BY_PAY_TYPE, payType)
    ? CANCEL_ENDPOINTS_BY_PAY_TYPE[payType]
    : undefined;
  return [...(endpoints ?? [])];
}

export type CancelRequest = {
  /** The payment's out_trade_no. */
  outTradeNo: string;
  /** The payment's amount, integer minor units (§6 "original amount"). */
  amount: number;
  /** The payment's txdtm as it was sent (§6 "original transaction time"). */
  txdtm: Date;
  /** The payment's syssn, when QFPay ever gave one; sent alongside out_trade_no as in the §6 samples. */
  syssn?: string | null;
};

export type CancelAttempt = {
  /**
   * - `done`: 0000, QFPay accepted the reversal/close. Not proof the customer was not charged
   *   (Alipay's cancel refunds a paid trade; a payer can finish just before it): confirm by enquiry (§6).
   * - `pending`: 1143/1145 (and the 1295/1298 processing codes): in progress, query (§6, §8).
   * - `refused`: any other code, e.g. 1101 reversal error, 1142/1264 closed, 1150 T0 merchant,
   *   1136 not operable. The next endpoint may still work; the enquiry still decides.
   * - `unknown`: no readable answer, or no readable respcd.
   */
  result: "done" | "pending" | "refused" | "unknown";
  respcd: string | null;
  message: string | null;
  /** The reversal's own new syssn (§6), not the payment's. */
  syssn: string | null;
  /** `<transport reason>: <detail>` or `unrecognised_respcd` when `result` is unknown; else null. */
  unknownReason: string | null;
};

/** §6 "1143/1145 = reversal/cancel in progress"; §8 groups 1298 and 1295 with them as processing. */
const IN_PROGRESS = new Set(["1143", "1145", "1295", "1298"]);

export async function sendCancel(
  config: QfpayConfig,
  endpoint: CancelEndpoint,
  req: CancelRequest,
): Promise<CancelAttempt> {
  const path = Object.hasOwn(CANCEL_PATHS, endpoint) ? CANCEL_PATHS[endpoint] : undefined;
  if (path === undefined) throw new RangeError(`unknown cancel endpoint: ${String(endpoint)}`);
  const params = toCancelParams(req, config.timeZone);
  // §6, §12: a reversal changes the order (Alipay's refunds a paid one); it is sent once and
  // settled by enquiry, like the payment itself.
  const result = await qfpayRequest(config, path, params, { retry: "never" });
  if (result.kind === "unknown") {
    return {
      result: "unknown",
      respcd: null,
      message: null,
      syssn: null,
      unknownReason: `${result.reason}: ${result.detail}`,
    };
  }
  return toCancelAttempt(result.body);
}

/** Throws on programming errors: a bad amount or an empty out_trade_no must never reach QFPay. */
function toCancelParams(req: CancelRequest, timeZone: string = DEFAULT_TIME_ZONE): CancelRequestParams {
  if (!Number.isSafeInteger(req.amount) || req.amount <= 0) {
    throw new RangeError(`amount must be a positive integer in minor units, got ${String(req.amount)}`);
  }
  if (req.outTradeNo.trim() === "") throw new RangeError("outTradeNo must not be empty");
  const params: CancelRequestParams = {
    out_trade_no: req.outTradeNo,
    txamt: req.amount,
    txdtm: formatMerchantDateTime(req.txdtm, timeZone),
  };
  const syssn = req.syssn?.trim();
  if (syssn) params.syssn = syssn;
  return params;
}

function toCancelAttempt(body: Record<string, unknown>): CancelAttempt {
  const field = (key: keyof CancelResponse) => readString(body, key);
  const code = normaliseRespcd(body.respcd);
  const result: CancelAttempt["result"] =
    code === null ? "unknown" : code === "0000" ? "done" : IN_PROGRESS.has(code) ? "pending" : "refused";
  return {
    result,
    respcd: field("respcd"),
    message: field("resperr") ?? field("respmsg"),
    syssn: field("syssn"),
    unknownReason: code === null ? "unrecognised_respcd" : null,
  };
}
