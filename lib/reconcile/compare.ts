/**
 * The day's comparison of the ledger with QFPay's records (issue 8 "Reconciliation"). PURE: ledger
 * rows and QFPay rows in, a report out; no database, no network, no clock. `reconcile-day.ts`
 * fetches, settles and stores around it.
 *
 * The rules (docs/qfpay.md §4 for `respcd`/`cancel`, §12 "reconcile all rows"):
 * - Rows are matched, not trusted: a payment's row is found with `matchPaymentRow` (syssn when
 *   known, companion and refund rows skipped, amount and currency compared); a refund's with
 *   `matchRefundRow`.
 * - ledger `paid` ↔ a row 0000 with cancel 0; `refunded`/`partially_refunded` ↔ 0000 with cancel
 *   ≠ 0; `failed`/`cancelled` ↔ a failed row, cancel ≠ 0, or no row at all (absence is no charge).
 * - `pending`/`needs_attention` are settled from QFPay's row by `settleFromQfpay` (the caller does
 *   it; `settlementsToTry` says which), and are a difference only when they could not be settled
 *   and QFPay shows the customer charged.
 * - A row QFPay has that names no ledger record is `missing_in_ledger`; the caller has already
 *   looked its out_trade_no up in the whole ledger, not only the day's.
 * - A ledger record absent from the day's rows was asked for singly (its `sysdtm` may fall on the
 *   next day); only a record QFPay still lacks is `missing_at_qfpay`.
 */
import type { EnquiryRow } from "@/lib/qfpay/enquiry";
import { isOwnPaymentRow, matchPaymentRow, matchRefundRow, type PaymentRowMatch } from "@/lib/qfpay/match";
import { parseMerchantDateTime } from "@/lib/qfpay/time";
import type { PaymentStatus, RefundStatus, WalletGuess } from "@/lib/contract/payments";
import { endedUnpaid, holdsMoney } from "@/lib/contract/payment-status";
import type {
  DifferenceKind,
  MatchedTotals,
  OpenRecord,
  QfpayRecordStatus,
  QfpaySide,
  ReconcileDifference,
  ReconcileTrigger,
  ReconciliationReport,
  SettledPayment,
} from "@/lib/contract/reconcile";

/** A ledger payment as the comparison needs it. */
export type LedgerPayment = {
  outTradeNo: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  /** Guessed from the scanned code; QFPay's resolved pay_type wins when it has one. */
  wallet: WalletGuess;
  syssn: string | null;
  sentAt: string | null;
  createdAt: string;
  /**
   * Pending and being worked by the resolver right now (leased, or sent moments ago): the resolver
   * settles it; the reconciliation neither settles it nor calls it a difference.
   */
  inFlight: boolean;
};

export type LedgerRefund = {
  outTradeNo: string;
  paymentOutTradeNo: string;
  status: RefundStatus;
  amount: number;
  currency: string;
  syssn: string | null;
  sentAt: string | null;
  createdAt: string;
  inFlight: boolean;
};

export type SettleOutcome = { from: PaymentStatus; to: PaymentStatus };

export type CompareInput = {
  date: string;
  timeZone: string;
  trigger: ReconcileTrigger;
  ranAt: string;
  /** The till's currency (POS_CURRENCY): the matched totals' currency when nothing matched. */
  currency: string;
  /** QFPay's rows with `sysdtm` inside the day (`queryByTimeRange`). */
  dayRows: readonly EnquiryRow[];
  /** Rows QFPay returned when asked for one ledger id at a time (`queryInBatches`), by out_trade_no. */
  lookedUp: ReadonlyMap<string, readonly EnquiryRow[]>;
  /** The ledger payments sent within the day, plus any other payment a day row names. */
  payments: readonly LedgerPayment[];
  /** The ledger refunds sent within the day, plus any other refund a day row names. */
  refunds: readonly LedgerRefund[];
  /** What this run's `settleFromQfpay` calls changed, by out_trade_no. */
  settled?: ReadonlyMap<string, SettleOutcome>;
};

