/**
 * A manager's decision on a payment the cashier was told failed (or was cancelled) and QFPay later
 * reported charged (`needs_attention`, attentionKind `charged_after_failure`, issue 8): refund the
 * customer, or keep the money because the customer got the goods. Both are audited as
 * needs_attention → paid with the decision as the note, so a repeated tap finds the decision
 * already made and changes nothing. A refund goes through `createRefund` like any other, with a
 * refund number derived from the payment's: a second tap can never send a second refund.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import { hasRole, type StaffUser } from "@/lib/auth/roles";
import type { Database, PaymentRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createRefund } from "./create-refund";
import { withLockedPayment, writePaymentChange } from "./ledger-writes";
import { getPayment } from "./get-payment";
import { loadPaymentView } from "./load-payment-views";
import type { AttentionAction, AttentionAnswer } from "@/lib/contract/attention";
import type { PaymentView, RefundView } from "@/lib/contract/payments";
import { isChargedAfterFailure } from "@/lib/contract/payment-status";

/** The audit notes of the two decisions (payment_events.note): also how a repeat is recognised. */
export const KEPT_NOTE = "customer got the goods — kept";
export const REFUND_CHOSEN_NOTE = "manager chose to refund";

/**
 * The refund number for "refund the customer" of one payment: always the same, so a repeat (a
 * double tap, a retry after a lost answer, a second manager) replays that refund instead of
 * making another. QFPay takes out_trade_no up to 128 characters (docs/qfpay.md §3); a long payment
 * number is hashed so the refund's stays within our own 64.
 */
export function attentionRefundNo(paymentOutTradeNo: string): string {
  const readable = `${paymentOutTradeNo}-RF`;
  if (readable.length <= 64) return readable;
  return `RF${createHash("sha256").update(paymentOutTradeNo).digest("hex").slice(0, 40).toUpperCase()}`;
}

function assertManager(staff: StaffUser): void {
  if (!hasRole(staff.role, "manager"))
    throw new AppError("attention_managers_only", "only a manager or owner can decide what happens to this payment");
}

/** The decision already taken on this payment, if any (the latest, from its audit trail). */
async function decisionTaken(trx: Transaction<Database>, outTradeNo: string): Promise<AttentionAction | null> {
  const event = await trx
    .selectFrom("payment_events")
    .select("note")
    .where("out_trade_no", "=", outTradeNo)
    .where("from_status", "=", "needs_attention")
    .where("to_status", "=", "paid")
    .where("note", "in", [KEPT_NOTE, REFUND_CHOSEN_NOTE])
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!event) return null;
  return event.note === KEPT_NOTE ? "keep" : "refund";
}

function notThisDecision(row: PaymentRow, taken: AttentionAction | null): AppError {
  if (taken === "keep")
    return new AppError(
      "attention_already_kept",
      "a manager already kept this payment; refund it from its refund panel if needed",
    );
  if (taken === "refund")
    return new AppError("attention_already_refunding", "a manager already chose to refund this payment");
  const kind = row.status === "needs_attention" ? (row.attention_kind ?? "unsettled") : row.status;
  return new AppError(
    "attention_not_applicable",
    `only a payment charged after the cashier was told it failed can be kept or refunded this way; this one is ${kind}`,
    { kind },
  );
}

/**
 * Moves a charged-after-failure payment to `paid` with the decision as the audit note, or finds
 * the same decision already taken. Returns the row as it stands.
 */
async function takeDecision(outTradeNo: string, action: AttentionAction, staff: StaffUser): Promise<PaymentRow> {
  assertManager(staff);
  return withLockedPayment(outTradeNo, async (trx, row) => {
    if (!row) throw new AppError("payment_not_found", `no payment ${outTradeNo}`);
    if (isChargedAfterFailure(row.status, row.attention_kind)) {
      return writePaymentChange(trx, row, {
        to: "paid",
        fields: { attention_kind: null, failure_kind: null },
        actor: `staff:${staff.username}`,
        note: action === "keep" ? KEPT_NOTE : REFUND_CHOSEN_NOTE,
      });
    }
    const taken = await decisionTaken(trx, outTradeNo);
    if (taken === action) return row;
    throw notThisDecision(row, taken);
  });
}

/** "Customer got the goods — keep": the payment stays paid. A repeat answers the same state. */
export async function keepChargedPayment(outTradeNo: string, staff: StaffUser): Promise<PaymentView> {
  return loadPaymentView(await takeDecision(outTradeNo, "keep", staff));
}

export type RefundChargedResult = { created: boolean; refund: RefundView };

/**
 * "Refund the customer": the payment becomes paid (audited), then all of it is refunded. The
 * refund may end succeeded, failed (refused by QFPay) or pending; either way the payment stays
 * visible with its refund. A repeat returns the same refund (`created` false).
 */
export async function refundChargedPayment(outTradeNo: string, staff: StaffUser): Promise<RefundChargedResult> {
  const row = await takeDecision(outTradeNo, "refund", staff);
  // A charged-after-failure payment has never been refunded: its full amount goes back.
  return createRefund(outTradeNo, { amount: Number(row.amount), outTradeNo: attentionRefundNo(outTradeNo) }, staff);
}

export async function applyAttentionAction(
  outTradeNo: string,
  action: AttentionAction,
  staff: StaffUser,
): Promise<AttentionAnswer> {
  // Audited after the decision, not with it (docs/architecture.md §2.1): a repeated tap changes no
  // row but is still the manager's action, and a refund's row names the refund its own transactions made.
  const audit = (detail: Record<string, string | number>) =>
    getDb().then((db) =>
      recordAudit(db, {
        action: action === "keep" ? "attention_keep" : "attention_refund",
        actor: { id: staff.id, username: staff.username },
        subject: outTradeNo,
        detail,
      }),
    );
  if (action === "keep") {
    const payment = await keepChargedPayment(outTradeNo, staff);
    await audit({ status: payment.status });
    return { created: false, payment, refund: null };
  }
  const { created, refund } = await refundChargedPayment(outTradeNo, staff);
  if (created && refund) await audit({ refund: refund.outTradeNo, amount: refund.amount });
  return { created, payment: await getPayment(outTradeNo), refund };
}
