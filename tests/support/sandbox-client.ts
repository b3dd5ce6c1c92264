/**
 * Talking to the QFPay sandbox (sandbox/server.ts) the way a merchant does: signed form posts over
 * real HTTP, codes and order numbers that never repeat, and a notification endpoint of our own. Shared
 * by the sandbox's specs (tests/unit/sandbox/), so each reads as what it checks, not as plumbing.
 *
 * The signer is written out here rather than imported from lib/qfpay/sign.ts on purpose: it is the
 * specs' independent reading of docs/qfpay.md §2 (tests/unit/sandbox/server.test.ts proves it against
 * the documented vectors), so a bug in the app's signer cannot hide behind the same bug in the test.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { DEMO_APP_CODE, DEMO_CLIENT_KEY } from "../../sandbox/server";

export type Fields = Record<string, string>;
export type Answer = Record<string, unknown>;

/** MD5, upper-case hex: how QFPay signs a notification's raw body (docs/qfpay.md §7). */
export function md5Upper(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex").toUpperCase();
}

/** QFPay's signature: the fields sorted by name, `k=v` joined by `&`, the key appended, hashed, upper case. */
export function signFields(fields: Fields, key: string = DEMO_CLIENT_KEY, type: "MD5" | "SHA256" = "MD5"): string {
  const text =
    Object.keys(fields)
      .sort()
      .map((name) => `${name}=${fields[name]}`)
      .join("&") + key;
  return createHash(type === "SHA256" ? "sha256" : "md5")
    .update(text, "utf8")
    .digest("hex")
    .toUpperCase();
}

/** Hong Kong wall-clock time (UTC+8) at `ms`, as QFPay's `txdtm`. */
export function hkTime(ms = Date.now()): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check` gives a value (not undefined); fails the test after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 3000,
  everyMs = 25,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

let sequence = 0;
export type WalletName = "wechat" | "alipay" | "unionpay";

/** A code of the wallet's docs/qfpay.md §10 format ending in `tail` (the sandbox's magic tails); unique per call. */
export function paymentCode(tail = "0001", wallet: WalletName = "wechat"): string {
  sequence += 1;
  const body = String(sequence).padStart(12, "0");
  if (wallet === "alipay") return "28" + body + tail;
  if (wallet === "unionpay") return "62" + "0" + body + tail;
  return "13" + body + tail;
}

/** A fresh out_trade_no: `prefix`, the clock, a counter. */
export function orderNo(prefix = "T"): string {
  sequence += 1;
  return `${prefix}${Date.now()}${sequence}`;
}

/** A HK$12.50 WeChat payment of a fresh code and order number, with `overrides` applied. */
export function paymentFields(overrides: Fields = {}): Fields {
  return {
    txamt: "1250",
    txcurrcd: "HKD",
    pay_type: "800008",
    out_trade_no: orderNo(),
    txdtm: hkTime(),
    auth_code: paymentCode(),
    ...overrides,
  };
}

export type SignedCallOptions = {
  /** The key to sign with (the demo merchant's by default). */
  key?: string;
  /** X-QF-APPCODE; null leaves the header out. */
  appCode?: string | null;
  signType?: "MD5" | "SHA256";
  /** X-QF-SIGNTYPE; null leaves it out; by default sent only for SHA256. */
  signTypeHeader?: string | null;
  /** A signature to send instead of the right one. */
  sign?: string;
  lowercase?: boolean;
  method?: "POST" | "GET";
  signal?: AbortSignal;
};

type RawAnswer = { status: number; contentType: string; text: string };

/** One signed QFPay call; reports what came back (status, type, text) without judging it. */
export async function signedCall(
  base: string,
  path: string,
  fields: Fields,
  options: SignedCallOptions = {},
): Promise<RawAnswer> {
  const signType = options.signType ?? "MD5";
  let sign = options.sign ?? signFields(fields, options.key ?? DEMO_CLIENT_KEY, signType);
  if (options.lowercase) sign = sign.toLowerCase();
  const headers: Record<string, string> = { "X-QF-SIGN": sign };
  const appCode = options.appCode === undefined ? DEMO_APP_CODE : options.appCode;
  if (appCode !== null) headers["X-QF-APPCODE"] = appCode;
  const signTypeHeader =
    options.signTypeHeader === undefined ? (signType === "SHA256" ? "SHA256" : null) : options.signTypeHeader;
  if (signTypeHeader !== null) headers["X-QF-SIGNTYPE"] = signTypeHeader;
  const query = new URLSearchParams(fields).toString();
  const res =
    options.method === "GET"
      ? await fetch(`${base}${path}?${query}`, { headers, signal: options.signal })
      : await fetch(`${base}${path}`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" },
          body: query,
          signal: options.signal,
        });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text: await res.text() };
}

/** A signed call that must be answered 200 with JSON: the answer's body. */
export async function callJson(
  base: string,
  path: string,
  fields: Fields,
  options: SignedCallOptions = {},
): Promise<Answer> {
  const raw = await signedCall(base, path, fields, options);
  expect(raw.status, raw.text).toBe(200);
  return JSON.parse(raw.text) as Answer;
}

export async function getJson<T = unknown>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

type Received = { rawBody: string; headers: IncomingHttpHeaders; at: number; path: string };

function outTradeNoOf(rawBody: string): string {
  try {
    return (JSON.parse(rawBody) as { out_trade_no?: string }).out_trade_no ?? "";
  } catch {
    return "";
  }
}

/**
 * A merchant's notification endpoint (or an attacker's target) on a free local port: records every
 * request and answers per a script for each out_trade_no, consumed in order, else `fallback`.
 */
export class Receiver {
  readonly received: Received[] = [];
  readonly script = new Map<string, Array<{ status: number; body: string }>>();
  fallback = { status: 200, body: "SUCCESS" };
  private server: Server | null = null;
  /** `http://127.0.0.1:<port>`, once started. */
  origin = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const rawBody = Buffer.concat(chunks).toString("utf8");
        this.received.push({ rawBody, headers: req.headers, at: Date.now(), path: req.url ?? "" });
        const next = this.script.get(outTradeNoOf(rawBody))?.shift() ?? this.fallback;
        res.writeHead(next.status, { "Content-Type": "text/plain" });
        res.end(next.body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answer the first `times` notifications of `outTradeNo` with a 500. */
  failFirst(outTradeNo: string, times: number): void {
    this.script.set(
      outTradeNo,
      Array.from({ length: times }, () => ({ status: 500, body: "not yet" })),
    );
  }

  /** What arrived about `outTradeNo` (bodies that are not JSON about it are left out). */
  for(outTradeNo: string): Received[] {
    return this.received.filter((r) => outTradeNoOf(r.rawBody) === outTradeNo);
  }

  /** The JSON bodies that arrived about `outTradeNo`. */
  bodiesFor(outTradeNo: string): Array<Record<string, string>> {
    return this.for(outTradeNo).map((r) => JSON.parse(r.rawBody) as Record<string, string>);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
