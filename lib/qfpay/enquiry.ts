/**
 * Transaction enquiry by out_trade_no: `POST /trade/v1/query` (docs/qfpay.md §4). The way every
 * uncertain payment, reversal and refund is settled (§5, §6, §9).
 * Owns: the month window, paging, and reading payment and refund rows into `EnquiryRow`s.
 * Never: treats the top-level "0000" as a payment result, or a reversed/refunded row as paid.
 */
import "server-only";
import type { QfpayConfig } from "./config";
import { classifyRefundRespcd, classifyRespcd, type GatewayOutcome, type RefundOutcome } from "./outcome";
import { isRecord, readMinorAmount, readString } from "./read";
import { DEFAULT_TIME_ZONE, merchantMonthIndex, monthRange } from "./time";
import { qfpayRequest } from "./transport";
import type { QueryRequestParams, QueryResponse, QueryRow } from "./types";

const QUERY_PATH = "/trade/v1/query";
/** §4: page_size max 100; one page must be able to hold one row per requested out_trade_no. */
const MAX_OUT_TRADE_NOS_PER_QUERY = 100;
/** §4: `out_trade_no` is String(128); whether that bounds a comma list is undocumented, so a batch stays inside it. */
const MAX_OUT_TRADE_NO_FIELD_CHARS = 128;
const PAGE_SIZE = 100;
const MAX_PAGES = 10;
/** A day's reconciliation may page far deeper than an enquiry by id. */
const MAX_RANGE_PAGES = 500;
/** QFPay's `sysdtm` may differ from our createdAt by a request's duration plus clock skew (§3, skew tolerance unknown). */
const MONTH_EDGE_MS = 5 * 60 * 1000;

export type EnquiryRow = {
  outTradeNo: string;
  syssn: string | null;
  /** The row's own code (not the query's). */
  respcd: string | null;
  /** `cancel` as sent ("0" = not undone, §4), or "" when QFPay omitted it. */
  cancel: string;
  /** "payment" | "refund" as sent, or null. */
  orderType: string | null;
  /** `txamt`, minor units. */
  amount: number | null;
  payType: string | null;
  /** `errmsg` (else `resperr`/`respmsg`). */
  message: string | null;
  /**
   * `classifyRespcd(respcd)`, except that "paid" needs `cancel` "0" and a payment row: a 0000 row
   * that was reversed or refunded, or whose cancel is missing, or a refund row, is pending here.
   */
  outcome: GatewayOutcome;
  /** `cancel` present and not "0": reversed, closed or (partly) refunded (§4 "Key pitfall"). */
  reversedOrRefunded: boolean;
  /**
   * `cancel` "3" (refunded) or "5" (partially refunded): some money went back through a refund.
   * "1" (CPM "reversed or refunded") and "2" cannot say which (§4 cancel CONFLICT), so they are false.
   */
  refundedPart: boolean;
  /** For a refund row: `classifyRefundRespcd(respcd)` (§5). Null for any other row. */
  refundOutcome: RefundOutcome | null;
  /** `origssn`: on a refund row, the refunded payment's syssn (§4); null on payments. */
  originalSyssn: string | null;
  /** `txcurrcd`, or null when QFPay omitted it. */
  currency: string | null;
  /** The wallet's own transaction id (§3 `chnlsn`). */
  chnlsn: string | null;
  /** QFPay's times, merchant wall clock as sent (§3, §4). */
  txdtm: string | null;
  sysdtm: string | null;
  paydtm: string | null;
  /** Payer identifier (§3 `cardcd`), may be empty. */
  cardcd: string | null;
};

type EnquiryResult = { kind: "answer"; rows: EnquiryRow[] } | { kind: "unknown"; reason: string };

type PageResult = { kind: "page"; rows: EnquiryRow[]; size: number } | { kind: "unknown"; reason: string };

const PENDING: GatewayOutcome = Object.freeze({ status: "pending" });

/**
 * Rows for up to 100 out_trade_nos. `createdAt` (when the payment was sent) picks the month
 * window. A row missing from the answer is not proof of anything (§4 "Not-found behaviour").
 */
