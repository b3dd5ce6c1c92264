import "server-only";
import { getDb } from "@/lib/db";
import { toPaymentView } from "./payment-view";
import type { PaymentView } from "./types";

export type ListPaymentsOptions = { limit: number };

/** The latest payments, newest first. */
export async function listPayments({ limit }: ListPaymentsOptions): Promise<PaymentView[]> {
  const db = await getDb();
  const rows = await db.selectFrom("payments").selectAll().orderBy("created_at", "desc").orderBy("out_trade_no", "desc").limit(limit).execute();
  return rows.map(toPaymentView);
}
