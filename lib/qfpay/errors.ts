/**
 * Errors about a QFPay exchange. The transport itself reports network trouble as a value, not an
 * exception; these are for callers that need to throw with the gateway's facts attached.
 * Never: carries request headers, the sign string or the client key.
 */
import "server-only";

export type QfpayErrorDetails = {
  respcd?: string | null;
  httpStatus?: number | null;
  outTradeNo?: string | null;
  /** The parsed response body QFPay sent, if any. Never the request. */
  raw?: unknown;
  cause?: unknown;
};

export class QfpayError extends Error {
  readonly respcd: string | null;
  readonly httpStatus: number | null;
  readonly outTradeNo: string | null;
  readonly raw: unknown;

  constructor(message: string, details: QfpayErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "QfpayError";
    this.respcd = details.respcd ?? null;
    this.httpStatus = details.httpStatus ?? null;
    this.outTradeNo = details.outTradeNo ?? null;
    this.raw = details.raw;
  }
}
