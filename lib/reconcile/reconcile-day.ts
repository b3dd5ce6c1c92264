/**
 * The one implementation of the day's reconciliation with QFPay (issue 8), for the API, the CLI
 * and the daily schedule alike: fetch QFPay's records for the merchant day, read the ledger, look
 * up singly what the day's list does not show, compare (`compare.ts`), settle what QFPay's record
 * proves, and store the run.
 *
 * Never: settles anything unless every query answered. A query we could not read is "no answer",
 * never "QFPay has nothing" (docs/qfpay.md §4 "Not-found behaviour: UNKNOWN"): the run ends "error".
 */
import "server-only";
import type { Kysely } from "kysely";
import { getDb } from "@/lib/db";
import type { Database, PaymentRow, RefundRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { qfpayConfigFromEnv, type QfpayConfig } from "@/lib/qfpay/config";
import { queryByTimeRange, queryInBatches, type EnquiryRow, type EnquiryTarget } from "@/lib/qfpay/enquiry";
import { isOwnPaymentRow } from "@/lib/qfpay/match";
import { dayRange, merchantDayBounds } from "@/lib/qfpay/time";
import { withLockedPayment } from "@/lib/payments/ledger-writes";
import { applyMatch } from "@/lib/payments/settle-from-qfpay";
import {
  compareDay,
  settlementsToTry,
  type CompareInput,
  type LedgerPayment,
  type LedgerRefund,
  type SettleOutcome,
} from "./compare";
import { dateProblem } from "./dates";
import { failRun, finishRun, insertRun } from "./store";
import type { ReconcileTrigger, ReconciliationReport } from "@/lib/contract/reconcile";
import { recordAudit } from "@/lib/audit/record";

export type ReconcileOptions = {
  trigger: ReconcileTrigger;
  /** Written on every settled payment's audit row: "reconcile:auto", "reconcile:cli", "reconcile:staff:<username>". */
  actor: string;
  /** The stored run to fill (the daily run claims its row first); a new row otherwise. */
  runId?: number;
  now?: Date;
  config?: QfpayConfig;
};

export type ReconcileDayResult = { id: number; report: ReconciliationReport };

/** How many ids go into one `IN (…)` list when looking rows up in the ledger. */
const IN_CHUNK = 500;

/** The merchant time zone every part of the run uses. */
export function reconcileTimeZone(config?: QfpayConfig): string {
  return config?.timeZone ?? env.POS_TIME_ZONE;
}

/** The day to reconcile, checked: a clear 400 for anything else, before anything is stored. */
export function parseReconcileDate(
  value: unknown,
  now: Date = new Date(),
  timeZone: string = env.POS_TIME_ZONE,
): string {
  const problem = dateProblem(value, now, timeZone);
  if (problem) throw new AppError("invalid_date", problem);
  return value as string;
}

class QfpayUnavailable extends AppError {
  constructor(reason: string) {
    super(
      "qfpay_unavailable",
      `QFPay did not answer (${reason}): nothing was compared or settled. Try again in a few minutes.`,
    );
  }
}

/** One audit row per run (issue 9): who ran which day, and how it ended. */
async function auditRun(
  options: ReconcileOptions,
  day: string,
  outcome: "ok" | "refused",
  detail: Record<string, string | number>,
): Promise<void> {
  const staff = /^reconcile:staff:(.+)$/.exec(options.actor)?.[1];
  await recordAudit(await getDb(), {
    action: "reconcile_run",
    outcome,
    actor: { username: staff ?? options.actor },
    subject: day,
    detail: { trigger: options.trigger, ...detail },
  }).catch((e: unknown) => console.error("[reconcile] could not audit the run", e));
}

export async function reconcileDay(date: unknown, options: ReconcileOptions): Promise<ReconcileDayResult> {
  const now = options.now ?? new Date();
  const tz = reconcileTimeZone(options.config);
  const day = parseReconcileDate(date, now, tz);
  const config = options.config ?? qfpayConfigFromEnv();
  const id = options.runId ?? (await insertRun(day, options.trigger, now));
  try {
    const report = await reconcile(day, config, tz, options, now);
    await finishRun(id, report);
    await auditRun(options, day, "ok", { differences: report.differences.length });
    return { id, report };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await failRun(id, message).catch((e: unknown) => console.error("[reconcile] could not record the failed run", e));
    await auditRun(options, day, "refused", { error: message.slice(0, 200) });
    throw error;
  }
}

async function reconcile(
  date: string,
  config: QfpayConfig,
  tz: string,
  options: ReconcileOptions,
  now: Date,
): Promise<ReconciliationReport> {
  // QFPay's side: every row whose sysdtm (its settlement cut-off, §3) falls in the merchant day,
  // all pages (§4: page_size ≤ 100, a window inside one month; one day always is).
  const fetched = await queryByTimeRange(config, dayRange(date));
  if (fetched.kind === "unknown") throw new QfpayUnavailable(fetched.reason);
  const dayRows = fetched.rows;

  // The ledger's side: what was sent to QFPay (else written) within the same merchant day.
  const db = await getDb();
  const { from, to } = merchantDayBounds(date, tz);
  const dayPayments = await sentWithin(db, "payments", from, to);
  const dayRefunds = (await sentWithin(db, "refunds", from, to)) as unknown as RefundRow[];

  // A QFPay row of the day for a record sent on another day (23:59:58 sent, 00:00:01 sysdtm) is
  // not "missing in the ledger": look every id the day's list names up in the whole ledger.
  const known = new Set([...dayPayments, ...dayRefunds].map((r) => r.out_trade_no));
  const strangers = [...new Set(dayRows.map((r) => r.outTradeNo))].filter((id) => !known.has(id));
  const otherPayments = await byIds(db, "payments", strangers);
  const otherRefunds = (await byIds(db, "refunds", strangers)) as unknown as RefundRow[];

  // And the other way: a record QFPay's list for the day does not show (its own row: a payment row
  // that is not a companion, or a refund row) may have a sysdtm on another day; only one QFPay
  // still lacks when asked for it by id is missing.
  const ownPaymentRows = new Set(dayRows.filter(isOwnPaymentRow).map((r) => r.outTradeNo));
  const refundRows = new Set(dayRows.filter((r) => r.orderType === "refund").map((r) => r.outTradeNo));
  const unlisted = (rows: PaymentRow[] | RefundRow[], listed: Set<string>) =>
    rows
      .filter((r) => r.sent_at !== null && !listed.has(r.out_trade_no))
      .map((r) => ({ outTradeNo: r.out_trade_no, sentAt: new Date(r.sent_at!) }));
  const targets: EnquiryTarget[] = [
    ...unlisted([...dayPayments, ...otherPayments], ownPaymentRows),
    ...unlisted([...dayRefunds, ...otherRefunds], refundRows),
  ];
  const lookedUp = new Map<string, EnquiryRow[]>();
  if (targets.length > 0) {
    const findings = await queryInBatches(config, targets, now);
    for (const target of targets) {
      const found = findings.get(target.outTradeNo);
      if (!found) throw new QfpayUnavailable(`no answer for ${target.outTradeNo}`);
      if (found.kind === "unknown") throw new QfpayUnavailable(found.reason);
      lookedUp.set(target.outTradeNo, found.rows);
    }
  }

  const inFlightBefore = new Date(now.getTime() - env.PENDING_WINDOW_MS - 60_000).toISOString();
  const input: CompareInput = {
    date,
    timeZone: tz,
    trigger: options.trigger,
    ranAt: now.toISOString(),
    currency: env.POS_CURRENCY,
    dayRows,
    lookedUp,
    payments: [...dayPayments, ...otherPayments].map((row) => toLedgerPayment(row, now, inFlightBefore)),
    refunds: [...dayRefunds, ...otherRefunds].map((row) => toLedgerRefund(row, now, inFlightBefore)),
  };

  // Only now, with every answer in hand, is anything written.
  const settled = new Map<string, SettleOutcome>();
  for (const plan of settlementsToTry(input)) {
    try {
      const change = await withLockedPayment(plan.outTradeNo, async (trx, current) => {
        const after = await applyMatch(trx, current, plan.match, options.actor);
        return current && after && after.status !== current.status ? { from: current.status, to: after.status } : null;
      });
      if (change) settled.set(plan.outTradeNo, change);
    } catch (error) {
      // One payment that cannot be written stays as it was and shows as a difference or open.
      console.error(`[reconcile] could not settle ${plan.outTradeNo}`, error);
    }
  }
  return compareDay({ ...input, settled, ranAt: new Date().toISOString() });
}

type LedgerTable = "payments" | "refunds";

/** Rows sent (else written) in [from, to); both tables share these columns. Timestamps are ISO text on both dialects. */
async function sentWithin(db: Kysely<Database>, table: LedgerTable, from: Date, to: Date): Promise<PaymentRow[]> {
  const t = table as "payments";
  return db
    .selectFrom(t)
    .selectAll()
    .where((eb) =>
      eb.and([
        eb(eb.fn.coalesce("sent_at", "created_at"), ">=", from.toISOString()),
        eb(eb.fn.coalesce("sent_at", "created_at"), "<", to.toISOString()),
      ]),
    )
    .orderBy("created_at")
    .execute();
}

async function byIds(db: Kysely<Database>, table: LedgerTable, ids: readonly string[]): Promise<PaymentRow[]> {
  const t = table as "payments";
  const rows: PaymentRow[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    rows.push(
      ...(await db
        .selectFrom(t)
        .selectAll()
        .where("out_trade_no", "in", ids.slice(i, i + IN_CHUNK))
        .execute()),
    );
  }
  return rows;
}

/** Pending and leased by a resolver, never sent yet, or sent within the resolver's window: the resolver's. */
function inFlight(
  row: { status: string; sent_at: string | null; lease_until: string | null },
  now: Date,
  inFlightBefore: string,
): boolean {
  if (row.status !== "pending") return false;
  if (row.lease_until !== null && row.lease_until > now.toISOString()) return true;
  return row.sent_at === null || row.sent_at > inFlightBefore;
}

function toLedgerPayment(row: PaymentRow, now: Date, inFlightBefore: string): LedgerPayment {
  return {
    outTradeNo: row.out_trade_no,
    status: row.status,
    amount: Number(row.amount),
    currency: row.currency,
    wallet: row.wallet,
    syssn: row.syssn,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    inFlight: inFlight(row, now, inFlightBefore),
  };
}

function toLedgerRefund(row: RefundRow, now: Date, inFlightBefore: string): LedgerRefund {
  return {
    outTradeNo: row.out_trade_no,
    paymentOutTradeNo: row.payment_out_trade_no,
    status: row.status,
    amount: Number(row.amount),
    currency: row.currency,
    syssn: row.syssn,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    inFlight: inFlight(row, now, inFlightBefore),
  };
}
