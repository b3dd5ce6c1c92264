/**
 * What QFPay's record of a payment proves, as a ledger change (issue 8). One rule set for the
 * resolver, notifications and the day's reconciliation:
 * - 0000 with cancel 0 (amount and currency ours): paid. A payment the cashier was told failed or
 *   was cancelled goes to a manager ("charged after we told the cashier it failed"), never stays
 *   failed/cancelled while QFPay holds it charged.
 * - cancel ≠ 0: reversed/closed (docs/qfpay.md §4 "Key pitfall"): cancelled, unless it was partly
 *   refunded outside ScanTill (cancel 5), which a person must look at.
 * - the row's own failure code: failed. A row still processing proves nothing.
 * - amount or currency not ours: never paid; a person looks (`mismatch`).
 * - no row: proves nothing; the caller decides what to do (never "nothing charged" on its own).
 */
import "server-only";
import type { Transaction } from "kysely";
import type { Database, PaymentRow, PaymentRowUpdate } from "@/lib/db/schema";
import type { EnquiryRow } from "@/lib/qfpay/enquiry";
import type { PaymentRowMatch } from "@/lib/qfpay/match";
import { endedUnpaid, isChargedAfterFailure, isOpen } from "@/lib/contract/payment-status";
import { nowIso, withLockedPayment, writePaymentChange, type PaymentChange } from "./ledger-writes";

/** What QFPay said about a payment, in an enquiry row or the `/payment` answer (same names on both). */
type QfpayFacts = Pick<
  EnquiryRow,
  "syssn" | "respcd" | "message" | "chnlsn" | "sysdtm" | "paydtm" | "cardcd" | "payType"
>;

/** What QFPay told us about the payment, kept whatever the status (the wallet reference matters in a dispute). */
export function fieldsFromRow(
  row: QfpayFacts,
  current: PaymentRow,
): Omit<PaymentRowUpdate, "status" | "out_trade_no" | "updated_at"> {
  return {
    syssn: row.syssn ?? current.syssn,
    respcd: row.respcd ?? current.respcd,
    message: row.message ?? current.message,
    chnlsn: row.chnlsn ?? current.chnlsn,
    sysdtm: row.sysdtm ?? current.sysdtm,
    paydtm: row.paydtm ?? current.paydtm,
    cardcd: row.cardcd ?? current.cardcd,
    qfpay_pay_type: row.payType ?? current.qfpay_pay_type,
  };
}

/** Fields that close the resolver's schedule when a payment reaches a state QFPay proved. */
const CLOSED_SCHEDULE = { next_check_at: null, resolve_phase: null, tentative_failure_kind: null } as const;

/**
 * A payment closed as failed or cancelled on QFPay's row keeps being asked about for 24 hours
 * (the resolver's late checks, from now): a customer can still complete it in the wallet app
 * (QFPay's FAQ Q4, docs/qfpay.md §9), and a notification may never come.
 */
const lateChecksFromNow = () => {
  const now = nowIso();
  return { next_check_at: now, attention_at: now };
};

/**
 * The change QFPay's record proves for `current`, or null when it proves nothing new. Pure: the
 * caller writes it (under the row lock) with `writePaymentChange`.
 */
