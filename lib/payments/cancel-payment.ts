/**
 * A cashier cancels a pending payment (the customer walked away). It runs the resolver's own
 * reversal/close path at once, then answers with the payment as it stands: cancelled, or "paid
 * after all" when the customer finished paying during the cancel, or still pending while QFPay
 * confirms.
 */
import "server-only";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import type { StaffUser } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { nowIso, withLockedPayment, writePaymentChange } from "./ledger-writes";
import { loadPaymentView } from "./load-payment-views";
import { resolvePaymentNow } from "./resolver";
import type { PaymentView } from "@/lib/contract/payments";

/** Who may cancel a payment without a manager: who scanned it and who sent it. Null: no such payment. */
export async function paymentOwners(outTradeNo: string): Promise<string[] | null> {
  const row = await (
    await getDb()
  )
    .selectFrom("payments")
    .select(["created_by", "sent_by"])
    .where("out_trade_no", "=", outTradeNo)
    .executeTakeFirst();
  return row ? [row.created_by, ...(row.sent_by ? [row.sent_by] : [])] : null;
}

export async function cancelPayment(
  outTradeNo: string,
  staff: StaffUser,
  options: { approvedBy?: string | null } = {},
): Promise<PaymentView> {
  const actor = `staff:${staff.username}`;
  const approvedBy = options.approvedBy ?? null;
  const requested = await auditRefusal(outTradeNo, staff, approvedBy, () =>
    withLockedPayment(outTradeNo, async (trx, row) => {
      if (!row) throw new AppError("payment_not_found", `no payment ${outTradeNo}`);
      if (row.status === "cancelled" || (row.status === "pending" && row.cancel_requested_at)) return row;
      if (row.status !== "pending") {
        throw row.status === "paid"
          ? new AppError("cancel_already_paid", "this payment is already paid: refund it instead")
          : new AppError("cancel_already_final", `this payment is already ${row.status}`, { status: row.status });
      }
      // The cashier's action, audited with the change it makes (a refusal: auditRefusal, below).
      const audit: AuditInput = {
        action: "payment_cancel",
        actor: { id: staff.id, username: staff.username },
        approver: approvedBy,
        subject: outTradeNo,
        detail: { status: row.status },
      };
      if (row.sent_at === null) {
        return writePaymentChange(trx, row, {
          to: "cancelled",
          fields: { cancel_requested_at: nowIso() },
          actor,
          note: "cancelled before it was sent to QFPay",
          audit,
        });
      }
      // Skips the rest of the enquiry window: the resolver reverses it on its next look.
      return writePaymentChange(trx, row, {
        fields: { cancel_requested_at: nowIso(), next_check_at: nowIso() },
        actor,
        note: "cancel requested",
        audit,
      });
    }),
  );
  const row = requested.status === "pending" ? ((await resolvePaymentNow(outTradeNo)) ?? requested) : requested;
  return loadPaymentView(row);
}

/**
 * A cancel refused because the payment is already final is audited as refused (issue 9: refusals
 * are kept). Written after the locked transaction has rolled back, so the refusal row survives it.
 */
async function auditRefusal<T>(
  outTradeNo: string,
  staff: StaffUser,
  approvedBy: string | null,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.reason === "cancel_already_paid" || error.reason === "cancel_already_final")
    ) {
      await recordAudit(await getDb(), {
        action: "payment_cancel",
        outcome: "refused",
        actor: { id: staff.id, username: staff.username },
        approver: approvedBy,
        subject: outTradeNo,
        detail: { reason: error.reason, ...error.params },
      });
    }
    throw error;
  }
}
