/**
 * `/_sandbox/*`: test and demo endpoints that QFPay does not have. Tests use `transactions` to compare
 * the app's ledger with what "the wallet" actually charged. They exist on the main (loopback) listener
 * only; the wallet page has its own narrower endpoints under `/wallet/` (routes/wallet.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { barcodeSvg, isBarcodeText, isBarcodeType } from "../barcode";
import type { SandboxContext } from "../context";
import { FaultInputError } from "../faults";
import { HttpError, readBody, sendJson, sendText } from "../http";
import { MAX_CODE_PENDING_MS, type IssuedCode, type PaymentRecord } from "../ledger";
import { isOutcome } from "../outcomes";
import { isWallet } from "../wallets";

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A refund as listed under its payment in `GET /_sandbox/transactions`. */
export type SandboxRefund = {
  out_trade_no: string;
  syssn: string;
  txamt: string;
  respcd: string;
  status: "pending" | "refunded" | "failed";
  createdAt: string;
  faults: string[];
};

/** One row of `GET /_sandbox/transactions`: one payment, with what was done to it since. */
export type SandboxTransaction = {
  out_trade_no: string;
  auth_code: string;
  /** The amount the wallet processed (charged, if paid). Differs from `requested_txamt` only under amount_mismatch. */
  txamt: string;
  /** `txamt` as the till requested it. */
  requested_txamt: string;
  /** What the customer paid and the merchant keeps from this payment: `txamt` when `charged`, else "0". */
  charged_amount: string;
  txcurrcd: string;
  /** As echoed in answers. */
  pay_type: string;
  requested_pay_type: string;
  /** The transaction's respcd now (as its query row shows it). */
  respcd: string;
  /** The respcd the /payment call answered (or would have, had a transport fault eaten the answer). */
  answer_respcd: string;
  /**
   * The truth now. `cancelled` = reversed or closed. `pending` = the wallet order is still open:
   * also a late_success payment whose row shows its failure code until it pays.
   */
  status: "paid" | "pending" | "failed" | "cancelled";
  syssn: string;
  createdAt: string;
  /** When the transaction became/becomes final; null = pending until reversed (pending_forever). */
  settlesAt: string | null;
  /** Whether the merchant keeps the customer's money: paid and not reversed/closed (refunds are separate). */
  charged: boolean;
  /** Query `cancel`: 0 none, 1 reversed, 2 closed, 3 fully refunded, 5 partly refunded. */
  cancel: string;
  /** Refunded so far (succeeded refunds, or the whole amount for a revoked paid Alipay payment), minor units. */
  refunded_amount: string;
  /** What the merchant keeps: txamt − refunded when charged, else 0. */
  net_amount: string;
  refunds: SandboxRefund[];
  /** The reversal/close applied to it, if any; `was` = its state when the request arrived. */
  reversal: { kind: "reversal" | "close"; syssn: string; at: string; was: "pending" | "paid" | "failed" } | null;
  outcome: string;
  wallet: string;
  /** Fault kinds that touched this transaction, in the order they applied (request, check, transaction scope, then reversal). */
  faults: string[];
};

