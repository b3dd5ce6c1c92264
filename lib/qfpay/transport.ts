/**
 * The one way to talk to QFPay (docs/architecture.md §3).
 * Owns: dropping empty parameters, adding `mchid`, form encoding, signing, headers, the timeout,
 * the shared rate budget, the back-off for calls that are safe to repeat, and parsing the answer.
 * Never: throws for network trouble (it returns `kind: "unknown"`), repeats a call its caller did
 * not mark repeatable, or lets the client key, the sign string or the request headers into a result.
 */
import "server-only";
import { backoffDelayMs, backoffSettings, parseRetryAfterMs } from "./backoff";
import type { QfpayConfig } from "./config";
import { sharedRateBudget, type RateBudget, type SlotGrant } from "./rate-budget";
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

type QfpayParams = Record<string, string | number | undefined | null>;

/**
 * - `"never"`: sent exactly once, whatever happens. Every call that moves money or changes an
 *   order (`/payment`, `/refund`, `/reversal`, `/close`): a lost answer does not mean QFPay did
 *   nothing, and a resent out_trade_no is rejected, not replayed (docs/qfpay.md §9, §12); the ledger settles
 *   these by enquiry.
 * - `"idempotent"`: may be repeated, with back-off, on 429, 5xx, network errors and timeouts.
 *   Only for read-only calls (`/trade/v1/query`, docs/qfpay.md §4).
 */
export type RetryPolicy = "idempotent" | "never";

export type QfpayRequestOptions = {
  /** Defaults to `"never"`; each resource module states its own. */
  retry?: RetryPolicy;
  /**
   * The caller already took this request's slot (`reserveQfpaySlot`): a call that moves money
   * takes its slot before its ledger row is marked sent, so "sent" means the request is leaving
   * now, not waiting in the budget's queue while the resolver acts on the wrong time (issue 8).
   */
  slotHeld?: boolean;
  /** Test seams; production uses the process-wide budget, `Math.random` and real timers. */
  budget?: RateBudget;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

/** Paths whose call only reads, so sending it twice cannot move money (docs/qfpay.md §4). */
const REPEATABLE_PATHS: ReadonlySet<string> = new Set(["/trade/v1/query"]);

type PreparedRequest = { url: string; path: string; headers: Record<string, string>; body: string };
type SendResult = { result: TransportResult; retryAfterMs: number | null };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits for a slot in the shared budget for a request the caller will send with `slotHeld`. */
export function reserveQfpaySlot(config: QfpayConfig): Promise<void> {
  return sharedRateBudget(config).acquire();
}

/** A slot held without waiting; `release` gives it back if the request will not be sent after all. */
type HeldQfpaySlot = { release(): void };

/** A slot now, if one is free without waiting (see `RateBudget.tryAcquire`), else null. */
export function tryReserveQfpaySlot(config: QfpayConfig): HeldQfpaySlot | null {
  const budget = sharedRateBudget(config);
  const grant: SlotGrant | null = budget.tryAcquire();
  if (grant === null) return null;
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      budget.release(grant);
    },
  };
}

export async function qfpayRequest(
  config: QfpayConfig,
  path: string,
  params: QfpayParams,
  options: QfpayRequestOptions = {},
): Promise<TransportResult> {
  const retry = options.retry ?? "never";
  if (retry === "idempotent" && !REPEATABLE_PATHS.has(path)) {
    throw new TypeError(`${path} is not safe to repeat; only ${[...REPEATABLE_PATHS].join(", ")} may be retried`);
  }
  const request = prepareRequest(config, path, params);
  const budget = options.budget ?? sharedRateBudget(config);
  const settings = backoffSettings(config.backoff);
  const attempts = retry === "idempotent" ? settings.attempts : 1;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;

  for (let attempt = 1; ; attempt++) {
    // docs/qfpay.md §1, §12: every request counts against the merchant's 100/s and 400/min, retries included.
    if (!(options.slotHeld && attempt === 1)) await budget.acquire();
    const { result, retryAfterMs } = await sendOnce(request, config.timeoutMs);
    if (result.kind === "answer" || !isWorthRepeating(result)) return result;
    if (attempt >= attempts) return gaveUp(result, attempt);
    if (retryAfterMs !== null && retryAfterMs > settings.maxRetryAfterMs) return gaveUp(result, attempt);
    await sleep(Math.max(backoffDelayMs(attempt, settings, random), retryAfterMs ?? 0));
  }
}

