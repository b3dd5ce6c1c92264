import "server-only";
import { getDb } from "@/lib/db";
import { loadPaymentViews } from "./load-payment-views";
import type { PaymentStatus, PaymentView } from "./types";

export type ListPaymentsOptions = { limit: number; status?: PaymentStatus };

/** The latest payments, newest first, optionally only those with one status. */
export async function listPayments({ limit, status }: ListPaymentsOptions): Promise<PaymentView[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom("payments")
    .selectAll()
    .$if(status !== undefined, (q) => q.where("status", "=", status!))
    .orderBy("created_at", "desc")
    .orderBy("out_trade_no", "desc")
    .limit(limit)
    .execute();
  return loadPaymentViews(rows);
}
