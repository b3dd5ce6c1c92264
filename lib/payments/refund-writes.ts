/**
 * Refund rows change only through `writeRefundChange`: the transition table and an audit row in
 * the same transaction. A refund that succeeds also moves its payment (refunded amount, status).
 */
import "server-only";
import type { Transaction } from "kysely";
import { getDb, getDialect } from "@/lib/db";
import type { Database, RefundRow, RefundsTable } from "@/lib/db/schema";
import type { Updateable } from "kysely";
import { lockPayment, nowIso, writePaymentChange } from "./ledger-writes";
import { assertRefundTransition } from "./refund-status";
import type { RefundStatus } from "@/lib/contract/payments";

export type RefundChange = {
  to?: RefundStatus;
  fields?: Omit<Updateable<RefundsTable>, "status" | "out_trade_no" | "updated_at">;
  actor: string;
  respcd?: string | null;
  note?: string | null;
};

export async function lockRefund(trx: Transaction<Database>, outTradeNo: string): Promise<RefundRow | undefined> {
  const postgres = (await getDialect()) === "postgres";
  return trx
    .selectFrom("refunds")
    .selectAll()
    .where("out_trade_no", "=", outTradeNo)
    .$if(postgres, (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function writeRefundChange(
  trx: Transaction<Database>,
  current: RefundRow,
  change: RefundChange,
): Promise<RefundRow> {
  const to = change.to ?? current.status;
  if (to !== current.status) assertRefundTransition(current.status, to);
  const at = nowIso();
  const updated = await trx
    .updateTable("refunds")
    .set({ ...change.fields, status: to, updated_at: at })
    .where("out_trade_no", "=", current.out_trade_no)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (to !== current.status || change.note) {
    await trx
      .insertInto("refund_events")
      .values({
        refund_out_trade_no: current.out_trade_no,
        at,
        actor: change.actor,
        from_status: current.status,
        to_status: to,
        respcd: change.respcd ?? null,
        note: change.note ?? null,
      })
      .execute();
  }
  return updated;
}

/**
 * Marks a refund succeeded and adds it to its payment, in one transaction (payment locked first,
 * then the refund, always in that order so two writers cannot deadlock).
 */
export async function completeRefund(
  refundOutTradeNo: string,
  paymentOutTradeNo: string,
  change: Omit<RefundChange, "to">,
): Promise<RefundRow | undefined> {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const payment = await lockPayment(trx, paymentOutTradeNo);
    const refund = await lockRefund(trx, refundOutTradeNo);
    if (!payment || !refund || (refund.status !== "pending" && refund.status !== "needs_attention")) return refund;
    const updated = await writeRefundChange(trx, refund, { ...change, to: "succeeded" });
    const refunded = Number(payment.refunded_amount) + Number(refund.amount);
    const to = refunded >= Number(payment.amount) ? "refunded" : "partially_refunded";
    await writePaymentChange(trx, payment, {
      to,
      fields: { refunded_amount: refunded },
      actor: change.actor,
      respcd: change.respcd ?? null,
      note: `refund ${refund.out_trade_no} of ${refund.amount} succeeded`,
    });
    return updated;
  });
}

export async function withLockedRefund<T>(
  outTradeNo: string,
  fn: (trx: Transaction<Database>, row: RefundRow | undefined) => Promise<T>,
): Promise<T> {
  const db = await getDb();
  return db.transaction().execute(async (trx) => fn(trx, await lockRefund(trx, outTradeNo)));
}

export { nowIso };