type SettlementPlan = { outTradeNo: string; before: PaymentStatus; match: PaymentRowMatch };

/** QFPay's record in one word (see `QfpayRecordStatus`). */
export function qfpayStatusOf(row: EnquiryRow): QfpayRecordStatus {
  if (row.orderType === "refund") return row.refundOutcome?.status ?? "pending";
  if (row.respcd === "0000") {
    // §4 "Key pitfall": an undone payment keeps 0000; only `cancel` tells.
    if (row.cancel === "0") return "paid";
    if (row.cancel === "3") return "refunded";
    if (row.cancel === "5") return "partially_refunded";
    if (row.cancel === "") return "pending";
    return "reversed";
  }
  // A failure code with cancel ≠ 0: closed or reversed before the customer paid.
  if (row.reversedOrRefunded) return "cancelled";
  return row.outcome.status === "failed" ? "failed" : "pending";
}

/** The wallet a QFPay pay_type names (docs/qfpay.md §3); 800008 (QFPay routes) names none. */
function walletOfPayType(payType: string | null): WalletGuess | null {
  switch (payType) {
    case "800108":
      return "alipay";
    case "800208":
    case "801008":
      return "wechat";
    case "805808":
      return "payme";
    case "800708":
      return "unionpay";
    default:
      return null;
  }
}

function qfpaySide(row: EnquiryRow, timeZone: string): QfpaySide {
  return {
    status: qfpayStatusOf(row),
    respcd: row.respcd,
    cancel: row.cancel,
    amount: row.amount,
    currency: row.currency,
    time: row.sysdtm ? (parseMerchantDateTime(row.sysdtm, timeZone)?.toISOString() ?? null) : null,
    payType: row.payType,
  };
}

function rowsFor(input: CompareInput, outTradeNo: string): EnquiryRow[] {
  return [...input.dayRows.filter((r) => r.outTradeNo === outTradeNo), ...(input.lookedUp.get(outTradeNo) ?? [])];
}

function paymentMatch(input: CompareInput, p: LedgerPayment): PaymentRowMatch {
  return matchPaymentRow(rowsFor(input, p.outTradeNo), {
    outTradeNo: p.outTradeNo,
    syssn: p.syssn,
    amount: p.amount,
    currency: p.currency,
  });
}

/**
 * The payments whose QFPay row may settle them, for the caller to pass to `settleFromQfpay`:
 * open ones with a row (pending ones only when the resolver is not on them), and failed/cancelled
 * ones that QFPay shows charged (they go to a manager: "charged after we told the cashier it failed").
 */
export function settlementsToTry(input: CompareInput): SettlementPlan[] {
  const plans: SettlementPlan[] = [];
  for (const p of input.payments) {
    const match = paymentMatch(input, p);
    if (match.kind === "missing") continue;
    const charged = holdsMoney(qfpayStatusOf(match.row));
    const open = p.status === "needs_attention" || (p.status === "pending" && !p.inFlight);
    const chargedAfterFailure = endedUnpaid(p.status) && charged;
    if (open || chargedAfterFailure) plans.push({ outTradeNo: p.outTradeNo, before: p.status, match });
  }
  return plans;
}

type Tally = { matched: MatchedTotals; currencies: Set<string> };

function countCharged(tally: Tally, p: LedgerPayment, row: EnquiryRow | null): void {
  const m = tally.matched;
  m.count += 1;
  m.amount += p.amount;
  tally.currencies.add(p.currency);
  const wallet = walletOfPayType(row?.payType ?? null) ?? p.wallet;
  const totals = (m.byWallet[wallet] ??= { count: 0, amount: 0 });
  totals.count += 1;
  totals.amount += p.amount;
}

