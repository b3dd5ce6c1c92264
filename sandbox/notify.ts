/**
 * Asynchronous notifications (docs/qfpay.md §7): on every successful payment and refund, QFPay POSTs
 * JSON to the merchant's notify URL, signed with `X-QF-SIGN` = upper-case hex MD5(raw body + client
 * key), and retries until it gets HTTP 200 with the body `SUCCESS`. Never for failures or pending
 * states.
 *
 * The ledger derives states from the clock, so the notifier watches each new or changed row and, if
 * it is not paid yet, looks again when its state next changes on its own (`nextChangeAt`: a pending
 * payment settling, or a late_success payment turning paid after it was answered as failed). A row is notified at most
 * once (per successful transition); every delivery attempt is kept for `GET /_sandbox/notifications`.
 */
import { createHash } from "node:crypto";
import type { LedgerRow, PaymentRecord, RefundRecord, SandboxLedger } from "./ledger";
import { loopbackOrigin } from "./loopback";

/** QFPay's retry schedule after the first attempt: 2 min, 10 min, 10 min, 60 min, 2 h, 6 h, 15 h (§7). */
const NOTIFY_RETRY_MS: readonly number[] = [2, 10, 10, 60, 120, 360, 900].map((minutes) => minutes * 60_000);

/** One attempt's HTTP budget; a receiver that hangs longer counts as a failed attempt. */
const ATTEMPT_TIMEOUT_MS = 10_000;
/** How much of a receiver's answer is kept in the attempt log. */
const KEEP_BODY_CHARS = 200;
/** setTimeout's limit; longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type NotificationAttempt = {
  attempt: number;
  at: string;
  /** HTTP status, or null when the request failed (connection refused, timeout…). */
  status: number | null;
  /** The start of the receiver's answer. */
  response: string | null;
  error: string | null;
  /** HTTP 200 with body `SUCCESS`. */
  ok: boolean;
};

export type NotificationRecord = {
  id: number;
  notify_type: "payment" | "refund";
  syssn: string;
  out_trade_no: string;
  url: string;
  /** The exact bytes sent (ASCII: non-ASCII is escaped as \uXXXX). */
  body: string;
  /** X-QF-SIGN sent. */
  sign: string;
  createdAt: string;
  state: "delivering" | "delivered" | "gave_up";
  attempts: NotificationAttempt[];
  /** When the next attempt is due, or null. */
  next_attempt_at: string | null;
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * `json.dumps(value)` with Python's defaults: `", "` and `": "` separators, keys in insertion order,
 * and `ensure_ascii`: every character outside printable ASCII written as `\uXXXX` (lower-case hex,
 * UTF-16 code units, so astral characters become surrogate pairs). QFPay's bodies look like this and
 * plugins rebuild exactly this style to verify (§7 "Body byte format").
 */
export function pythonJsonDumps(value: Json): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError("not JSON: non-finite number");
    return String(value);
  }
  if (typeof value === "string") return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${pythonString(key)}: ${pythonJsonDumps(item)}`)
    .join(", ")}}`;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

function pythonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const unit = text.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (unit >= 0x20 && unit <= 0x7e) out += ch;
    else out += "\\u" + unit.toString(16).padStart(4, "0");
  }
  return out + '"';
}

/** `X-QF-SIGN` of a notification: upper-case hex MD5 of the raw body + client key (§7). */
export function notificationSign(rawBody: string, clientKey: string): string {
  return createHash("md5")
    .update(rawBody + clientKey, "utf8")
    .digest("hex")
    .toUpperCase();
}

type NotifierOptions = {
  /** The merchant's configured URL (QFPay sets it through support, §7); null = none. */
  url: string | null;
  /**
   * Loopback origins (`http://127.0.0.1:4000`) whose URLs a request's own `notify_url` may name.
   * Anything else a request names is ignored (see `requestUrl`).
   */
  allow: ReadonlySet<string>;
  /** Multiplies the retry schedule: 0.001 ⇒ retries after 120 ms, 600 ms, 600 ms, 3.6 s… */
  scale: number;
  clientKey: string;
  /** Sent as `mchid` when the merchant has one (§7 "optional mchid"). */
  mchid?: string;
  log: (line: string) => void;
};

export class Notifier {
  private readonly records: NotificationRecord[] = [];
  private readonly notified = new WeakSet<LedgerRow>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closing = new AbortController();
  private nextId = 1;

  constructor(
    private readonly ledger: SandboxLedger,
    private readonly options: NotifierOptions,
  ) {}

  /** Every notification and its attempts, oldest first. */
  list(): NotificationRecord[] {
    return this.records.map((record) => ({ ...record, attempts: record.attempts.map((a) => ({ ...a })) }));
  }

  /**
   * The `notify_url` a /payment or /refund request sent, as the row should keep it: the URL when it
   * is the configured one or on an allow-listed loopback origin, else null (the configured URL, if
   * any, is used). Why: the sandbox can be reached by whoever can reach its trade side, and a
   * request-chosen URL would make it POST to any host it can reach (issue 9; sandbox/README.md
   * "Network"). QFPay honours any URL (§3, §7); the tests that need a per-request URL allow-list a
   * local receiver.
   */
  requestUrl(requested: string | null): string | null {
    if (requested === null || requested === "") return null;
    if (requested === this.options.url) return requested;
    const origin = loopbackOrigin(requested);
    if (origin !== null && this.options.allow.has(origin)) return new URL(requested).href;
    this.options.log(
      `notify_url ignored (not the configured URL nor an allow-listed loopback origin): ${JSON.stringify(requested.slice(0, 80))}`,
    );
    return null;
  }