/**
 * docs/architecture.md §7.1: only trouble that says nothing about the request itself. 429
 * (docs/qfpay.md §1, §12 "back off exponentially"), 5xx, a lost connection and a timeout may pass;
 * a 2xx that is not JSON, a 3xx or a 4xx would come back the same.
 */
function isWorthRepeating(result: Extract<TransportResult, { kind: "unknown" }>): boolean {
  if (result.reason === "http_status")
    return result.httpStatus !== undefined && result.httpStatus >= 500 && result.httpStatus <= 599;
  return result.reason === "timeout" || result.reason === "network" || result.reason === "rate_limited";
}

function gaveUp(result: Extract<TransportResult, { kind: "unknown" }>, attempts: number): TransportResult {
  return attempts === 1 ? result : { ...result, detail: `${result.detail}; gave up after ${attempts} attempts` };
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
    // docs/qfpay.md §2: whether QFPay signs over empty values is unknown; the 2016 doc signed only non-empty
    // ones, so an empty parameter is never sent.
    if (text.trim() === "") continue;
    fields[name] = text;
  }
  // docs/qfpay.md §1: send mchid on every call if QFPay issued one, never otherwise; it is signed like any field.
  if (config.mchid) fields.mchid = config.mchid;

  const sign = signParams(fields, config.clientKey, config.signType);
  const headers: Record<string, string> = {
    // docs/qfpay.md §1: form body in UTF-8, as in the CPM sample header.
    "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
    Accept: "application/json",
    "X-QF-APPCODE": config.appCode,
    "X-QF-SIGN": sign,
  };
  // docs/qfpay.md §1: absent means MD5.
  if (config.signType === "SHA256") headers["X-QF-SIGNTYPE"] = "SHA256";

  // docs/qfpay.md §2: the signature covers raw values; the body carries them form-encoded (a space in txdtm
  // travels as "+" and QFPay decodes it before checking).
  const body = new URLSearchParams(Object.entries(fields)).toString();
  return { url: joinUrl(config.baseUrl, path), path, headers, body };
}

function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, "") + path;
}

async function sendOnce(request: PreparedRequest, timeoutMs: number): Promise<SendResult> {
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
    return {
      result: interpretResponse(response.status, response.headers.get("content-type"), text, where),
      retryAfterMs: parseRetryAfterMs(response.headers.get("retry-after"), Date.now()),
    };
  } catch (error) {
    const result: TransportResult = timedOut
      ? { kind: "unknown", reason: "timeout", detail: `no answer within ${timeoutMs} ms (${where})` }
      : { kind: "unknown", reason: "network", detail: `${describeNetworkError(error)} (${where})` };
    return { result, retryAfterMs: null };
  } finally {
    clearTimeout(timer);
  }
}

function interpretResponse(status: number, contentType: string | null, text: string, where: string): TransportResult {
  const shape = `${contentType ?? "no content-type"}, ${text.length} chars`;
  if (status === 429) {
    // docs/qfpay.md §1, §12: over 100/s or 400/min. Not proof that the request was not processed.
    return { kind: "unknown", reason: "rate_limited", httpStatus: status, detail: `HTTP 429 (${where})` };
  }
  if (status < 200 || status > 299) {
    return {
      kind: "unknown",
      reason: "http_status",
      httpStatus: status,
      detail: `HTTP ${status} (${where}; ${shape})`,
    };
  }
  const body = parseJsonObject(text);
  if (body === null) {
    return {
      kind: "unknown",
      reason: "not_json",
      httpStatus: status,
      detail: `HTTP ${status} body is not a JSON object (${where}; ${shape})`,
    };
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