/** Ledger refunded vs QFPay's cancel flag: "refunded" with 5, or "partially_refunded" with 3, disagree. */
function refundFlagAgrees(ledger: PaymentStatus, qfpay: QfpayRecordStatus): boolean {
  if (qfpay === "reversed") return true; // cancel 1/2: "reversed or refunded" (§4 CONFLICT), money went back
  if (ledger === "refunded") return qfpay === "refunded";
  return qfpay === "partially_refunded";
}

export function compareDay(input: CompareInput): ReconciliationReport {
  const tz = input.timeZone;
  const differences: ReconcileDifference[] = [];
  const settled: SettledPayment[] = [];
  const open: OpenRecord[] = [];
  const tally: Tally = {
    matched: { count: 0, amount: 0, currency: null, byWallet: {}, refunds: { count: 0, amount: 0 }, notCharged: 0 },
    currencies: new Set(),
  };
  const consumed = new Set<EnquiryRow>();

  const paymentDiff = (
    kind: DifferenceKind,
    p: LedgerPayment,
    row: EnquiryRow | null,
    flagged = false,
    status: PaymentStatus = p.status,
  ) =>
    differences.push({
      kind,
      record: "payment",
      outTradeNo: p.outTradeNo,
      paymentOutTradeNo: p.outTradeNo,
      syssn: row?.syssn ?? p.syssn,
      ledger: { status, amount: p.amount, currency: p.currency, time: p.sentAt ?? p.createdAt },
      qfpay: row ? qfpaySide(row, tz) : null,
      flagged,
    });

  for (const p of input.payments) {
    const match = paymentMatch(input, p);
    const row = match.kind === "missing" ? null : match.row;
    if (row) consumed.add(row);
    const q = row ? qfpayStatusOf(row) : null;
    const amountDiffers = match.kind === "mismatch";
    const change = input.settled?.get(p.outTradeNo);
    if (change)
      settled.push({
        outTradeNo: p.outTradeNo,
        from: change.from,
        to: change.to,
        amount: p.amount,
        currency: p.currency,
      });

    switch (p.status) {
      case "paid":
        if (!row) paymentDiff("missing_at_qfpay", p, null);
        else if (amountDiffers) paymentDiff("amount_differs", p, row);
        else if (q === "paid") countCharged(tally, p, row);
        else paymentDiff("status_differs", p, row);
        break;

      case "refunded":
      case "partially_refunded":
        if (!row) paymentDiff("missing_at_qfpay", p, null);
        else if (amountDiffers) paymentDiff("amount_differs", p, row);
        else if (row.respcd === "0000" && q !== null && refundFlagAgrees(p.status, q)) countCharged(tally, p, row);
        else paymentDiff("status_differs", p, row);
        break;

      case "failed":
      case "cancelled": {
        // Absent, failed, closed or reversed at QFPay: nothing kept either side.
        const flagged = change?.to === "needs_attention";
        if (row && amountDiffers) paymentDiff("amount_differs", p, row, flagged);
        else if (row && q !== null && (holdsMoney(q) || q === "refunded" || q === "pending"))
          paymentDiff("status_differs", p, row, flagged);
        else tally.matched.notCharged += 1;
        break;
      }

      case "pending":
      case "needs_attention": {
        if (change) {
          if (change.to === "paid") countCharged(tally, p, row);
          else if (endedUnpaid(change.to)) tally.matched.notCharged += 1;
          else
            paymentDiff(
              amountDiffers ? "amount_differs" : "status_differs",
              p,
              row,
              change.to === "needs_attention",
              p.status,
            );
          break;
        }
        const chargedThere = q !== null && holdsMoney(q);
        if (!p.inFlight && row && chargedThere)
          paymentDiff(amountDiffers ? "amount_differs" : "status_differs", p, row);
        else
          open.push({
            record: "payment",
            outTradeNo: p.outTradeNo,
            paymentOutTradeNo: p.outTradeNo,
            status: p.status,
            amount: p.amount,
            currency: p.currency,
            qfpayStatus: q,
          });
        break;
      }
    }
  }

  for (const r of input.refunds) {
    const row = matchRefundRow(rowsFor(input, r.outTradeNo), r) ?? null;
    if (row) consumed.add(row);
    const q = row ? qfpayStatusOf(row) : null;
    const amountDiffers =
      row !== null &&
      ((row.amount !== null && row.amount !== r.amount) || (row.currency !== null && row.currency !== r.currency));
    const diff = (kind: DifferenceKind) =>
      differences.push({
        kind,
        record: "refund",
        outTradeNo: r.outTradeNo,
        paymentOutTradeNo: r.paymentOutTradeNo,
        syssn: row?.syssn ?? r.syssn,
        ledger: { status: r.status, amount: r.amount, currency: r.currency, time: r.sentAt ?? r.createdAt },
        qfpay: row ? qfpaySide(row, tz) : null,
        flagged: false,
      });
    switch (r.status) {
      case "succeeded":
        if (!row) diff("missing_at_qfpay");
        else if (amountDiffers) diff("amount_differs");
        else if (q === "succeeded") {
          tally.matched.refunds.count += 1;
          tally.matched.refunds.amount += r.amount;
        } else diff("status_differs");
        break;
      case "failed":
        if (row && amountDiffers) diff("amount_differs");
        else if (q === "succeeded" || q === "pending") diff("status_differs");
        break;
      case "pending":
      case "needs_attention":
        // The resolver settles refunds; the money went back while the ledger is unsure: say so.
        if (!r.inFlight && q === "succeeded") diff(amountDiffers ? "amount_differs" : "status_differs");
        else
          open.push({
            record: "refund",
            outTradeNo: r.outTradeNo,
            paymentOutTradeNo: r.paymentOutTradeNo,
            status: r.status,
            amount: r.amount,
            currency: r.currency,
            qfpayStatus: q,
          });
        break;
    }
  }

  const paymentIds = new Map(input.payments.map((p) => [p.outTradeNo, p]));
  const refundIds = new Map(input.refunds.map((r) => [r.outTradeNo, r]));
  const paymentBySyssn = new Map(input.payments.filter((p) => p.syssn).map((p) => [p.syssn!, p]));
  for (const row of input.dayRows) {
    if (consumed.has(row)) continue;
    const q = qfpayStatusOf(row);
    const knownPayment = paymentIds.get(row.outTradeNo);
    const knownRefund = refundIds.get(row.outTradeNo);
    if (knownPayment || knownRefund) {
      // A second record under one of our numbers. Companion rows (origssn set) and repeats of a
      // refund are QFPay's bookkeeping; a second charge is money we cannot account for.
      if (!(isOwnPaymentRow(row) && holdsMoney(q))) continue;
    }
    const parent =
      knownPayment?.outTradeNo ??
      knownRefund?.paymentOutTradeNo ??
      (row.originalSyssn ? paymentBySyssn.get(row.originalSyssn)?.outTradeNo : undefined) ??
      null;
    differences.push({
      kind: "missing_in_ledger",
      record: row.orderType === "refund" ? "refund" : "payment",
      outTradeNo: row.outTradeNo,
      paymentOutTradeNo: parent,
      syssn: row.syssn,
      ledger: null,
      qfpay: qfpaySide(row, tz),
      flagged: false,
    });
  }

  const currencies = [...tally.currencies];
  tally.matched.currency = currencies.length === 0 ? input.currency : currencies.length === 1 ? currencies[0]! : null;
  return {
    date: input.date,
    timeZone: tz,
    trigger: input.trigger,
    clean: differences.length === 0,
    matched: tally.matched,
    differences,
    settled,
    open,
    counts: { qfpay: input.dayRows.length, ledger: input.payments.length + input.refunds.length },
    ranAt: input.ranAt,
  };
}
