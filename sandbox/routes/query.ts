/** `POST /trade/v1/query`, the Transaction Enquiry (API-FACTS §4). */
import type { SandboxContext } from "../context";
import type { LedgerRow } from "../ledger";
import { resperr, statusText } from "../respcd";
import { hkDateTime, hkMonthBounds, parseHkDateTime } from "../time";
import { refusal, type TradeAnswer } from "./answer";

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 10;

type Criteria = {
  syssn: ReadonlySet<string> | null;
  outTradeNo: ReadonlySet<string> | null;
  payType: ReadonlySet<string> | null;
  respcd: string | null;
  /** Inclusive `sysdtm` window, as `YYYY-MM-DD hh:mm:ss` (compares as text); null = no window. */
  window: { start: string; end: string } | null;
  page: number;
  pageSize: number;
};

/** `a,b,c` ⇒ set of non-empty items; `check` fails the whole list. */
function list(value: string | undefined, check: (item: string) => boolean): ReadonlySet<string> | null | "invalid" {
  if (value === undefined || value === "") return null;
  const items = value.split(",").map((item) => item.trim()).filter((item) => item !== "");
  if (items.length === 0 || !items.every(check)) return "invalid";
  return new Set(items);
}

function positiveInt(value: string | undefined, fallback: number): number | null {
  if (value === undefined || value === "") return fallback;
  return /^[1-9]\d{0,7}$/.test(value) ? Number(value) : null;
}

function parseCriteria(ctx: SandboxContext, fields: ReadonlyMap<string, string>): { criteria: Criteria } | { refused: TradeAnswer } {
  const bad = (field: string, rule: string) => ({ refused: refusal("1104", `Request parameter error: ${field}`, `${field} must be ${rule}`) });

  const syssn = list(fields.get("syssn"), (s) => /^\d{1,40}$/.test(s));
  if (syssn === "invalid") return bad("syssn", "a comma-separated list of syssn");
  const outTradeNo = list(fields.get("out_trade_no"), (s) => s.length <= 128);
  if (outTradeNo === "invalid") return bad("out_trade_no", "a comma-separated list of out_trade_no");
  const payType = list(fields.get("pay_type"), (s) => /^\d{6}$/.test(s));
  if (payType === "invalid") return bad("pay_type", "a comma-separated list of 6-digit pay types");
  const respcd = fields.get("respcd") || null;
  if (respcd !== null && !/^\d{4}$/.test(respcd)) return bad("respcd", "a 4-digit code");
  const page = positiveInt(fields.get("page"), 1);
  if (page === null) return bad("page", "a positive integer");
  const pageSize = positiveInt(fields.get("page_size"), DEFAULT_PAGE_SIZE);
  if (pageSize === null || pageSize > MAX_PAGE_SIZE) return bad("page_size", `an integer from 1 to ${MAX_PAGE_SIZE}`);

  const startText = fields.get("start_time") || undefined;
  const endText = fields.get("end_time") || undefined;
  const start = startText === undefined ? undefined : parseHkDateTime(startText);
  const end = endText === undefined ? undefined : parseHkDateTime(endText);
  if (start === null) return bad("start_time", "YYYY-MM-DD hh:mm:ss");
  if (end === null) return bad("end_time", "YYYY-MM-DD hh:mm:ss");

  // The time window filters on sysdtm and defaults to the current calendar month; it is ignored when
  // syssn is given (API-FACTS §4). So an out_trade_no from last month needs an explicit window —
  // the pitfall §4 warns about — and the sandbox reproduces it.
  let window: Criteria["window"] = null;
  if (syssn === null) {
    const anchor = start ?? end ?? ctx.ledger.now();
    const month = hkMonthBounds(anchor);
    const from = start ?? (end !== undefined ? hkMonthBounds(end).start : month.start);
    const to = end ?? (start !== undefined ? hkMonthBounds(start).end : month.end);
    if (to < from) return bad("end_time", "later than start_time");
    window = { start: hkDateTime(from), end: hkDateTime(to) };
  }
  return { criteria: { syssn, outTradeNo, payType, respcd, window, page, pageSize } };
}

