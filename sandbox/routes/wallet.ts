/**
 * The customer's phone: `GET /wallet`, `GET /` (redirects there) and the three endpoints the page
 * itself fetches. These are all the LAN listener serves (server.ts `routeLan`), so they show a phone
 * only its own fresh code and that code's result, never another code or a payment's ids (issue 9).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { barcodeSvg, isBarcodeText } from "../barcode";
import type { SandboxContext } from "../context";
import { HttpError, sendJson, sendText } from "../http";
import { renderWalletPage } from "../wallet-page";
import { describeCode, describeTransaction, issueCodeFromQuery, sendBarcode } from "./sandbox-api";

/** Same-origin only: the page must work on a LAN with no internet (and proves it uses no CDN). */
const CSP = [
  "default-src 'self'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** What the page shows about its own code once the till presented it (wallet-page.ts `showTransaction`). */
type WalletCodeStatus = {
  presented: boolean;
  transaction: {
    status: string;
    respcd: string;
    resperr: string;
    txamt: string;
    txcurrcd: string;
    syssn: string;
  } | null;
};

/**
 * `GET /wallet/status?code=…`: only for a code the sandbox issued (the page's own, or /_sandbox/code),
 * so a phone cannot ask about codes that tests or a real scanner typed in; only the fields the page
 * displays, not `/_sandbox/code-status`'s whole transaction (out_trade_no, faults, refunds…).
 */
function walletCodeStatus(ctx: SandboxContext, url: URL): WalletCodeStatus {
  const code = url.searchParams.get("code") ?? "";
  if (!isBarcodeText(code)) throw new HttpError(400, "bad_code", "code must be 1-128 letters or digits");
  if (!ctx.ledger.findIssuedCode(code)) throw new HttpError(404, "not_found", "no such wallet code");
  const record = ctx.ledger.findByAuthCode(code);
  if (!record) return { presented: false, transaction: null };
  const tx = describeTransaction(ctx, record);
  const { resperr } = ctx.ledger.stateOf(record);
  return {
    presented: true,
    transaction: {
      status: tx.status,
      respcd: tx.respcd,
      resperr,
      txamt: tx.txamt,
      txcurrcd: tx.txcurrcd,
      syssn: tx.syssn,
    },
  };
}

const ENDPOINTS: ReadonlyMap<string, (ctx: SandboxContext, url: URL, res: ServerResponse) => void> = new Map([
  [
    "/wallet/code",
    (ctx: SandboxContext, url: URL, res: ServerResponse) =>
      sendJson(res, 200, describeCode(issueCodeFromQuery(ctx, url))),
  ],
  [
    "/wallet/status",
    (ctx: SandboxContext, url: URL, res: ServerResponse) => sendJson(res, 200, walletCodeStatus(ctx, url)),
  ],
  ["/wallet/barcode.svg", (_ctx: SandboxContext, url: URL, res: ServerResponse) => sendBarcode(url, res)],
]);

/** Returns false when `url` is not a wallet-page route. */
export function handleWalletPage(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const endpoint = ENDPOINTS.get(url.pathname);
  if (url.pathname !== "/" && url.pathname !== "/wallet" && !endpoint) return false;
  if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "method_not_allowed", "use GET");
  if (endpoint) {
    endpoint(ctx, url, res);
    return true;
  }
  if (url.pathname === "/") {
    res.writeHead(302, { Location: `/wallet${url.search}`, "Content-Length": 0 });
    res.end();
    return true;
  }
  const issued = issueCodeFromQuery(ctx, url);
  const html = renderWalletPage({
    initial: {
      code: issued.code,
      wallet: issued.wallet,
      outcome: issued.outcome,
      lifetimeMs: issued.expiresAt - issued.issuedAt,
    },
    barcodeSvg: barcodeSvg("code128", issued.code),
    qrSvg: barcodeSvg("qrcode", issued.code),
  });
  sendText(res, 200, "text/html; charset=utf-8", html, { "Cache-Control": "no-store", "Content-Security-Policy": CSP });
  return true;
}
