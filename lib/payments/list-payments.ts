import "server-only";
import { getDb } from "@/lib/db";
import { loadPaymentViews } from "./load-payment-views";
import type { PaymentStatus, PaymentView, RefundStatus } from "@/lib/contract/payments";

export type ListPaymentsOptions = {
  limit: number;
  status?: PaymentStatus;
  /**
   * Only what a manager must look at or wait for: payments that need attention, and payments with
   * a refund not yet final (needs attention or still processing), whatever the payment's status.
   * Payments charged after the cashier was told they failed come first, then newest first.
   */
  attention?: boolean;
};

const OPEN_REFUND: readonly RefundStatus[] = ["pending", "needs_attention"];

/** The latest payments, newest first, optionally only those with one status, or only those needing attention. */
export async function listPayments({ limit, status, attention = false }: ListPaymentsOptions): Promise<PaymentView[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom("payments")
    .selectAll("payments")
    .$if(status !== undefined, (q) => q.where("payments.status", "=", status!))
    .$if(attention, (q) =>
      q
        .where((eb) =>
          eb.or([
            eb("payments.status", "=", "needs_attention"),
            eb.exists(
              eb
                .selectFrom("refunds")
                .select("refunds.out_trade_no")
                .whereRef("refunds.payment_out_trade_no", "=", "payments.out_trade_no")
                .where("refunds.status", "in", OPEN_REFUND),
            ),
          ]),
        )
        .orderBy((eb) =>
          eb
            .case()
            .when(
              eb.and([
                eb("payments.status", "=", "needs_attention"),
                eb("payments.attention_kind", "=", "charged_after_failure"),
              ]),
            )
            .then(0)
            .else(1)
            .end(),
        ),
    )
    .orderBy("payments.created_at", "desc")
    .orderBy("payments.out_trade_no", "desc")
    .limit(limit)
    .execute();
  return loadPaymentViews(rows);
}