/** The row's own status fields, for payments and refunds alike. */
function rowState(ctx: SandboxContext, record: LedgerRow) {
  if (record.orderType === "payment") return ctx.ledger.stateOf(record);
  const state = ctx.ledger.refundStateOf(record);
  return { ...state, cancel: "0", chnlsn: state.status === "refunded" ? record.chnlsn : "", cardcd: record.original.cardcd };
}

function matches(ctx: SandboxContext, record: LedgerRow, criteria: Criteria): boolean {
  if (criteria.syssn && !criteria.syssn.has(record.syssn)) return false;
  if (criteria.outTradeNo && !criteria.outTradeNo.has(record.outTradeNo)) return false;
  if (criteria.payType) {
    const requested = record.orderType === "payment" ? record.requestedPayType : record.original.requestedPayType;
    if (!criteria.payType.has(record.payType) && !criteria.payType.has(requested)) return false;
  }
  if (criteria.respcd && rowState(ctx, record).respcd !== criteria.respcd) return false;
  if (criteria.window) {
    const sysdtm = hkDateTime(record.createdAt);
    if (sysdtm < criteria.window.start || sysdtm > criteria.window.end) return false;
  }
  return true;
}

/**
 * One `data[]` row; `respcd` is the transaction's own status, not the call's (API-FACTS §4). A
 * reversed/closed/refunded payment is told apart only by `cancel` (§4 "Key pitfall"). Refund rows
 * have `order_type: "refund"`, their own syssn/out_trade_no/txamt, and the payment's syssn in `origssn`.
 */
function row(ctx: SandboxContext, record: LedgerRow): Record<string, string | null> {
  const state = rowState(ctx, record);
  return {
    syssn: record.syssn,
    out_trade_no: record.outTradeNo,
    txamt: record.txamt,
    txcurrcd: record.txcurrcd,
    pay_type: record.payType,
    order_type: record.orderType,
    goods_name: record.orderType === "payment" ? (record.goodsName ?? "") : "",
    txdtm: record.txdtm,
    sysdtm: state.sysdtm,
    paydtm: state.paydtm,
    respcd: state.respcd,
    errmsg: statusText(state.respcd),
    cancel: state.cancel,
    // null on payments, as in captured data (§4).
    origssn: record.orderType === "refund" ? record.original.syssn : null,
    udid: record.udid,
    chnlsn: state.chnlsn,
    cardcd: state.cardcd,
  };
}

/** Rows named by syssn/out_trade_no come from the ledger's maps; otherwise every row is scanned. */
function candidates(ctx: SandboxContext, criteria: Criteria): LedgerRow[] {
  if (!criteria.syssn && !criteria.outTradeNo) return [...ctx.ledger.rows()];
  const found = new Set<LedgerRow>();
  if (criteria.syssn) {
    for (const syssn of criteria.syssn) {
      const hit = ctx.ledger.findRowBySyssn(syssn);
      if (hit) found.add(hit);
    }
  } else {
    for (const no of criteria.outTradeNo!) {
      const hit = ctx.ledger.findRowByOutTradeNo(no);
      if (hit) found.add(hit);
    }
  }
  return [...found].sort((a, b) => a.seq - b.seq);
}

/**
 * Newest first, then paged. Nothing found ⇒ `respcd 0000` with an empty `data`: QFPay's real
 * not-found behaviour (empty list vs 1136/1268) is UNKNOWN (API-FACTS §4, §15 item 8), so a client
 * must not treat an empty list as proof that no payment happened.
 */
export function handleQuery(ctx: SandboxContext, fields: ReadonlyMap<string, string>): TradeAnswer {
  const parsed = parseCriteria(ctx, fields);
  if ("refused" in parsed) return parsed.refused;
  const { criteria } = parsed;
  const found = candidates(ctx, criteria)
    .filter((record) => matches(ctx, record, criteria))
    .reverse();
  const first = (criteria.page - 1) * criteria.pageSize;
  return {
    respcd: "0000",
    resperr: resperr("0000"),
    respmsg: "",
    // Numbers, as in captured responses; the docs show strings (API-FACTS §4). Clients accept both.
    page: criteria.page,
    page_size: criteria.pageSize,
    data: found.slice(first, first + criteria.pageSize).map((record) => row(ctx, record)),
  };
}
