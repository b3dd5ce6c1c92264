/**
 * The shared front half of every `/trade/v1/*` endpoint: method, body, headers, signature, mchid.
 * Endpoints register in `TRADE_ENDPOINTS`; reversal, close and refund (issue 3) plug in there and
 * get the same authentication for free.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxContext } from "../context";
import type { ActiveFault } from "../faults";
import { delay, readBody, sendJson, sendText } from "../http";
import { CLOSE_PATH, PAYMENT_PATH, QUERY_PATH, REFUND_PATH, REVERSAL_PATH } from "../paths";
import { parseSignType, verifySignature } from "../signature";
import { refusal, type TradeAnswer, type TradeHandler } from "./answer";
import { handlePayment } from "./payment";
import { handleQuery } from "./query";
import { handleRefund } from "./refund";
import { handleClose, handleReversal } from "./reversal";

export const TRADE_ENDPOINTS: ReadonlyMap<string, TradeHandler> = new Map<string, TradeHandler>([
  [PAYMENT_PATH, handlePayment],
  [QUERY_PATH, handleQuery],
  [REFUND_PATH, handleRefund],
  [REVERSAL_PATH, handleReversal],
  [CLOSE_PATH, handleClose],
]);

type Parsed = { ok: true; fields: Map<string, string> } | { ok: false; answer: TradeAnswer };

/**
 * Fields come as `application/x-www-form-urlencoded` UTF-8 in a POST body, or in the query string
 * (docs label some endpoints GET; docs/qfpay.md §1 "Request format"). A name sent twice is refused: the
 * signature would be ambiguous.
 */