  /** Called by the ledger after a row was recorded or changed. */
  watch(row: LedgerRow): void {
    if (this.closing.signal.aborted || this.notified.has(row)) return;
    const url = row.notifyUrl ?? this.options.url;
    if (url === null) return;
    const now = this.ledger.now();
    if (row.orderType === "payment") {
      const state = this.ledger.stateOf(row, now);
      if (state.status === "paid" || (state.status === "cancelled" && row.cancellation?.was === "paid")) {
        this.notified.add(row);
        this.send(url, "payment", this.paymentBody(row));
      } else {
        // Pending, a reversal in progress, or a late_success payment still showing its failure:
        // look again when its state changes on its own.
        const next = this.ledger.nextChangeAt(row, now);
        if (next !== null) this.later(next - now, () => this.watch(row));
      }
      return;
    }
    const state = this.ledger.refundStateOf(row, now);
    if (state.status === "refunded") {
      this.notified.add(row);
      this.send(url, "refund", this.refundBody(row));
    } else if (state.status === "pending") {
      this.later(row.settlesAt - now, () => this.watch(row));
    }
  }

  /** Stops every timer and in-flight delivery. */
  close(): void {
    this.closing.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  // Field order and names from §7; `cancel` is "0" (the transaction was not undone when it succeeded).
  private paymentBody(record: PaymentRecord): Json {
    const state = this.ledger.stateOf(record);
    return this.body({
      status: "1",
      notify_type: "payment",
      pay_type: record.payType,
      syssn: record.syssn,
      out_trade_no: record.outTradeNo,
      txamt: record.txamt,
      txcurrcd: record.txcurrcd,
      txdtm: record.txdtm,
      sysdtm: state.sysdtm,
      paydtm: state.paydtm,
      cancel: "0",
      respcd: "0000",
      ...(record.goodsName ? { goods_name: record.goodsName } : {}),
      chnlsn: record.chnlsn,
      cardcd: record.cardcd,
    });
  }

  /** For refunds `syssn` and `out_trade_no` are the refund's own (§7); orig_* fields are UNKNOWN (§15.5), so none are sent. */
  private refundBody(refund: RefundRecord): Json {
    const state = this.ledger.refundStateOf(refund);
    return this.body({
      status: "1",
      notify_type: "refund",
      pay_type: refund.payType,
      syssn: refund.syssn,
      out_trade_no: refund.outTradeNo,
      txamt: refund.txamt,
      txcurrcd: refund.txcurrcd,
      txdtm: refund.txdtm,
      sysdtm: state.sysdtm,
      paydtm: state.paydtm,
      cancel: "0",
      respcd: "0000",
      chnlsn: refund.chnlsn,
      cardcd: refund.original.cardcd,
    });
  }

  private body(fields: Record<string, string>): Json {
    return this.options.mchid ? { ...fields, mchid: this.options.mchid } : fields;
  }

  private send(url: string, notifyType: "payment" | "refund", body: Json): void {
    const raw = pythonJsonDumps(body);
    const fields = body as Record<string, string>;
    const record: NotificationRecord = {
      id: this.nextId++,
      notify_type: notifyType,
      syssn: fields.syssn!,
      out_trade_no: fields.out_trade_no!,
      url,
      body: raw,
      sign: notificationSign(raw, this.options.clientKey),
      createdAt: new Date().toISOString(),
      state: "delivering",
      attempts: [],
      next_attempt_at: new Date().toISOString(),
    };
    this.records.push(record);
    // Sent on its own schedule, independent of the API answer (it may arrive first).
    this.later(0, () => void this.attempt(record));
  }

  private async attempt(record: NotificationRecord): Promise<void> {
    if (this.closing.signal.aborted) return;
    const number = record.attempts.length + 1;
    const at = new Date().toISOString();
    let status: number | null = null;
    let response: string | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(record.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-QF-SIGN": record.sign },
        body: record.body,
        redirect: "manual",
        signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      status = res.status;
      response = (await res.text()).slice(0, KEEP_BODY_CHARS);
    } catch (e) {
      if (this.closing.signal.aborted) return;
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    // Success is exactly HTTP 200 + "SUCCESS" (surrounding whitespace tolerated), as plugins answer (§7).
    const ok = status === 200 && response !== null && response.trim() === "SUCCESS";
    record.attempts.push({ attempt: number, at, status, response, error, ok });
    const retryIndex = number - 1;
    if (ok) {
      record.state = "delivered";
      record.next_attempt_at = null;
    } else if (retryIndex < NOTIFY_RETRY_MS.length) {
      const wait = Math.round(NOTIFY_RETRY_MS[retryIndex]! * this.options.scale);
      record.next_attempt_at = new Date(Date.now() + wait).toISOString();
      this.later(wait, () => void this.attempt(record));
    } else {
      record.state = "gave_up";
      record.next_attempt_at = null;
    }
    this.options.log(
      `notify ${record.notify_type} ${record.out_trade_no} attempt ${number} -> ${status ?? error ?? "?"}${ok ? " SUCCESS" : ""}`,
    );
  }

  private later(ms: number, run: () => void): void {
    if (this.closing.signal.aborted) return;
    const wait = Math.max(0, Math.min(ms, MAX_TIMER_MS));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (ms > MAX_TIMER_MS) this.later(ms - MAX_TIMER_MS, run);
      else run();
    }, wait);
    timer.unref?.();
    this.timers.add(timer);
  }
}
