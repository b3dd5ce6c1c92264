/**
 * `/_sandbox/*`: test and demo endpoints that QFPay does not have. Tests use `transactions` to compare
 * the app's ledger with what "the wallet" actually charged; the wallet page uses the rest.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { barcodeSvg, isBarcodeText, isBarcodeType } from "../barcode";
import type { SandboxContext } from "../context";
import { HttpError, sendJson, sendText } from "../http";
import type { IssuedCode, PaymentRecord } from "../ledger";
import { isOutcome } from "../outcomes";
import { isWallet } from "../wallets";

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** One row of `GET /_sandbox/transactions`. */
export type SandboxTransaction = {
  out_trade_no: string;
  auth_code: string;
  txamt: string;
  txcurrcd: string;
  /** As echoed in answers. */
  pay_type: string;
  requested_pay_type: string;
  /** The transaction's respcd now. */
  respcd: string;
  status: "paid" | "pending" | "failed";
  syssn: string;
  createdAt: string;
  /** When a pending transaction becomes final (= createdAt for immediate outcomes). */
  settlesAt: string;
  /** Whether the customer's wallet was debited. */
  charged: boolean;
  outcome: string;
  wallet: string;
};

export function describeTransaction(ctx: SandboxContext, record: PaymentRecord): SandboxTransaction {
  const state = ctx.ledger.stateOf(record);
  return {
    out_trade_no: record.outTradeNo,
    auth_code: record.authCode,
    txamt: record.txamt,
    txcurrcd: record.txcurrcd,
    pay_type: record.payType,
    requested_pay_type: record.requestedPayType,
    respcd: state.respcd,
    status: state.status,
    syssn: record.syssn,
    createdAt: iso(record.createdAt),
    settlesAt: iso(record.settlesAt),
    charged: state.charged,
    outcome: record.outcome,
    wallet: record.wallet,
  };
}

/** JSON of `GET /_sandbox/code`. `lifetimeMs` lets a page count down without trusting its own clock. */
export function describeCode(issued: IssuedCode) {
  return {
    code: issued.code,
    wallet: issued.wallet,
    outcome: issued.outcome,
    issuedAt: iso(issued.issuedAt),
    expiresAt: iso(issued.expiresAt),
    lifetimeMs: issued.expiresAt - issued.issuedAt,
  };
}

function param(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  return value === null || value === "" ? undefined : value;
}

export function issueCodeFromQuery(ctx: SandboxContext, url: URL): IssuedCode {
  const wallet = param(url, "wallet") ?? "wechat";
  const outcome = param(url, "outcome") ?? "success";
  if (!isWallet(wallet)) throw new HttpError(400, "bad_wallet", "wallet must be wechat, alipay or unionpay");
  if (!isOutcome(outcome)) throw new HttpError(400, "bad_outcome", "unknown outcome");
  return ctx.ledger.issueCode(wallet, outcome);
}

function codeStatus(ctx: SandboxContext, url: URL) {
  const code = param(url, "code");
  if (code === undefined || !isBarcodeText(code)) throw new HttpError(400, "bad_code", "code must be 1-128 letters or digits");
  const issued = ctx.ledger.findIssuedCode(code);
  const record = ctx.ledger.findByAuthCode(code);
  const state = record ? ctx.ledger.stateOf(record) : undefined;
  return {
    code,
    issued: issued !== undefined,
    wallet: issued?.wallet ?? null,
    outcome: issued?.outcome ?? null,
    expiresAt: issued ? iso(issued.expiresAt) : null,
    presented: record !== undefined,
    transaction:
      record && state
        ? { ...describeTransaction(ctx, record), resperr: state.resperr }
        : null,
  };
}

const ROUTES: ReadonlyMap<string, (ctx: SandboxContext, url: URL, res: ServerResponse) => void> = new Map([
  ["/_sandbox/health", (_ctx, _url, res) => sendJson(res, 200, { ok: true })],
  [
    "/_sandbox/transactions",
    (ctx, _url, res) => sendJson(res, 200, ctx.ledger.all().map((record) => describeTransaction(ctx, record))),
  ],
  ["/_sandbox/code", (ctx, url, res) => sendJson(res, 200, describeCode(issueCodeFromQuery(ctx, url)))],
  ["/_sandbox/code-status", (ctx, url, res) => sendJson(res, 200, codeStatus(ctx, url))],
  [
    "/_sandbox/barcode.svg",
    (_ctx, url, res) => {
      const type = param(url, "type") ?? "";
      const text = param(url, "text") ?? "";
      if (!isBarcodeType(type)) throw new HttpError(400, "bad_type", "type must be qrcode or code128");
      if (!isBarcodeText(text)) throw new HttpError(400, "bad_text", "text must be 1-128 letters or digits");
      sendText(res, 200, "image/svg+xml; charset=utf-8", barcodeSvg(type, text), { "Cache-Control": "no-store" });
    },
  ],
]);

/** Returns false when `url` is not a sandbox route. */
export function handleSandboxApi(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const route = ROUTES.get(url.pathname);
  if (!route) return false;
  if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "method_not_allowed", "use GET");
  route(ctx, url, res);
  return true;
}
