/**
 * The day's reconciliation with QFPay as the API, the CLI and the Reconcile screen see it (issue 8):
 * `GET /api/reconciliation?date=YYYY-MM-DD` runs a day now, `GET /api/reconciliation/latest` is the
 * last stored run. The date is checked by lib/reconcile/dates.ts (the merchant's calendar and
 * clock); docs/reconciliation.md says what each part means.
 */
import * as z from "zod/mini";
import { PAYMENT_STATUSES, REFUND_STATUSES, WALLET_GUESSES } from "./payments";

/** Who started a run: the daily schedule, a manager through the API/screen, or `npm run reconcile`. */
export const RECONCILE_TRIGGERS = ["auto", "manual", "cli"] as const;
export type ReconcileTrigger = (typeof RECONCILE_TRIGGERS)[number];

/**
 * - `missing_in_ledger`: QFPay holds a payment or refund ScanTill has no record of.
 * - `missing_at_qfpay`: ScanTill holds a payment as paid (or a refund as done) that QFPay does not have.
 * - `status_differs`: both have it, and they disagree on what happened.
 * - `amount_differs`: both have it under the same out_trade_no, for a different amount or currency.
 */
export const DIFFERENCE_KINDS = ["missing_in_ledger", "missing_at_qfpay", "status_differs", "amount_differs"] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/**
 * QFPay's record in one word (docs/qfpay.md §4 `respcd` + `cancel`):
 * payment rows: `paid` (0000, cancel 0), `refunded` (0000, cancel 3), `partially_refunded` (0000,
 * cancel 5), `reversed` (0000, cancel 1/2/4: reversed, closed or refunded — the docs disagree on
 * which, §4 CONFLICT — money went back), `cancelled` (a failure code with cancel ≠ 0: closed before
 * it was paid), `failed`, `pending` (1143/1145, an unknown code, or 0000 without `cancel`);
 * refund rows: `succeeded`, `failed`, `pending`.
 */
const qfpayRecordStatus = z.enum([
  "paid",
  "refunded",
  "partially_refunded",
  "reversed",
  "cancelled",
  "failed",
  "pending",
  "succeeded",
]);
export type QfpayRecordStatus = z.infer<typeof qfpayRecordStatus>;

const record = z.enum(["payment", "refund"]);
const ledgerStatus = z.union([z.enum(PAYMENT_STATUSES), z.enum(REFUND_STATUSES)]);

/** ScanTill's side of a difference. */
const ledgerSide = z.object({
  status: ledgerStatus,
  /** Minor units. */
  amount: z.number(),
  currency: z.string(),
  /** When it was sent to QFPay (else written), ISO-8601 UTC. */
  time: z.nullable(z.string()),
});
export type LedgerSide = z.infer<typeof ledgerSide>;

/** QFPay's side of a difference. */
const qfpaySide = z.object({
  status: qfpayRecordStatus,
  respcd: z.nullable(z.string()),
  /** `cancel` as QFPay sent it ("" when absent). */
  cancel: z.string(),
  /** Minor units, or null when QFPay's row had no readable `txamt`. */
  amount: z.nullable(z.number()),
  currency: z.nullable(z.string()),
  /** QFPay's `sysdtm` (merchant time) as an ISO-8601 UTC instant. */
  time: z.nullable(z.string()),
  /** The pay_type QFPay reports. */
  payType: z.nullable(z.string()),
});
export type QfpaySide = z.infer<typeof qfpaySide>;

const reconcileDifference = z.object({
  kind: z.enum(DIFFERENCE_KINDS),
  /** A payment or a refund (refunds have their own out_trade_no, docs/qfpay.md §5). */
  record,
  outTradeNo: z.string(),
  /** The payment to open for this difference (a refund's payment), or null when ScanTill has none. */
  paymentOutTradeNo: z.nullable(z.string()),
  /** QFPay's syssn, else the ledger's. */
  syssn: z.nullable(z.string()),
  ledger: z.nullable(ledgerSide),
  qfpay: z.nullable(qfpaySide),
  /** This run put the payment on the manager's attention list (charged after we said failed, or amounts differ). */
  flagged: z.boolean(),
});
export type ReconcileDifference = z.infer<typeof reconcileDifference>;