export function changeFromMatch(current: PaymentRow, match: PaymentRowMatch, actor: string): PaymentChange | null {
  if (match.kind === "missing") return null;
  const fields = fieldsFromRow(match.row, current);
  // Open to QFPay's word: pending, and a manager's case about an unconfirmed outcome or an amount
  // (a failed or reversed row settles those: no money was kept). Not "charged after failure": that
  // is the manager's decision to make.
  const openToQfpay = isOpen(current.status) && !isChargedAfterFailure(current.status, current.attention_kind);

  if (match.kind === "mismatch") {
    if (!openToQfpay && !endedUnpaid(current.status)) return null;
    return attention(
      current,
      "mismatch",
      `QFPay's record does not match ours: ${match.reason}`,
      fields,
      actor,
      match.row.respcd,
    );
  }

  const row = match.row;
  if (row.outcome.status === "paid") {
    if (endedUnpaid(current.status)) {
      return attention(
        current,
        "charged_after_failure",
        `charged after we told the cashier it ${current.status === "failed" ? "failed" : "was cancelled"}: QFPay reports it paid`,
        fields,
        actor,
        row.respcd,
      );
    }
    if (!isOpen(current.status)) return sameFields(current, fields) ? null : { fields, actor };
    if (isChargedAfterFailure(current.status, current.attention_kind)) return null;
    return {
      to: "paid",
      fields: { ...fields, ...CLOSED_SCHEDULE, failure_kind: null, attention_kind: null },
      actor,
      respcd: row.respcd,
      note: current.cancel_requested_at
        ? "paid after all: the customer completed the payment during the cancel"
        : current.status === "needs_attention"
          ? "QFPay reports it paid"
          : null,
    };
  }
  if (!openToQfpay) return null;
  if (row.reversedOrRefunded) {
    if (row.cancel === "5")
      return attention(
        current,
        "unsettled",
        "QFPay shows it paid and partly refunded outside ScanTill",
        fields,
        actor,
        row.respcd,
      );
    return {
      to: "cancelled",
      fields: { ...fields, ...CLOSED_SCHEDULE, ...lateChecksFromNow(), attention_kind: null },
      actor,
      respcd: row.respcd,
      note: `QFPay reports the payment reversed or closed (cancel ${row.cancel})`,
    };
  }
  if (row.outcome.status === "failed") {
    return {
      to: "failed",
      fields: {
        ...fields,
        ...CLOSED_SCHEDULE,
        ...lateChecksFromNow(),
        failure_kind: row.outcome.failureKind,
        attention_kind: null,
      },
      actor,
      respcd: row.respcd,
      note: `QFPay's record shows it failed (${row.respcd ?? "?"})`,
    };
  }
  return sameFields(current, fields) ? null : { fields, actor };
}

/** To a manager with `kind`; null when it is there for that reason already (nothing new to write). */
function attention(
  current: PaymentRow,
  kind: "unsettled" | "charged_after_failure" | "mismatch",
  reason: string,
  fields: PaymentChange["fields"],
  actor: string,
  respcd: string | null,
): PaymentChange | null {
  if (current.status === "needs_attention" && current.attention_kind === kind) {
    // Same case, maybe a new reason (e.g. now "partly refunded outside ScanTill"): the manager sees the latest.
    return current.attention_reason === reason
      ? null
      : { fields: { ...fields, attention_reason: reason }, actor, respcd, note: reason };
  }
  return {
    to: "needs_attention",
    fields: {
      ...fields,
      ...CLOSED_SCHEDULE,
      attention_kind: kind,
      attention_reason: reason,
      attention_at: current.attention_at && current.status === "needs_attention" ? current.attention_at : nowIso(),
      next_check_at: kind === "charged_after_failure" ? null : nowIso(),
    },
    actor,
    respcd,
    note: reason,
  };
}

function sameFields(current: PaymentRow, fields: NonNullable<PaymentChange["fields"]>): boolean {
  return Object.entries(fields).every(([k, v]) => (current as Record<string, unknown>)[k] === v);
}

/** Applies what QFPay's record proves to a payment, locked, in one transaction. Returns the row after. */
export async function settleFromQfpay(
  outTradeNo: string,
  match: PaymentRowMatch,
  actor: string,
): Promise<PaymentRow | undefined> {
  return withLockedPayment(outTradeNo, (trx, current) => applyMatch(trx, current, match, actor));
}

export async function applyMatch(
  trx: Transaction<Database>,
  current: PaymentRow | undefined,
  match: PaymentRowMatch,
  actor: string,
): Promise<PaymentRow | undefined> {
  if (!current) return current;
  const change = changeFromMatch(current, match, actor);
  return change ? writePaymentChange(trx, current, change) : current;
}
