/**
 * A local QFPay gateway for CPM payments (QFPay has no wallet sandbox, API-FACTS §1): the
 * `/trade/v1/*` protocol, `/_sandbox/*` test endpoints, and the customer wallet page at `/wallet`.
 *
 * Independent of `lib/` and `app/` on purpose: it is a second implementation of QFPay's rules, so it
 * checks our client rather than sharing its mistakes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SandboxConfig, SandboxContext } from "./context";
import { HttpError, sendError, sendJson } from "./http";
import { SandboxLedger } from "./ledger";
import { DEMO_APP_CODE, DEMO_CLIENT_KEY, assertMerchant, type Merchant } from "./merchant";
import { handleSandboxApi } from "./routes/sandbox-api";
import { TRADE_ENDPOINTS, handleTrade } from "./routes/trade";
import { handleWalletPage } from "./routes/wallet";

export { DEMO_APP_CODE, DEMO_CLIENT_KEY, type Merchant } from "./merchant";
export type { SandboxLedger } from "./ledger";

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
  close(): Promise<void>;
};

/** The request body limit (the brief: bodies over 64 KB are refused). */
const MAX_BODY_BYTES = 64 * 1024;

function nonNegativeInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`sandbox: ${name} must be a non-negative integer, got ${String(value)}`);
  return v;
}

function resolveConfig(options: SandboxOptions): SandboxConfig {
  const merchant = options.merchant ?? { appCode: DEMO_APP_CODE, clientKey: DEMO_CLIENT_KEY };
  assertMerchant(merchant);
  return {
    merchant: { ...merchant },
    pendingMs: nonNegativeInt("pendingMs", options.pendingMs, 5000),
    slowMs: nonNegativeInt("slowMs", options.slowMs, 8000),
    codeLifetimeMs: Math.max(1000, nonNegativeInt("codeLifetimeMs", options.codeLifetimeMs, 60_000)),
    maxBodyBytes: MAX_BODY_BYTES,
  };
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
  if (handleSandboxApi(ctx, req, res, url)) return;
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
  const ctx: SandboxContext = { config, ledger, log: makeLogger(options.log), signal: shutdown.signal };

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
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        shutdown.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