async function parseFields(ctx: SandboxContext, req: IncomingMessage, url: URL): Promise<Parsed> {
  const sources: URLSearchParams[] = [url.searchParams];
  if (req.method === "POST") {
    const contentType = req.headers["content-type"];
    const body = await readBody(req, ctx.config.maxBodyBytes);
    if (body.length > 0) {
      if (contentType !== undefined) {
        const [mime, ...params] = contentType.split(";").map((part) => part.trim().toLowerCase());
        const charset = params
          .find((p) => p.startsWith("charset="))
          ?.slice("charset=".length)
          .replaceAll('"', "");
        if (
          mime !== "application/x-www-form-urlencoded" ||
          (charset !== undefined && charset !== "utf-8" && charset !== "utf8")
        ) {
          return {
            ok: false,
            answer: refusal("1103", "Request format error: body must be application/x-www-form-urlencoded UTF-8"),
          };
        }
      }
      sources.push(new URLSearchParams(body.toString("utf8")));
    }
  }
  const fields = new Map<string, string>();
  for (const source of sources) {
    for (const [name, value] of source) {
      if (fields.has(name))
        return { ok: false, answer: refusal("1103", `Request format error: field ${name} sent twice`) };
      fields.set(name, value);
    }
  }
  return { ok: true, fields };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Authentication (docs/qfpay.md §1 headers, §2 signature, §14 "Auth"): the app code must be ours, the
 * signature must match over exactly the received fields, and mchid must be sent if and only if the
 * merchant has one — a stray or missing mchid is the 1108 "MCHCODE非法" seen in QFPay's own test (§1).
 */
function authenticate(
  ctx: SandboxContext,
  req: IncomingMessage,
  fields: ReadonlyMap<string, string>,
): TradeAnswer | null {
  const { merchant } = ctx.config;
  const appCode = header(req, "x-qf-appcode");
  if (!appCode) return refusal("1108", "Missing X-QF-APPCODE header");
  if (appCode.trim() !== merchant.appCode)
    return refusal("1108", "APPCODE非法", "X-QF-APPCODE is not this merchant's app code");

  const signType = parseSignType(header(req, "x-qf-signtype"));
  if (signType === null)
    return refusal("1108", "Signature error", "X-QF-SIGNTYPE must be MD5 or SHA256 (or absent for MD5)");
  const signature = header(req, "x-qf-sign");
  if (!signature) return refusal("1108", "Signature error", "Missing X-QF-SIGN header");
  if (!verifySignature(fields, merchant.clientKey, signature, signType)) {
    return refusal("1108", "Signature error", `${signType} of the sorted fields + client key does not match X-QF-SIGN`);
  }

  const mchid = fields.get("mchid");
  if (merchant.mchid === undefined && mchid !== undefined) {
    return refusal("1108", "MCHCODE非法", "No mchid was issued to this merchant: do not send one");
  }
  if (merchant.mchid !== undefined && mchid === undefined) {
    return refusal("1108", "MCHCODE非法", "This merchant has an mchid: send it on every call");
  }
  if (merchant.mchid !== undefined && mchid !== merchant.mchid) {
    return refusal("1108", "MCHCODE非法", "mchid does not match this merchant");
  }
  return null;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
};

/** What a proxy in front of a gateway answers: an HTML page, not QFPay JSON. */
function sendHtmlError(res: ServerResponse, status: number, extraHeaders: Record<string, string> = {}): void {
  const title = `${status} ${STATUS_TEXT[status] ?? "Error"}`;
  const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  sendText(res, status, "text/html", html, extraHeaders);
}

/** Drops the connection without an answer: the client sees a reset / "socket hang up". */
function reset(req: IncomingMessage, res: ServerResponse): void {
  req.socket.destroy();
  res.destroy();
}

/**
 * Runs one `/trade/v1/*` request. Protocol-level answers are HTTP 200 JSON, as QFPay's are (§3).
 * Faults sit in front: the real rate limiter (§1, §12) and then at most one fault rule. Faults that
 * act before processing (reset_before, rate_limit, html500 with after=false) leave no trace in the
 * ledger; the others let the request be processed and recorded and only spoil or delay the answer.
 */
export async function handleTrade(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  handler: TradeHandler,
): Promise<void> {
  const path = url.pathname;
  if (ctx.faults.rateLimited(path, header(req, "x-qf-appcode")?.trim() ?? "")) {
    ctx.log(`${req.method} ${path} -> HTTP 429 (rate limiter)`);
    sendHtmlError(res, 429, { "Retry-After": "1" });
    return;
  }
  const fault: ActiveFault | null = ctx.faults.draw(path);
  const tag = fault ? ` [fault ${fault.id}: ${fault.kind}]` : "";
  if (fault?.kind === "reset_before") {
    ctx.log(`${req.method} ${path}${tag} -> connection reset, not processed`);
    reset(req, res);
    return;
  }
  if (fault?.kind === "rate_limit") {
    ctx.log(`${req.method} ${path}${tag} -> HTTP 429, not processed`);
    sendHtmlError(res, 429, { "Retry-After": "1" });
    return;
  }
  if (fault?.kind === "html500" && !fault.after) {
    ctx.log(`${req.method} ${path}${tag} -> HTTP ${fault.status} HTML, not processed`);
    sendHtmlError(res, fault.status);
    return;
  }

  const parsed = await parseFields(ctx, req, url);
  let answer: TradeAnswer;
  if (!parsed.ok) {
    answer = parsed.answer;
  } else {
    answer = authenticate(ctx, req, parsed.fields) ?? (await handler(ctx, parsed.fields, fault));
  }
  const ref = typeof answer.out_trade_no === "string" ? ` out_trade_no=${answer.out_trade_no}` : "";
  const line = `${req.method} ${path}${ref}${tag} -> ${answer.respcd} ${answer.resperr}`;
  if (fault?.kind === "delay") {
    ctx.log(`${line} (answer held ${fault.delayMs ?? 0} ms)`);
    if (fault.delayMs) await delay(fault.delayMs, ctx.signal);
  }
  if (fault?.kind === "reset_after") {
    ctx.log(`${line} (processed, then connection reset)`);
    reset(req, res);
    return;
  }
  if (fault?.kind === "html500") {
    ctx.log(`${line} (processed, answered HTTP ${fault.status} HTML)`);
    sendHtmlError(res, fault.status);
    return;
  }
  if (fault?.kind !== "delay") ctx.log(line);
  sendJson(res, 200, answer);
}