/** A payment this run moved to what QFPay's record proves (audited, through the transition table). */
const settledPayment = z.object({
  outTradeNo: z.string(),
  from: z.enum(PAYMENT_STATUSES),
  to: z.enum(PAYMENT_STATUSES),
  amount: z.number(),
  currency: z.string(),
});
export type SettledPayment = z.infer<typeof settledPayment>;

/** A payment or refund still open in the ledger that QFPay's record does not settle yet. */
const openRecord = z.object({
  record,
  outTradeNo: z.string(),
  paymentOutTradeNo: z.string(),
  status: ledgerStatus,
  amount: z.number(),
  currency: z.string(),
  /** What QFPay shows, or null when it has no row for it. */
  qfpayStatus: z.nullable(qfpayRecordStatus),
});
export type OpenRecord = z.infer<typeof openRecord>;

const walletTotals = z.object({ count: z.number(), amount: z.number() });

const matchedTotals = z.object({
  /** Charged payments on which the ledger and QFPay agree (paid, refunded or partly refunded). */
  count: z.number(),
  /** Their amounts (what the customers paid, before refunds), minor units. */
  amount: z.number(),
  /** The currency of `amount`, or null when the matched payments were in more than one. */
  currency: z.nullable(z.string()),
  byWallet: z.partialRecord(z.enum(WALLET_GUESSES), walletTotals),
  /** Refunds on which both agree that the money went back. */
  refunds: z.object({ count: z.number(), amount: z.number() }),
  /** Payments both agree were never charged (failed, cancelled). */
  notCharged: z.number(),
});
export type MatchedTotals = z.infer<typeof matchedTotals>;

const reconciliationReport = z.object({
  /** The merchant's business day, `YYYY-MM-DD`. */
  date: z.string(),
  timeZone: z.string(),
  trigger: z.enum(RECONCILE_TRIGGERS),
  /** No differences (open records are not differences: QFPay has not decided them yet). */
  clean: z.boolean(),
  matched: matchedTotals,
  differences: z.array(reconcileDifference),
  settled: z.array(settledPayment),
  open: z.array(openRecord),
  /** How many records each side had for the day. */
  counts: z.object({ qfpay: z.number(), ledger: z.number() }),
  /** When the run finished, ISO-8601 UTC. */
  ranAt: z.string(),
});
export type ReconciliationReport = z.infer<typeof reconciliationReport>;

/** JSON of `GET /api/reconciliation?date=…`: the report and the id it is stored under. */
export const reconciliationResponse = z.extend(reconciliationReport, { id: z.number() });
export type ReconciliationResponse = z.infer<typeof reconciliationResponse>;

export const STORED_RUN_STATUSES = ["running", "done", "error"] as const;
export type StoredRunStatus = (typeof STORED_RUN_STATUSES)[number];

/** One stored run (`GET /api/reconciliation/latest`). */
const storedReconciliation = z.object({
  id: z.number(),
  date: z.string(),
  trigger: z.enum(RECONCILE_TRIGGERS),
  status: z.enum(STORED_RUN_STATUSES),
  startedAt: z.string(),
  finishedAt: z.nullable(z.string()),
  differenceCount: z.nullable(z.number()),
  /** Why the run could not finish (QFPay did not answer…), in English. */
  error: z.nullable(z.string()),
  report: z.nullable(reconciliationReport),
});
export type StoredReconciliation = z.infer<typeof storedReconciliation>;

/** JSON of `GET /api/reconciliation/latest`. */
export const latestReconciliationResponse = z.object({
  run: z.nullable(storedReconciliation),
  /** When the daily run happens (merchant time "HH:MM", or "off"), and in which zone. */
  schedule: z.object({ at: z.string(), timeZone: z.string() }),
});
export type LatestReconciliationResponse = z.infer<typeof latestReconciliationResponse>;
