/**
 * Payments as an entity of the ledger's one audited write (lib/db/audited-write.ts): every status
 * change goes through `writePaymentChange`, which checks the transition table (`./status`) and writes
 * the `payment_events` row in the same transaction (docs/architecture.md §2, §6.1, §6.3).
 */
import "server-only";
import { getDb } from "@/lib/db";
import { auditedTable, type AuditedChange } from "@/lib/db/audited-write";
import type { PaymentRow } from "@/lib/db/schema";
import { assertTransition } from "./status";

const payments = auditedTable({
  table: "payments",
  key: "out_trade_no",
  events: "payment_events",
  eventKey: "out_trade_no",
  assertTransition,
});

export type PaymentChange = AuditedChange<"payments", "out_trade_no">;

export { nowIso } from "@/lib/db/audited-write";

/** Reads a payment inside `trx`, locking the row on PostgreSQL so two instances never race on it. */
export const lockPayment = payments.lock;

/**
 * Applies `change` to `current` (already read in `trx`). Returns the updated row. Moving to the
 * status the row already has is allowed and writes no status event unless a note is given.
 */
export const writePaymentChange = payments.write;

/** Inserts a new payment and its first `payment_events` row. */
export const insertPayment = payments.insert;

/** Records a `payment_events` row on a payment that keeps its status (a note beside a change made in `trx`). */
export const notePayment = payments.note;

/** Runs `fn` in one transaction with the payment locked; `fn` gets undefined when it does not exist. */
export const withLockedPayment = payments.withLocked;

export async function findPayment(outTradeNo: string): Promise<PaymentRow | undefined> {
  const db = await getDb();
  return db.selectFrom("payments").selectAll().where("out_trade_no", "=", outTradeNo).executeTakeFirst();
}
