/**
 * The day's reconciliation with QFPay as the API, the CLI and the Reconcile screen see it (issue
 * 8). Pure types and constants: safe for client components (`import type`), the route handlers
 * and the CLI alike.
 */
import type { PaymentStatus, RefundStatus, WalletGuess } from "@/lib/contract/payments";

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
export type QfpayRecordStatus =
  "paid" | "refunded" | "partially_refunded" | "reversed" | "cancelled" | "failed" | "pending" | "succeeded";

/** ScanTill's side of a difference. */
export type LedgerSide = {
  status: PaymentStatus | RefundStatus;
  /** Minor units. */
  amount: number;
  currency: string;
  /** When it was sent to QFPay (else written), ISO-8601 UTC. */
  time: string | null;
};

/** QFPay's side of a difference. */
export type QfpaySide = {
  status: QfpayRecordStatus;
  respcd: string | null;
  /** `cancel` as QFPay sent it ("" when absent). */
  cancel: string;
  /** Minor units, or null when QFPay's row had no readable `txamt`. */
  amount: number | null;
  currency: string | null;
  /** QFPay's `sysdtm` (merchant time) as an ISO-8601 UTC instant. */
  time: string | null;
  /** The pay_type QFPay reports. */
  payType: string | null;
};

export type ReconcileDifference = {
  kind: DifferenceKind;
  /** A payment or a refund (refunds have their own out_trade_no, docs/qfpay.md §5). */
  record: "payment" | "refund";
  outTradeNo: string;
  /** The payment to open for this difference (a refund's payment), or null when ScanTill has none. */
  paymentOutTradeNo: string | null;
  /** QFPay's syssn, else the ledger's. */
  syssn: string | null;
  ledger: LedgerSide | null;
  qfpay: QfpaySide | null;
  /** This run put the payment on the manager's attention list (charged after we said failed, or amounts differ). */
  flagged: boolean;
};

/** A payment this run moved to what QFPay's record proves (audited, through the transition table). */
export type SettledPayment = {
  outTradeNo: string;
  from: PaymentStatus;
  to: PaymentStatus;
  amount: number;
  currency: string;
};

/** A payment or refund still open in the ledger that QFPay's record does not settle yet. */
export type OpenRecord = {
  record: "payment" | "refund";
  outTradeNo: string;
  paymentOutTradeNo: string;
  status: PaymentStatus | RefundStatus;
  amount: number;
  currency: string;
  /** What QFPay shows, or null when it has no row for it. */
  qfpayStatus: QfpayRecordStatus | null;
};

export type WalletTotals = { count: number; amount: number };

export type MatchedTotals = {
  /** Charged payments on which the ledger and QFPay agree (paid, refunded or partly refunded). */
  count: number;
  /** Their amounts (what the customers paid, before refunds), minor units. */
  amount: number;
  /** The currency of `amount`, or null when the matched payments were in more than one. */
  currency: string | null;
  byWallet: Partial<Record<WalletGuess, WalletTotals>>;
  /** Refunds on which both agree that the money went back. */
  refunds: { count: number; amount: number };
  /** Payments both agree were never charged (failed, cancelled). */
  notCharged: number;
};

export type ReconciliationReport = {
  /** The merchant's business day, `YYYY-MM-DD`. */
  date: string;
  timeZone: string;
  trigger: ReconcileTrigger;
  /** No differences (open records are not differences: QFPay has not decided them yet). */
  clean: boolean;
  matched: MatchedTotals;
  differences: ReconcileDifference[];
  settled: SettledPayment[];
  open: OpenRecord[];
  /** How many records each side had for the day. */
  counts: { qfpay: number; ledger: number };
  /** When the run finished, ISO-8601 UTC. */
  ranAt: string;
};

/** JSON of `GET /api/reconciliation?date=…`: the report and the id it is stored under. */
export type ReconciliationResponse = ReconciliationReport & { id: number };

export type StoredRunStatus = "running" | "done" | "error";

/** One stored run (`GET /api/reconciliation/latest`). */
export type StoredReconciliation = {
  id: number;
  date: string;
  trigger: ReconcileTrigger;
  status: StoredRunStatus;
  startedAt: string;
  finishedAt: string | null;
  differenceCount: number | null;
  /** Why the run could not finish (QFPay did not answer…), in English. */
  error: string | null;
  report: ReconciliationReport | null;
};

/** JSON of `GET /api/reconciliation/latest`. */
export type LatestReconciliationResponse = {
  run: StoredReconciliation | null;
  /** When the daily run happens (merchant time "HH:MM", or "off"), and in which zone. */
  schedule: { at: string; timeZone: string };
};