export async function queryByOutTradeNo(
  config: QfpayConfig,
  outTradeNos: string[],
  createdAt?: Date,
  now: Date = new Date(),
): Promise<EnquiryResult> {
  const ids = [...new Set(outTradeNos)];
  if (ids.length > MAX_OUT_TRADE_NOS_PER_QUERY) {
    throw new RangeError(`at most ${MAX_OUT_TRADE_NOS_PER_QUERY} out_trade_nos per query, got ${ids.length}`);
  }
  for (const id of ids) {
    if (id.trim() === "" || id.includes(",")) throw new RangeError(`invalid out_trade_no for a query: "${id}"`);
  }
  if (ids.length === 0) return { kind: "answer", rows: [] };

  const rows: EnquiryRow[] = [];
  const seen = new Set<string>();
  for (const window of queryWindows(createdAt, now, config.timeZone)) {
    const result = await queryAllPages(config, { out_trade_no: ids.join(","), ...window });
    if (result.kind === "unknown") return result;
    for (const row of result.rows) {
      const key = row.syssn === null ? null : `${row.syssn}|${row.outTradeNo}`;
      if (key !== null && seen.has(key)) continue;
      if (key !== null) seen.add(key);
      rows.push(row);
    }
  }
  return { kind: "answer", rows };
}

type QueryWindow = Pick<QueryRequestParams, "start_time" | "end_time">;

/**
 * §4: without start_time/end_time QFPay searches the current calendar month only, and a window
 * must stay inside one month. Months are the merchant's (`timeZone`): a payment made at 00:10 on
 * the 1st in Hong Kong is in that month, though it is still the previous month in UTC. A payment
 * from an earlier month gets that month's window; one sent within minutes of a month boundary is
 * looked for on both sides of it.
 */
export function queryWindows(
  createdAt: Date | undefined,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): QueryWindow[] {
  const current = merchantMonthIndex(now, timeZone);
  if (createdAt === undefined) return [{}];
  const months = new Set(
    [createdAt.getTime() - MONTH_EDGE_MS, createdAt.getTime(), createdAt.getTime() + MONTH_EDGE_MS]
      .map((t) => merchantMonthIndex(new Date(t), timeZone))
      .filter((month) => month <= current),
  );
  if (months.size === 0) return [{}];
  return [...months]
    .sort((a, b) => a - b)
    .map((month) => {
      if (month === current) return {};
      const { start, end } = monthRange(month);
      return { start_time: start, end_time: end };
    });
}

/** One id to look up, with when it was sent (its month window). */
export type EnquiryTarget = { outTradeNo: string; sentAt: Date };

/** Per out_trade_no: every row QFPay returned for it (matching is the caller's), or no answer. */
export type BatchFindings = Map<
  string,
  { kind: "rows"; rows: EnquiryRow[]; single: boolean } | { kind: "unknown"; reason: string }
>;

/**
 * Looks up many out_trade_nos in as few queries as is safe: ids that need the same month
 * windows go together, at most `config.queryBatchSize` and 128 characters per list (§4: a batch
 * limit is undocumented). A batch that gets no answer is asked again one id at a time, so one bad
 * id or an unsupported list cannot hide the others. `single` says the id was asked alone.
 */
export async function queryInBatches(
  config: QfpayConfig,
  targets: readonly EnquiryTarget[],
  now: Date = new Date(),
): Promise<BatchFindings> {
  const findings: BatchFindings = new Map();
  const byWindows = new Map<string, EnquiryTarget[]>();
  for (const target of targets) {
    const key = JSON.stringify(queryWindows(target.sentAt, now, config.timeZone));
    byWindows.set(key, [...(byWindows.get(key) ?? []), target]);
  }
  for (const group of byWindows.values()) {
    for (const batch of splitBatches(group, config.queryBatchSize ?? 10)) {
      const ids = batch.map((t) => t.outTradeNo);
      const result = await queryByOutTradeNo(config, ids, batch[0]!.sentAt, now);
      if (result.kind === "answer") {
        for (const id of ids)
          findings.set(id, {
            kind: "rows",
            rows: result.rows.filter((r) => r.outTradeNo === id),
            single: ids.length === 1,
          });
        continue;
      }
      if (ids.length === 1) {
        findings.set(ids[0]!, result);
        continue;
      }
      for (const target of batch) {
        const alone = await queryByOutTradeNo(config, [target.outTradeNo], target.sentAt, now);
        findings.set(
          target.outTradeNo,
          alone.kind === "answer"
            ? { kind: "rows", rows: alone.rows.filter((r) => r.outTradeNo === target.outTradeNo), single: true }
            : alone,
        );
      }
    }
  }
  return findings;
}

