/**
 * A local QFPay gateway for CPM payments (QFPay has no wallet sandbox, docs/qfpay.md §1): the
 * `/trade/v1/*` protocol, `/_sandbox/*` test endpoints, and the customer wallet page at `/wallet`.
 *
 * Independent of `lib/` and `app/` on purpose: it is a second implementation of QFPay's rules, so it
 * checks our client rather than sharing its mistakes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RefundPolicy, SandboxConfig, SandboxContext } from "./context";
import {
  FaultController,
  resolveFaultDefaults,
  type FaultRule,
  type FaultRuleInput,
  type FaultsInput,
  type FaultsState,
  type RateLimit,
} from "./faults";
import { EnquiryShadows } from "./enquiry-shadows";
import { HttpError, sendError, sendJson } from "./http";
import { SandboxLedger } from "./ledger";
import { isLoopbackHost, loopbackOrigin } from "./loopback";
import { DEMO_APP_CODE, DEMO_CLIENT_KEY, assertMerchant, type Merchant } from "./merchant";
import { Notifier, type NotificationRecord } from "./notify";
import { handleSandboxApi } from "./routes/sandbox-api";
import { TRADE_ENDPOINTS, handleTrade } from "./routes/trade";
import { handleWalletPage } from "./routes/wallet";

export { DEMO_APP_CODE, DEMO_CLIENT_KEY } from "./merchant";
export type { SandboxLedger } from "./ledger";
export { FaultInputError } from "./faults";
export type { FaultsInput } from "./faults";
export { notificationSign, pythonJsonDumps } from "./notify";
export type { SandboxTransaction } from "./routes/sandbox-api";

export const DEFAULT_PORT = 3100;
export const DEFAULT_HOST = "127.0.0.1";

type SandboxOptions = {
  /** 0 = a free port. Default 3100. */
  port?: number;
  /**
   * The trade and admin listener. Default 127.0.0.1. It lists every payment code
   * (`/_sandbox/transactions`) and sets faults, so a host that is not loopback is refused unless
   * `allowNonLoopback` is true. To let a phone open the wallet page, use `lan` instead.
   */
  host?: string;
  /** Allow `host` to be a non-loopback address such as 0.0.0.0 (exposes the whole sandbox). Default false. */
  allowNonLoopback?: boolean;
  /**
   * A second listener that serves only the customer wallet page and what the page itself fetches
   * (`/`, `/wallet`, `/wallet/code`, `/wallet/status`, `/wallet/barcode.svg`); every other path is
   * 404 there. `host` defaults to 0.0.0.0; `port` 0 = a free port. Default: no second listener.
   */
  lan?: { host?: string; port: number };
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
  /** The merchant's notification URL (docs/qfpay.md §7). Default: none. */
  notifyUrl?: string;
  /**
   * Loopback http(s) origins (e.g. `http://127.0.0.1:4000`) that a request's own `notify_url` may
   * name. A request's `notify_url` is used only when it equals `notifyUrl` or is on one of these
   * origins; otherwise it is ignored and `notifyUrl` (if any) is used. A non-loopback entry throws.
   * Default: none.
   */
  notifyAllow?: readonly string[];
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

/** The wallet-only listener (option `lan`). */
export type SandboxLan = {
  /** Base URL for this machine, e.g. http://127.0.0.1:3101 (0.0.0.0 is shown as 127.0.0.1). */
  url: string;
  /** The customer wallet page on this listener. */
  walletUrl: string;
  port: number;
  host: string;
};

export type RunningSandbox = {
  /** Gateway base URL, e.g. http://127.0.0.1:3100 (pass as QFPAY_BASE_URL). */
  url: string;
  /** The customer wallet page on the main listener (same origin as the gateway). */
  walletUrl: string;
  port: number;
  host: string;
  /** The wallet-only listener, when `lan` was given. */
  lan: SandboxLan | null;
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
  if (!Number.isInteger(v) || v < 0)
    throw new Error(`sandbox: ${name} must be a non-negative integer, got ${String(value)}`);
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
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error("sandbox: notifyUrl must be http: or https:");
  return url.href;
}

/** Allow-list entries as origins; each must be a loopback http(s) URL (issue 9: no notifications to other hosts). */
function notifyAllow(values: readonly string[] | undefined): string[] {
  return (values ?? []).map((value) => {
    const origin = typeof value === "string" ? loopbackOrigin(value) : null;
    if (origin === null) {
      throw new Error(
        `sandbox: notifyAllow entries must be loopback http(s) URLs (127.0.0.0/8, ::1, localhost), got ${JSON.stringify(value)}`,
      );
    }
    return origin;
  });
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
    notifyAllow: notifyAllow(options.notifyAllow),
    notifyScale,
    seed: resolveFaultDefaults(options.seed, undefined).seed,
    walletCheck: options.walletCheck !== false,
  };
}

