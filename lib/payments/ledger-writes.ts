/**
 * The ledger's write primitives. Every status change goes through `writePaymentChange`, which
 * checks the transition table and writes the audit row in the same transaction
 * (docs/architecture.md §6.1, §6.3).
 */
import "server-only";
import type { Kysely, Transaction } from "kysely";
import { getDb, getDialect } from "@/lib/db";
import { rederivableTransaction } from "@/lib/db/rederivable-commit";
import type { Database, PaymentRow, PaymentRowUpdate } from "@/lib/db/schema";
import { assertTransition } from "./status";
import type { PaymentStatus } from "@/lib/contract/payments";

export type PaymentChange = {
  /** The new status; omit to change fields only (still audited when `note` is given). */
  to?: PaymentStatus;
  fields?: Omit<PaymentRowUpdate, "status" | "out_trade_no" | "updated_at">;
  actor: string;
  respcd?: string | null;
  note?: string | null;
};

export const nowIso = (): string => new Date().toISOString();

/** Reads a payment inside `trx`, locking the row on PostgreSQL so two instances never race on it. */
export async function lockPayment(trx: Transaction<Database>, outTradeNo: string): Promise<PaymentRow | undefined> {
  const postgres = (await getDialect()) === "postgres";
  return trx
    .selectFrom("payments")
    .selectAll()
    .where("out_trade_no", "=", outTradeNo)
    .$if(postgres, (q) => q.forUpdate())
    .executeTakeFirst();
}

/**
 * Applies `change` to `current` (already read in `trx`). Returns the updated row. Moving to the
 * status the row already has is allowed and writes no status event unless a note is given.
 */
export async function writePaymentChange(
  trx: Transaction<Database>,
  current: PaymentRow,
  change: PaymentChange,
): Promise<PaymentRow> {
  const to = change.to ?? current.status;
  if (to !== current.status) assertTransition(current.status, to);
  const at = nowIso();
  const updated = await trx
    .updateTable("payments")
    .set({ ...change.fields, status: to, updated_at: at })
    .where("out_trade_no", "=", current.out_trade_no)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (to !== current.status || change.note) {
    await trx
      .insertInto("payment_events")
      .values({
        out_trade_no: current.out_trade_no,
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
 * How a transaction's commit meets the disk. `"fsync"`: before the commit returns (every write by
 * default). `"rederivable"`: later, for a transaction that holds only what QFPay can tell us again
 * (its answer to a payment that was committed as sent before the request left): lost in a power
 * cut, the resolver settles the payment by enquiry (docs/performance.md §8).
 */
export type Durability = "fsync" | "rederivable";

/** Runs `fn` in one transaction with the payment locked; `fn` gets undefined when it does not exist. */
export async function withLockedPayment<T>(
  outTradeNo: string,
  fn: (trx: Transaction<Database>, row: PaymentRow | undefined) => Promise<T>,
  durability: Durability = "fsync",
): Promise<T> {
  const db: Kysely<Database> = await getDb();
  const locked = async (trx: Transaction<Database>) => fn(trx, await lockPayment(trx, outTradeNo));
  if (durability === "rederivable") return rederivableTransaction(db, await getDialect(), locked);
  return db.transaction().execute(locked);
}

export async function findPayment(outTradeNo: string): Promise<PaymentRow | undefined> {
  const db = await getDb();
  return db.selectFrom("payments").selectAll().where("out_trade_no", "=", outTradeNo).executeTakeFirst();
}