function splitBatches<T extends { outTradeNo: string }>(items: readonly T[], maxCount: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of [...new Map(items.map((i) => [i.outTradeNo, i])).values()]) {
    const add = item.outTradeNo.length + (current.length ? 1 : 0);
    if (
      current.length > 0 &&
      (current.length >= Math.min(maxCount, MAX_OUT_TRADE_NOS_PER_QUERY) || chars + add > MAX_OUT_TRADE_NO_FIELD_CHARS)
    ) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    chars += item.outTradeNo.length + (current.length ? 1 : 0);
    current.push(item);
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * Every payment and refund row QFPay holds with `sysdtm` in [start, end] (merchant wall clock,
 * inside one calendar month, §4), all pages. For the day's reconciliation.
 */
export async function queryByTimeRange(
  config: QfpayConfig,
  range: { start: string; end: string },
): Promise<EnquiryResult> {
  return queryAllPages(config, { start_time: range.start, end_time: range.end }, MAX_RANGE_PAGES);
}

async function queryAllPages(
  config: QfpayConfig,
  filter: QueryRequestParams,
  maxPages = MAX_PAGES,
): Promise<EnquiryResult> {
  const rows: EnquiryRow[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const params: QueryRequestParams = { ...filter, page, page_size: PAGE_SIZE };
    // §4: a query only reads, so the transport may repeat it on 429/5xx/network trouble (§1, §12).
    const result = await qfpayRequest(config, QUERY_PATH, params, { retry: "idempotent" });
    if (result.kind === "unknown") return { kind: "unknown", reason: `${result.reason}: ${result.detail}` };
    const parsed = toQueryPage(result.body);
    if (parsed.kind === "unknown") return parsed;
    rows.push(...parsed.rows);
    if (parsed.size < PAGE_SIZE) return { kind: "answer", rows };
  }
  // An incomplete list could hide the row that settles a payment; say so rather than guess.
  return { kind: "unknown", reason: `query returned more than ${maxPages} pages` };
}

/** Top-level `respcd` "0000" only means the query ran (§4, §13.3); anything else is no answer. */
function toQueryPage(body: Record<string, unknown>): PageResult {
  const field = (key: keyof QueryResponse) => readString(body, key);
  const respcd = field("respcd");
  if (respcd !== "0000") {
    const text = field("resperr") ?? field("respmsg");
    return { kind: "unknown", reason: `query answered respcd ${respcd ?? "(none)"}${text ? `: ${text}` : ""}` };
  }
  const data = body.data;
  if (!Array.isArray(data)) return { kind: "unknown", reason: "query answer has no data list" };
  const rows = data
    .filter(isRecord)
    .map(toEnquiryRow)
    .filter((row): row is EnquiryRow => row !== null);
  return { kind: "page", rows, size: data.length };
}

/** Null for a row without out_trade_no: it cannot be matched to a payment. */
export function toEnquiryRow(row: Record<string, unknown>): EnquiryRow | null {
  const field = (key: keyof QueryRow) => readString(row, key);
  const outTradeNo = field("out_trade_no");
  if (outTradeNo === null) return null;
  const cancel = field("cancel") ?? "";
  const orderType = field("order_type");
  const reversedOrRefunded = cancel !== "" && cancel !== "0";

  let outcome = classifyRespcd(row.respcd);
  // §4 "Key pitfall": a reversed or refunded payment keeps respcd 0000; only cancel "0" makes it
  // paid. A refund row's 0000 is a successful refund, not a payment.
  if (outcome.status === "paid" && (cancel !== "0" || (orderType !== null && orderType !== "payment"))) {
    outcome = PENDING;
  }

  return {
    outTradeNo,
    syssn: field("syssn"),
    respcd: field("respcd"),
    cancel,
    orderType,
    amount: readMinorAmount(row, "txamt"),
    payType: field("pay_type"),
    message: field("errmsg") ?? readString(row, "resperr") ?? readString(row, "respmsg"),
    outcome,
    reversedOrRefunded,
    refundedPart: cancel === "3" || cancel === "5",
    refundOutcome: orderType === "refund" ? classifyRefundRespcd(row.respcd) : null,
    originalSyssn: field("origssn"),
    currency: field("txcurrcd"),
    chnlsn: field("chnlsn"),
    txdtm: field("txdtm"),
    sysdtm: field("sysdtm"),
    paydtm: field("paydtm"),
    cardcd: field("cardcd"),
  };
}