export function describeTransaction(ctx: SandboxContext, record: PaymentRecord): SandboxTransaction {
  const state = ctx.ledger.stateOf(record);
  const c = record.cancellation;
  const finalAt = c && c.was === "pending" ? c.effectiveAt : record.settlesAt;
  // A late_success payment's row shows a failure while the wallet order is still open.
  const status = state.status === "failed" && ctx.ledger.isOpen(record) ? "pending" : state.status;
  return {
    out_trade_no: record.outTradeNo,
    auth_code: record.authCode,
    txamt: record.txamt,
    requested_txamt: record.requestedTxamt,
    charged_amount: state.charged ? record.txamt : "0",
    txcurrcd: record.txcurrcd,
    pay_type: record.payType,
    requested_pay_type: record.requestedPayType,
    respcd: state.respcd,
    answer_respcd: record.answer,
    status,
    syssn: record.syssn,
    createdAt: iso(record.createdAt),
    settlesAt: Number.isFinite(finalAt) ? iso(finalAt) : null,
    charged: state.charged,
    cancel: state.cancel,
    refunded_amount: String(state.refunded),
    net_amount: String(state.charged ? Number(record.txamt) - state.refunded : 0),
    refunds: record.refunds.map((refund) => {
      const rs = ctx.ledger.refundStateOf(refund);
      return {
        out_trade_no: refund.outTradeNo,
        syssn: refund.syssn,
        txamt: refund.txamt,
        respcd: rs.respcd,
        status: rs.status,
        createdAt: iso(refund.createdAt),
        faults: [...refund.faults],
      };
    }),
    reversal: c ? { kind: c.kind, syssn: c.syssn, at: iso(c.at), was: c.was } : null,
    outcome: record.outcome,
    wallet: record.wallet,
    faults: [...record.faults],
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
    ...(issued.pendingMs === null ? {} : { pendingMs: issued.pendingMs }),
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
  const pendingText = param(url, "pendingMs");
  let pendingMs: number | null = null;
  if (pendingText !== undefined) {
    if (!/^\d{1,7}$/.test(pendingText) || Number(pendingText) > MAX_CODE_PENDING_MS) {
      throw new HttpError(400, "bad_pending_ms", `pendingMs must be an integer from 0 to ${MAX_CODE_PENDING_MS}`);
    }
    pendingMs = Number(pendingText);
  }
  return ctx.ledger.issueCode(wallet, outcome, pendingMs);
}

/** `barcode.svg?type=…&text=…`: an SVG of a payment code (also served to the wallet page, routes/wallet.ts). */
export function sendBarcode(url: URL, res: ServerResponse): void {
  const type = param(url, "type") ?? "";
  const text = param(url, "text") ?? "";
  if (!isBarcodeType(type)) throw new HttpError(400, "bad_type", "type must be qrcode or code128");
  if (!isBarcodeText(text)) throw new HttpError(400, "bad_text", "text must be 1-128 letters or digits");
  sendText(res, 200, "image/svg+xml; charset=utf-8", barcodeSvg(type, text), { "Cache-Control": "no-store" });
}

function codeStatus(ctx: SandboxContext, url: URL) {
  const code = param(url, "code");
  if (code === undefined || !isBarcodeText(code))
    throw new HttpError(400, "bad_code", "code must be 1-128 letters or digits");
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
    transaction: record && state ? { ...describeTransaction(ctx, record), resperr: state.resperr } : null,
  };
}

type Route = (ctx: SandboxContext, url: URL, res: ServerResponse, req: IncomingMessage) => void | Promise<void>;
type Methods = Partial<Record<"GET" | "POST" | "DELETE", Route>>;

/** Fault settings come as JSON (they are a test tool, not QFPay protocol). */
async function readJson(ctx: SandboxContext, req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, ctx.config.maxBodyBytes);
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError(400, "bad_json", "body must be JSON");
  }
}

function faultsAnswer(ctx: SandboxContext, res: ServerResponse, change: () => void): void {
  try {
    change();
  } catch (error) {
    if (error instanceof FaultInputError) throw new HttpError(400, "bad_fault", error.message);
    throw error;
  }
  sendJson(res, 200, ctx.faults.state());
}

const ROUTES: ReadonlyMap<string, Methods> = new Map<string, Methods>([
  ["/_sandbox/health", { GET: (_ctx, _url, res) => sendJson(res, 200, { ok: true }) }],
  [
    "/_sandbox/transactions",
    {
      GET: (ctx, _url, res) =>
        sendJson(
          res,
          200,
          ctx.ledger.all().map((record) => describeTransaction(ctx, record)),
        ),
    },
  ],
  ["/_sandbox/code", { GET: (ctx, url, res) => sendJson(res, 200, describeCode(issueCodeFromQuery(ctx, url))) }],
  ["/_sandbox/code-status", { GET: (ctx, url, res) => sendJson(res, 200, codeStatus(ctx, url)) }],
  ["/_sandbox/notifications", { GET: (ctx, _url, res) => sendJson(res, 200, ctx.notifier.list()) }],
  [
    "/_sandbox/faults",
    {
      GET: (ctx, _url, res) => sendJson(res, 200, ctx.faults.state()),
      // Replaces the rule set: one rule, a list, or { rules, seed, rateLimit }.
      POST: async (ctx, _url, res, req) => {
        const input = await readJson(ctx, req);
        faultsAnswer(ctx, res, () => ctx.faults.set(input as Parameters<typeof ctx.faults.set>[0]));
      },
      DELETE: (ctx, _url, res) => faultsAnswer(ctx, res, () => ctx.faults.clear()),
    },
  ],
  ["/_sandbox/barcode.svg", { GET: (_ctx, url, res) => sendBarcode(url, res) }],
]);

/** Resolves false when `url` is not a sandbox route. */
export async function handleSandboxApi(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const methods = ROUTES.get(url.pathname);
  if (!methods) return false;
  const method = req.method === "HEAD" ? "GET" : req.method;
  const route = method === "GET" || method === "POST" || method === "DELETE" ? methods[method] : undefined;
  if (!route) throw new HttpError(405, "method_not_allowed", `use ${Object.keys(methods).join(" or ")}`);
  await route(ctx, url, res, req);
  return true;
}
