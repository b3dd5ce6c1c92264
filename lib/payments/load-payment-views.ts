import "server-only";
import { getDb } from "@/lib/db";
import type { PaymentRow, RefundRow } from "@/lib/db/schema";
import { toPaymentView } from "./payment-view";
import type { PaymentView } from "@/lib/contract/payments";

/** Payment rows with their refunds, in one extra query. */
export async function loadPaymentViews(rows: readonly PaymentRow[]): Promise<PaymentView[]> {
  if (rows.length === 0) return [];
  const db = await getDb();
  const refunds = await db
    .selectFrom("refunds")
    .selectAll()
    .where(
      "payment_out_trade_no",
      "in",
      rows.map((r) => r.out_trade_no),
    )
    .orderBy("created_at")
    .execute();
  const byPayment = new Map<string, RefundRow[]>();
  for (const refund of refunds)
    byPayment.set(refund.payment_out_trade_no, [...(byPayment.get(refund.payment_out_trade_no) ?? []), refund]);
  return rows.map((row) => toPaymentView(row, byPayment.get(row.out_trade_no) ?? []));
}

export async function loadPaymentView(row: PaymentRow): Promise<PaymentView> {
  return (await loadPaymentViews([row]))[0]!;
}
