/** `GET /wallet` (the customer's phone) and `GET /` (redirects there). */
import type { IncomingMessage, ServerResponse } from "node:http";
import { barcodeSvg } from "../barcode";
import type { SandboxContext } from "../context";
import { HttpError, sendText } from "../http";
import { renderWalletPage } from "../wallet-page";
import { issueCodeFromQuery } from "./sandbox-api";

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

/** Returns false when `url` is not a page route. */
export function handleWalletPage(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (url.pathname !== "/" && url.pathname !== "/wallet") return false;
  if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "method_not_allowed", "use GET");
  if (url.pathname === "/") {
    res.writeHead(302, { Location: `/wallet${url.search}`, "Content-Length": 0 });
    res.end();
    return true;
  }
  const issued = issueCodeFromQuery(ctx, url);
  const html = renderWalletPage({
    initial: { code: issued.code, wallet: issued.wallet, outcome: issued.outcome, lifetimeMs: issued.expiresAt - issued.issuedAt },
    barcodeSvg: barcodeSvg("code128", issued.code),
    qrSvg: barcodeSvg("qrcode", issued.code),
  });
  sendText(res, 200, "text/html; charset=utf-8", html, { "Cache-Control": "no-store", "Content-Security-Policy": CSP });
  return true;
}
