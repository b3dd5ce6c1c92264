/**
 * The one way to talk to QFPay (ANCHORS style rule 3).
 * Owns: dropping empty parameters, adding `mchid`, form encoding, signing, headers, the timeout
 * and parsing the answer. Never: throws for network trouble (it returns `kind: "unknown"`), retries
 * on its own, or lets the client key, the sign string or the request headers into a result.
 */
import "server-only";
import type { QfpayConfig } from "./config";
import { isRecord } from "./read";
import { signParams } from "./sign";

export type TransportResult =
  | { kind: "answer"; httpStatus: number; body: Record<string, unknown> }
  | {
      kind: "unknown";
      reason: "timeout" | "network" | "http_status" | "not_json" | "rate_limited";
      httpStatus?: number;
      /** A note for the ledger and logs; free of credentials. */
      detail: string;
    };

export type QfpayParams = Record<string, string | number | undefined | null>;

type PreparedRequest = { url: string; path: string; headers: Record<string, string>; body: string };

export async function qfpayRequest(config: QfpayConfig, path: string, params: QfpayParams): Promise<TransportResult> {
  const request = prepareRequest(config, path, params);
  // Seam for issue 3: the shared rate budget (100/s and 400/min per merchant, §1, §12) and the
  // bounded, jittered backoff on 429/network/5xx wrap `sendOnce` here (ANCHORS rule 7). Only
  // calls that are safe to repeat may be retried: `/payment` is sent once and settled by enquiry
  // (§9, §12 "never resend").
  return sendOnce(request, config.timeoutMs);
}

function prepareRequest(config: QfpayConfig, path: string, params: QfpayParams): PreparedRequest {
  if (!path.startsWith("/")) throw new TypeError(`QFPay path must start with "/": ${path}`);
  if (Object.hasOwn(params, "mchid")) throw new TypeError("mchid comes from QfpayConfig, not from call parameters");

  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new TypeError(`QFPay parameter ${name} is not a finite number`);
    }
    const text = String(value);
    // §2: whether QFPay signs over empty values is unknown; the 2016 doc signed only non-empty
    // ones, so an empty parameter is never sent.
    if (text.trim() === "") continue;
    fields[name] = text;
  }
  // §1: send mchid on every call if QFPay issued one, never otherwise; it is signed like any field.
  if (config.mchid) fields.mchid = config.mchid;

  const sign = signParams(fields, config.clientKey, config.signType);
  const headers: Record<string, string> = {
    // §1: form body in UTF-8, as in the CPM sample header.
    "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
    Accept: "application/json",
    "X-QF-APPCODE": config.appCode,
    "X-QF-SIGN": sign,
  };
  // §1: absent means MD5.
  if (config.signType === "SHA256") headers["X-QF-SIGNTYPE"] = "SHA256";

  // §2: the signature covers raw values; the body carries them form-encoded (a space in txdtm
  // travels as "+" and QFPay decodes it before checking).
  const body = new URLSearchParams(Object.entries(fields)).toString();
  return { url: joinUrl(config.baseUrl, path), path, headers, body };
}

function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, "") + path;
}

async function sendOnce(request: PreparedRequest, timeoutMs: number): Promise<TransportResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const where = `POST ${request.path}`;

  try {
    const response = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      // A redirected POST would turn into a GET without the signed body; treat 3xx as a bad status.
      redirect: "manual",
    });
    // Inside the timer: a server that sends headers and then stalls the body is still a timeout.
    const text = await response.text();
    return interpretResponse(response.status, response.headers.get("content-type"), text, where);
  } catch (error) {
    if (timedOut) {
      return { kind: "unknown", reason: "timeout", detail: `no answer within ${timeoutMs} ms (${where})` };
    }
    return { kind: "unknown", reason: "network", detail: `${describeNetworkError(error)} (${where})` };
  } finally {
    clearTimeout(timer);
  }
}

function interpretResponse(status: number, contentType: string | null, text: string, where: string): TransportResult {
  const shape = `${contentType ?? "no content-type"}, ${text.length} chars`;
  if (status === 429) {
    // §1, §12: over 100/s or 400/min. Not proof that the request was not processed.
    return { kind: "unknown", reason: "rate_limited", httpStatus: status, detail: `HTTP 429 (${where})` };
  }
  if (status < 200 || status > 299) {
    return { kind: "unknown", reason: "http_status", httpStatus: status, detail: `HTTP ${status} (${where}; ${shape})` };
  }
  const body = parseJsonObject(text);
  if (body === null) {
    return { kind: "unknown", reason: "not_json", httpStatus: status, detail: `HTTP ${status} body is not a JSON object (${where}; ${shape})` };
  }
  return { kind: "answer", httpStatus: status, body };
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const cause = error.cause;
  const code = isRecord(cause) && typeof cause.code === "string" ? cause.code : null;
  return code ? `${error.message} (${code})` : error.message;
}