function resolveRefundPolicy(options: SandboxOptions["refunds"] = {}): RefundPolicy {
  const balance = options.balance ?? null;
  if (balance !== null && balance !== "takings" && (!Number.isInteger(balance) || balance < 0)) {
    throw new Error(
      `sandbox: refunds.balance must be "takings" or a non-negative integer (minor units), got ${String(balance)}`,
    );
  }
  return { balance, blackout: options.blackout === true, partial: options.partial !== false };
}

function makeLogger(log: SandboxOptions["log"]): (line: string) => void {
  if (typeof log === "function") return log;
  if (log) return (line) => console.log(`[sandbox] ${new Date().toISOString()} ${line}`);
  return () => {};
}

function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? "/", "http://sandbox.invalid");
  } catch {
    throw new HttpError(400, "bad_url", "malformed request target");
  }
}

/** The main listener: the trade protocol, `/_sandbox/*` and the wallet page. */
async function route(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req);
  const trade = TRADE_ENDPOINTS.get(url.pathname);
  if (trade) {
    if (req.method !== "POST" && req.method !== "GET")
      throw new HttpError(405, "method_not_allowed", "use POST (or GET with a query string)");
    return handleTrade(ctx, req, res, url, trade);
  }
  if (await handleSandboxApi(ctx, req, res, url)) return;
  if (handleWalletPage(ctx, req, res, url)) return;
  throw new HttpError(404, "not_found", `no route for ${url.pathname}`);
}

/**
 * The LAN listener: the wallet page and its own endpoints only. Whoever shares the network must not
 * pay, cancel, list codes or set faults (issue 9), so those paths do not exist here (404, not 403:
 * nothing to probe).
 */
async function routeLan(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req);
  if (handleWalletPage(ctx, req, res, url)) return;
  throw new HttpError(404, "not_found", `no route for ${url.pathname}`);
}

type Router = (ctx: SandboxContext, req: IncomingMessage, res: ServerResponse) => Promise<void>;

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/** Bad input must never take the server down: every failure ends as a JSON answer. */
function serve(ctx: SandboxContext, router: Router, shutdown: AbortSignal): Server {
  return createServer((req, res) => {
    router(ctx, req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        ctx.log(`${req.method} ${req.url} -> HTTP ${error.status} ${error.code}`);
        sendError(res, error);
        return;
      }
      if (shutdown.aborted) {
        res.destroy();
        return;
      }
      ctx.log(`${req.method} ${req.url} -> HTTP 500 ${error instanceof Error ? error.message : String(error)}`);
      sendJson(res, 500, { error: { code: "internal", message: "sandbox error" } });
    });
  });
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const config = resolveConfig(options);
  const host = options.host ?? DEFAULT_HOST;
  if (!isLoopbackHost(host) && options.allowNonLoopback !== true) {
    throw new Error(
      `sandbox: host ${JSON.stringify(host)} is not loopback. The trade and /_sandbox side lists every payment code and changes faults, ` +
        "so it listens on 127.0.0.1. Show a phone the wallet page with the `lan` option (SANDBOX_WALLET_HOST), or expose everything " +
        "with allowNonLoopback: true (SANDBOX_ALLOW_NON_LOOPBACK=1).",
    );
  }
  const port = nonNegativeInt("port", options.port, DEFAULT_PORT);
  const lanAt = options.lan
    ? { host: options.lan.host ?? "0.0.0.0", port: nonNegativeInt("lan.port", options.lan.port, 0) }
    : null;
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
    allow: new Set(config.notifyAllow),
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

  const server = serve(ctx, route, shutdown.signal);
  const lanServer = lanAt ? serve(ctx, routeLan, shutdown.signal) : null;
  let boundPort: number;
  let lan: SandboxLan | null = null;
  try {
    boundPort = await listen(server, port, host);
    if (lanServer && lanAt) {
      const lanPort = await listen(lanServer, lanAt.port, lanAt.host);
      const lanUrl = `http://${urlHost(lanAt.host)}:${lanPort}`;
      lan = { url: lanUrl, walletUrl: `${lanUrl}/wallet`, port: lanPort, host: lanAt.host };
    }
  } catch (error) {
    // One listener failed (port taken…): leave nothing running behind the error.
    shutdown.abort();
    notifier.close();
    await Promise.allSettled([closeServer(server), ...(lanServer ? [closeServer(lanServer)] : [])]);
    throw error;
  }
  const url = `http://${urlHost(host)}:${boundPort}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    walletUrl: `${url}/wallet`,
    port: boundPort,
    host,
    lan,
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
      closing ??= (async () => {
        shutdown.abort();
        notifier.close();
        const results = await Promise.allSettled([closeServer(server), ...(lanServer ? [closeServer(lanServer)] : [])]);
        const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
        if (failed) throw failed.reason;
      })();
      return closing;
    },
  };
}
