/**
 * Puts a payment into `needs_attention` / `charged_after_failure` the way it happens for real
 * (issue 8): the sandbox charges the customer, the ledger has told the cashier it failed, and
 * QFPay's own record (a real enquiry to the sandbox over HTTP) then proves it paid. Import after
 * `setUpLedger` (the app's modules read the environment once).
 */
import type { ActiveStaff } from "@/lib/auth/staff-sessions";
import type { PaymentView } from "@/lib/contract/payments";

export async function chargedAfterFailure(
  outTradeNo: string,
  amount: number,
  authCode: string,
  cashier: ActiveStaff,
): Promise<PaymentView> {
  const { createPayment } = await import("@/lib/payments/create-payment");
  const { getPayment } = await import("@/lib/payments/get-payment");
  const { getDb } = await import("@/lib/db");
  const { queryByOutTradeNo } = await import("@/lib/qfpay/enquiry");
  const { matchPaymentRow } = await import("@/lib/qfpay/match");
  const { qfpayConfigFromEnv } = await import("@/lib/qfpay/config");
  const { settleFromQfpay } = await import("@/lib/payments/settle-from-qfpay");

  const { payment } = await createPayment({ outTradeNo, amount, authCode }, cashier);
  if (payment.status !== "paid" || !payment.syssn)
    throw new Error(`setup: expected the sandbox to charge ${outTradeNo}, got ${payment.status}`);

  // What the ledger held before issue 8: the cashier was told it failed, though QFPay had charged it.
  const db = await getDb();
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("payments")
      .set({ status: "failed", failure_kind: "other_method", respcd: "1297", updated_at: at })
      .where("out_trade_no", "=", outTradeNo)
      .execute();
    await trx
      .insertInto("payment_events")
      .values({
        out_trade_no: outTradeNo,
        at,
        actor: "test",
        from_status: "pending",
        to_status: "failed",
        respcd: "1297",
        note: "test setup: the cashier was told it failed",
      })
      .execute();
  });

  const row = await db
    .selectFrom("payments")
    .selectAll()
    .where("out_trade_no", "=", outTradeNo)
    .executeTakeFirstOrThrow();
  const answer = await queryByOutTradeNo(qfpayConfigFromEnv(), [outTradeNo], new Date(row.sent_at ?? row.created_at));
  if (answer.kind !== "answer") throw new Error(`setup: the sandbox enquiry gave no answer (${answer.reason})`);
  const match = matchPaymentRow(answer.rows, {
    outTradeNo,
    syssn: row.syssn,
    amount: Number(row.amount),
    currency: row.currency,
  });
  await settleFromQfpay(outTradeNo, match, "resolver");

  const view = await getPayment(outTradeNo);
  if (view.status !== "needs_attention" || view.attentionKind !== "charged_after_failure") {
    throw new Error(
      `setup: expected charged_after_failure for ${outTradeNo}, got ${view.status}/${view.attentionKind ?? "-"}`,
    );
  }
  return view;
}
