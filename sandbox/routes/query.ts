/** `POST /trade/v1/query`, the Transaction Enquiry (docs/qfpay.md §4). */
import type { SandboxContext } from "../context";
import type { CompanionRow } from "../enquiry-shadows";
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
  const items = value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
  if (items.length === 0 || !items.every(check)) return "invalid";
  return new Set(items);
}

function positiveInt(value: string | undefined, fallback: number): number | null {
  if (value === undefined || value === "") return fallback;
  return /^[1-9]\d{0,7}$/.test(value) ? Number(value) : null;
}

function parseCriteria(
  ctx: SandboxContext,
  fields: ReadonlyMap<string, string>,
): { criteria: Criteria } | { refused: TradeAnswer } {
  const bad = (field: string, rule: string) => ({
    refused: refusal("1104", `Request parameter error: ${field}`, `${field} must be ${rule}`),
  });

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
  // syssn is given (docs/qfpay.md §4). So an out_trade_no from last month needs an explicit window —
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

/** A row the enquiry can show: a ledger transaction, or a companion_rows row (enquiry-shadows.ts). */
type EnquiryRow = { kind: "ledger"; row: LedgerRow } | { kind: "companion"; row: CompanionRow };

/** Newest first by creation; a companion sorts just after its payment, so it is listed before it. */
function order(entry: EnquiryRow): number {
  return entry.kind === "ledger" ? entry.row.seq : entry.row.payment.seq + 0.5;
}

/** The row's own status fields, for payments and refunds alike. */
function rowState(ctx: SandboxContext, record: LedgerRow) {
  if (record.orderType === "payment") return ctx.ledger.stateOf(record);
  const state = ctx.ledger.refundStateOf(record);
  return {
    ...state,
    cancel: "0",
    chnlsn: state.status === "refunded" ? record.chnlsn : "",
    cardcd: record.original.cardcd,
  };
}

/** The fields the criteria look at, for any row. */
function facts(ctx: SandboxContext, entry: EnquiryRow) {
  if (entry.kind === "companion") {
    const payment = entry.row.payment;
    return {
      syssn: entry.row.syssn,
      outTradeNo: payment.outTradeNo,
      payTypes: [payment.payType, payment.requestedPayType],
      respcd: "0000",
      createdAt: payment.createdAt,
    };
  }
  const record = entry.row;
  const requested = record.orderType === "payment" ? record.requestedPayType : record.original.requestedPayType;
  return {
    syssn: record.syssn,
    outTradeNo: record.outTradeNo,
    payTypes: [record.payType, requested],
    respcd: rowState(ctx, record).respcd,
    createdAt: record.createdAt,
  };
}

function matches(ctx: SandboxContext, entry: EnquiryRow, criteria: Criteria, now: number): boolean {
  // not_found_lag: the payment's own row is not found yet (its refunds and companion are unaffected).
  if (entry.kind === "ledger" && entry.row.orderType === "payment" && ctx.shadows.isHidden(entry.row, now))
    return false;
  const row = facts(ctx, entry);
  if (criteria.syssn && !criteria.syssn.has(row.syssn)) return false;
  if (criteria.outTradeNo && !criteria.outTradeNo.has(row.outTradeNo)) return false;
  if (criteria.payType && !row.payTypes.some((payType) => criteria.payType!.has(payType))) return false;
  if (criteria.respcd && row.respcd !== criteria.respcd) return false;
  if (criteria.window) {
    const sysdtm = hkDateTime(row.createdAt);
    if (sysdtm < criteria.window.start || sysdtm > criteria.window.end) return false;
  }
  return true;
}

/**
 * One `data[]` row; `respcd` is the transaction's own status, not the call's (docs/qfpay.md §4). A
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

/**
 * companion_rows: a successful-looking row with the payment's out_trade_no that is not the payment.
 * It differs from the payment's row only where §4 says a client must look: its own syssn,
 * `order_type` ("refund", or "payment" with `origssn` set) and `origssn` = the payment's syssn.
 */
function companionRow(companion: CompanionRow): Record<string, string | null> {
  const payment = companion.payment;
  const sysdtm = hkDateTime(payment.createdAt);
  return {
    syssn: companion.syssn,
    out_trade_no: payment.outTradeNo,
    txamt: payment.txamt,
    txcurrcd: payment.txcurrcd,
    pay_type: payment.payType,
    order_type: companion.orderType,
    goods_name: "",
    txdtm: payment.txdtm,
    sysdtm,
    paydtm: sysdtm,
    respcd: "0000",
    errmsg: statusText("0000"),
    cancel: "0",
    origssn: payment.syssn,
    udid: payment.udid,
    chnlsn: "",
    cardcd: "",
  };
}

function render(ctx: SandboxContext, entry: EnquiryRow): Record<string, string | null> {
  return entry.kind === "ledger" ? row(ctx, entry.row) : companionRow(entry.row);
}

/** A ledger row plus, for a payment, its companion row if it has one. */
function withCompanion(ctx: SandboxContext, record: LedgerRow): EnquiryRow[] {
  const entries: EnquiryRow[] = [{ kind: "ledger", row: record }];
  const companion = record.orderType === "payment" ? ctx.shadows.companionOf(record) : undefined;
  if (companion) entries.push({ kind: "companion", row: companion });
  return entries;
}

/** Rows named by syssn/out_trade_no come from the ledger's maps; otherwise every row is scanned. */
function candidates(ctx: SandboxContext, criteria: Criteria): EnquiryRow[] {
  if (!criteria.syssn && !criteria.outTradeNo) return ctx.ledger.rows().flatMap((record) => withCompanion(ctx, record));
  const found: EnquiryRow[] = [];
  if (criteria.syssn) {
    for (const syssn of criteria.syssn) {
      const hit = ctx.ledger.findRowBySyssn(syssn);
      if (hit) found.push({ kind: "ledger", row: hit });
      const companion = ctx.shadows.companionBySyssn(syssn);
      if (companion) found.push({ kind: "companion", row: companion });
    }
  } else {
    for (const no of criteria.outTradeNo!) {
      const hit = ctx.ledger.findRowByOutTradeNo(no);
      if (hit) found.push(...withCompanion(ctx, hit));
    }
  }
  // A list may name the same row twice; keep it once.
  const unique = new Map(found.map((entry) => [entry.row, entry] as const));
  return [...unique.values()].sort((a, b) => order(a) - order(b));
}

/**
 * Newest first, then paged. Nothing found ⇒ `respcd 0000` with an empty `data`: QFPay's real
 * not-found behaviour (empty list vs 1136/1268) is UNKNOWN (docs/qfpay.md §4, §15.8), so a client
 * must not treat an empty list as proof that no payment happened.
 */
export function handleQuery(ctx: SandboxContext, fields: ReadonlyMap<string, string>): TradeAnswer {
  const parsed = parseCriteria(ctx, fields);
  if ("refused" in parsed) return parsed.refused;
  const { criteria } = parsed;
  const now = ctx.ledger.now();
  const found = candidates(ctx, criteria)
    .filter((entry) => matches(ctx, entry, criteria, now))
    .reverse();
  const first = (criteria.page - 1) * criteria.pageSize;
  return {
    respcd: "0000",
    resperr: resperr("0000"),
    respmsg: "",
    // Numbers, as in captured responses; the docs show strings (docs/qfpay.md §4). Clients accept both.
    page: criteria.page,
    page_size: criteria.pageSize,
    data: found.slice(first, first + criteria.pageSize).map((entry) => render(ctx, entry)),
  };
}
