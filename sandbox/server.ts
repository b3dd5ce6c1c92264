/**
 * A local QFPay gateway for CPM payments (QFPay has no wallet sandbox, API-FACTS §1): the
 * `/trade/v1/*` protocol, `/_sandbox/*` test endpoints, and the customer wallet page at `/wallet`.
 *
 * Independent of `lib/` and `app/` on purpose: it is a second implementation of QFPay's rules, so it
 * checks our client rather than sharing its mistakes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RefundPolicy, SandboxConfig, SandboxContext } from "./context";
import { FaultController, resolveFaultDefaults, type FaultRule, type FaultRuleInput, type FaultsInput, type FaultsState, type RateLimit } from "./faults";
import { EnquiryShadows } from "./enquiry-shadows";
import { HttpError, sendError, sendJson } from "./http";
import { SandboxLedger } from "./ledger";
import { DEMO_APP_CODE, DEMO_CLIENT_KEY, assertMerchant, type Merchant } from "./merchant";
import { Notifier, type NotificationRecord } from "./notify";
import { handleSandboxApi } from "./routes/sandbox-api";
import { TRADE_ENDPOINTS, handleTrade } from "./routes/trade";
import { handleWalletPage } from "./routes/wallet";

export { DEMO_APP_CODE, DEMO_CLIENT_KEY, type Merchant } from "./merchant";
export type { SandboxLedger } from "./ledger";
export { FAULT_KINDS, FaultInputError, KIND_PATHS, KIND_SCOPE, QFPAY_RATE_LIMIT } from "./faults";
export type { ActiveFault, AppliedFault, FaultKind, FaultOptions, FaultRule, FaultRuleInput, FaultScope, FaultsInput, FaultsState, RateLimit } from "./faults";
export { NOTIFY_RETRY_MS, notificationSign, pythonJsonDumps } from "./notify";
export type { NotificationAttempt, NotificationRecord } from "./notify";
export type { SandboxRefund, SandboxTransaction } from "./routes/sandbox-api";

export const DEFAULT_PORT = 3100;
export const DEFAULT_HOST = "127.0.0.1";

export type SandboxOptions = {
  /** 0 = a free port. Default 3100. */
  port?: number;
  /** Default 127.0.0.1; use 0.0.0.0 to let a phone on the LAN open the wallet page. */
  host?: string;
  /** Default: DEMO_APP_CODE / DEMO_CLIENT_KEY and no mchid. */
  merchant?: Merchant;
  /** How long a pending payment stays pending (1143/1145/1298 outcomes). Default 5000. */
  pendingMs?: number;
  /** Delay of the slow-answer outcome (5555). Default 8000. */
  slowMs?: number;
  /** Lifetime of a wallet-page code before the page refreshes it. Default 60000. */
  codeLifetimeMs?: number;
  /** true: one line per request on stdout; a function: receives the lines. Never logs the client key. */
  log?: boolean | ((line: string) => void);
  /** Clock for the ledger (epoch ms). For tests; default Date.now. */
  now?: () => number;
  /** The merchant's notification URL (API-FACTS §7). A request's own `notify_url` wins. Default: none. */
  notifyUrl?: string;
  /** Multiplies QFPay's retry schedule (2 min, 10 min, …): 0.001 ⇒ 120 ms, 600 ms, … Default 1. */
  notifyScale?: number;
  /** Seed of the fault PRNG (default 1); a rule set may bring its own. */
  seed?: number;
  /** The real limiter, 100 req/s and 400 req/min per app code ⇒ HTTP 429 (§1, §12). true, custom limits, or off (default). */
  rateLimit?: boolean | Partial<RateLimit>;
  /** Fault rules active from the start (same shape as `faults.set`). */
  faults?: FaultsInput;
  /**
   * Refuse (1212, recorded as a failed attempt, not charged) a WeChat/Alipay/UnionPay code sent under
   * another of those wallets' pay_types, on every payment. Default true; false = only when a
   * `wrong_wallet_pay_type` fault rule applies. 800008 and 805808 are never refused for this.
   */
  walletCheck?: boolean;
  /** Refund rules (§5); all off by default. */
  refunds?: {
    /** Same-day refundable balance: a pool in minor units, or "takings" (today's takings per wallet). Default unlimited. */
    balance?: number | "takings";
    /** Refuse refunds of payments made 23:30–00:30 HK with 1265. Default false. */
    blackout?: boolean;
    /** Allow partial refunds (false ⇒ 1271). Default true. */
    partial?: boolean;
  };
};

/** Programmatic fault control; the same as `/_sandbox/faults`. */
export type SandboxFaults = {
  /** Replaces the rule set (one rule, a list, or `{ rules, seed, rateLimit }`); restarts the PRNG. Throws FaultInputError. */
  set(input: FaultsInput): FaultsState;
  /** Appends one rule; the PRNG continues. */
  add(rule: FaultRuleInput): FaultRule;
  /** Removes every rule, restarts the PRNG from the sandbox seed, resets the rate limiter to its start-up setting. */
  clear(): FaultsState;
  /** Turns the real rate limiter on (true / custom limits) or off. */
  setRateLimit(value: boolean | Partial<RateLimit>): RateLimit | null;
  state(): FaultsState;
  list(): FaultRule[];
};

