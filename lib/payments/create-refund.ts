/**
 * A manager refunds a paid payment, in full or in part: the refund row is written first with its
 * own new out_trade_no, then sent once; an uncertain answer is settled by enquiry (docs/qfpay.md §5).
 * Never more than what is left, and one refund of a payment at a time (QFPay refuses concurrent
 * refunds of one payment, §5).
 */
import "server-only";
import type { StaffUser } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/db";
import { ledgerTransaction } from "@/lib/db/audited-write";
import { formatMoney } from "@/lib/money";
import { qfpayConfigFromEnv } from "@/lib/qfpay/config";
import { sendRefund } from "@/lib/qfpay/refunds";
import { reserveQfpaySlot } from "@/lib/qfpay/transport";
import type { CreateRefundInput } from "@/lib/contract/refunds";
import { lockPayment, nowIso } from "./ledger-writes";
import { newOutTradeNo } from "@/lib/contract/out-trade-no";
import { refundableAmount, toRefundView } from "./payment-view";
import { completeRefund, insertRefund, withLockedRefund, writeRefundChange } from "./refund-writes";
import type { RefundView } from "@/lib/contract/payments";
import { holdsMoney, isRefundOpen } from "@/lib/contract/payment-status";

export type CreateRefundResult = { created: boolean; refund: RefundView };

export async function createRefund(
  paymentOutTradeNo: string,
  input: CreateRefundInput,
  staff: StaffUser,
  options: { approvedBy?: string | null } = {},
): Promise<CreateRefundResult> {
  const approvedBy = options.approvedBy ?? null;
  const refundNo = input.outTradeNo ?? newOutTradeNo();
  const actor = `staff:${staff.username}`;
  const db = await getDb();

  const inserted = await ledgerTransaction(async (trx) => {
    const payment = await lockPayment(trx, paymentOutTradeNo);
    if (!payment) throw new AppError("payment_not_found", `no payment ${paymentOutTradeNo}`);
    const existing = await trx
      .selectFrom("refunds")
      .selectAll()
      .where("out_trade_no", "=", refundNo)
      .executeTakeFirst();
    if (existing) {
      if (existing.payment_out_trade_no !== paymentOutTradeNo || Number(existing.amount) !== input.amount) {
        throw new AppError(
          "refund_no_mismatch",
          `refund ${refundNo} was already used with a different payment or amount`,
        );
      }
      return { created: false as const, row: existing };
    }
    if (
      await trx.selectFrom("payments").select("out_trade_no").where("out_trade_no", "=", refundNo).executeTakeFirst()
    ) {
      // QFPay wants out_trade_no unique across payments and refunds (docs/qfpay.md §3, §5).
      throw new AppError("refund_no_used_by_payment", `outTradeNo ${refundNo} is already used by a payment`);
    }
    if (!holdsMoney(payment.status)) {
      throw new AppError("refund_not_paid", `only a paid payment can be refunded; this one is ${payment.status}`, {
        status: payment.status,
      });
    }
    if (!payment.syssn)
      throw new AppError("refund_no_transaction", "this payment has no QFPay transaction number to refund against");
    const refunds = await trx
      .selectFrom("refunds")
      .selectAll()
      .where("payment_out_trade_no", "=", paymentOutTradeNo)
      .execute();
    if (refunds.some((r) => isRefundOpen(r.status))) {
      throw new AppError(
        "refund_in_progress",
        "another refund of this payment is still being processed; wait for it to finish",
      );
    }
    const left = refundableAmount(payment, refunds);
    if (input.amount > left) {
      throw new AppError(
        "refund_too_much",
        `that is more than what is left to refund (${formatMoney(left, payment.currency)})`,
        { left, currency: payment.currency },
      );
    }
    const at = nowIso();
    const row = await insertRefund(
      trx,
      {
        out_trade_no: refundNo,
        payment_out_trade_no: paymentOutTradeNo,
        amount: input.amount,
        currency: payment.currency,
        status: "pending",
        failure_reason: null,
        respcd: null,
        message: null,
        syssn: null,
        created_by: staff.username,
        approved_by: approvedBy,
        sent_at: null,
        answered_at: null,
        next_check_at: null,
        lease_until: null,
        lease_owner: null,
        attention_reason: null,
        created_at: at,
        updated_at: at,
      },
      {
        at,
        actor,
        note: `refund of ${input.amount} created${approvedBy ? ` (approved by ${approvedBy})` : ""}`,
        audit: {
          action: "refund",
          actor: { id: staff.id, username: staff.username },
          approver: approvedBy,
          subject: paymentOutTradeNo,
          detail: { refund: refundNo, amount: input.amount, currency: payment.currency },
        },
      },
    );
    return { created: true as const, row, originalSyssn: payment.syssn };
  });
  if (!inserted.created) return { created: false, refund: toRefundView(inserted.row) };

  const config = qfpayConfigFromEnv();
  await reserveQfpaySlot(config); // as for a payment: sent_at is when the request leaves
  const sentAt = new Date();
  const marked = await withLockedRefund(refundNo, (trx, row) =>
    // Closed as never sent meanwhile (the resolver's grace ran out while the slot was awaited): never send it.
    row!.status !== "pending"
      ? Promise.resolve(row!)
      : writeRefundChange(trx, row!, {
          fields: {
            sent_at: sentAt.toISOString(),
            next_check_at: new Date(sentAt.getTime() + config.timeoutMs + env.PENDING_FIRST_QUERY_MS).toISOString(),
          },
          actor,
          note: "sent to QFPay /trade/v1/refund",
        }),
  );
  if (marked.sent_at === null) return { created: true, refund: toRefundView(marked) };
  const attempt = await sendRefund(
    config,
    { refundOutTradeNo: refundNo, originalSyssn: inserted.originalSyssn, amount: input.amount, txdtm: sentAt },
    { slotHeld: true },
  );
  const known = { respcd: attempt.respcd, message: attempt.message, syssn: attempt.syssn, answered_at: nowIso() };

  if (attempt.outcome.status === "succeeded") {
    await completeRefund(refundNo, paymentOutTradeNo, {
      fields: { ...known, next_check_at: null },
      actor: "gateway",
      respcd: attempt.respcd,
    });
  } else {
    const outcome = attempt.outcome;
    await withLockedRefund(refundNo, (trx, row) =>
      row!.status !== "pending"
        ? Promise.resolve(row!)
        : outcome.status === "failed"
          ? writeRefundChange(trx, row!, {
              to: "failed",
              fields: { ...known, failure_reason: outcome.reason, next_check_at: null },
              actor: "gateway",
              respcd: attempt.respcd,
            })
          : writeRefundChange(trx, row!, {
              fields: { ...known, next_check_at: new Date(Date.now() + env.PENDING_FIRST_QUERY_MS).toISOString() },
              actor: "gateway",
              respcd: attempt.respcd,
              note: attempt.unknownReason
                ? `no readable answer (${attempt.unknownReason}): settle by enquiry`
                : `QFPay answered ${attempt.respcd ?? "?"}: still processing`,
            }),
    );
  }
  const final = await db
    .selectFrom("refunds")
    .selectAll()
    .where("out_trade_no", "=", refundNo)
    .executeTakeFirstOrThrow();
  return { created: true, refund: toRefundView(final) };
}