export type RunningSandbox = {
  /** Gateway base URL, e.g. http://127.0.0.1:3100 (pass as QFPAY_BASE_URL). */
  url: string;
  /** The customer wallet page. */
  walletUrl: string;
  port: number;
  host: string;
  config: Readonly<SandboxConfig>;
  /** The sandbox's state, for tests that want to look inside. */
  ledger: SandboxLedger;
  faults: SandboxFaults;
  notifications: { list(): NotificationRecord[] };
  close(): Promise<void>;
};

/** The request body limit (the brief: bodies over 64 KB are refused). */
const MAX_BODY_BYTES = 64 * 1024;

function nonNegativeInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`sandbox: ${name} must be a non-negative integer, got ${String(value)}`);
  return v;
}

function notifyUrl(value: string | undefined): string | null {
  if (value === undefined || value === "") return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`sandbox: notifyUrl must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("sandbox: notifyUrl must be http: or https:");
  return url.href;
}

function resolveConfig(options: SandboxOptions): SandboxConfig {
  const merchant = options.merchant ?? { appCode: DEMO_APP_CODE, clientKey: DEMO_CLIENT_KEY };
  assertMerchant(merchant);
  const notifyScale = options.notifyScale ?? 1;
  if (typeof notifyScale !== "number" || !(notifyScale > 0 && notifyScale <= 100)) {
    throw new Error(`sandbox: notifyScale must be a number above 0 (at most 100), got ${String(options.notifyScale)}`);
  }
  return {
    merchant: { ...merchant },
    pendingMs: nonNegativeInt("pendingMs", options.pendingMs, 5000),
    slowMs: nonNegativeInt("slowMs", options.slowMs, 8000),
    codeLifetimeMs: Math.max(1000, nonNegativeInt("codeLifetimeMs", options.codeLifetimeMs, 60_000)),
    maxBodyBytes: MAX_BODY_BYTES,
    notifyUrl: notifyUrl(options.notifyUrl),
    notifyScale,
    seed: resolveFaultDefaults(options.seed, undefined).seed,
    walletCheck: options.walletCheck !== false,
  };
}

function resolveRefundPolicy(options: SandboxOptions["refunds"] = {}): RefundPolicy {
  const balance = options.balance ?? null;
  if (balance !== null && balance !== "takings" && (!Number.isInteger(balance) || balance < 0)) {
    throw new Error(`sandbox: refunds.balance must be "takings" or a non-negative integer (minor units), got ${String(balance)}`);
  }
  return { balance, blackout: options.blackout === true, partial: options.partial !== false };
}

function makeLogger(log: SandboxOptions["log"]): (line: string) => void {
  if (typeof log === "function") return log;
  if (log) return (line) => console.log(`[sandbox] ${new Date().toISOString()} ${line}`);
  return () => {};
}

async function route(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://sandbox.invalid");
  } catch {
    throw new HttpError(400, "bad_url", "malformed request target");
  }
  const trade = TRADE_ENDPOINTS.get(url.pathname);
  if (trade) {
    if (req.method !== "POST" && req.method !== "GET") throw new HttpError(405, "method_not_allowed", "use POST (or GET with a query string)");
    return handleTrade(ctx, req, res, url, trade);
  }
  if (await handleSandboxApi(ctx, req, res, url)) return;
  if (handleWalletPage(ctx, req, res, url)) return;
  throw new HttpError(404, "not_found", `no route for ${url.pathname}`);
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const config = resolveConfig(options);
  const host = options.host ?? DEFAULT_HOST;
  const port = nonNegativeInt("port", options.port, DEFAULT_PORT);
  const shutdown = new AbortController();
  const ledger = new SandboxLedger(
    { pendingMs: config.pendingMs, slowMs: config.slowMs, codeLifetimeMs: config.codeLifetimeMs },
    options.now ?? Date.now,
  );
  const log = makeLogger(options.log);
  const faults = new FaultController(resolveFaultDefaults(options.seed, options.rateLimit), log);
  if (options.faults !== undefined) faults.set(options.faults);
  const notifier = new Notifier(ledger, {
    url: config.notifyUrl,
    scale: config.notifyScale,
    clientKey: config.merchant.clientKey,
    ...(config.merchant.mchid ? { mchid: config.merchant.mchid } : {}),
    log,
  });
  ledger.onChange = (row) => notifier.watch(row);
  const ctx: SandboxContext = {
    config,
    ledger,
    faults,
    notifier,
    shadows: new EnquiryShadows(),
    refundPolicy: resolveRefundPolicy(options.refunds),
    log,
    signal: shutdown.signal,
  };

  // Bad input must never take the server down: every failure ends as a JSON answer.
  const server = createServer((req, res) => {
    route(ctx, req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        ctx.log(`${req.method} ${req.url} -> HTTP ${error.status} ${error.code}`);
        sendError(res, error);
        return;
      }
      if (shutdown.signal.aborted) {
        res.destroy();
        return;
      }
      ctx.log(`${req.method} ${req.url} -> HTTP 500 ${error instanceof Error ? error.message : String(error)}`);
      sendJson(res, 500, { error: { code: "internal", message: "sandbox error" } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${address.port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    walletUrl: `${url}/wallet`,
    port: address.port,
    host,
    config,
    ledger,
    faults: {
      set: (input) => faults.set(input),
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      setRateLimit: (value) => faults.setRateLimit(value),
      state: () => faults.state(),
      list: () => faults.list(),
    },
    notifications: { list: () => notifier.list() },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        shutdown.abort();
        notifier.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
