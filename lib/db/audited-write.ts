/**
 * The ledger's one audited write (issue 11, docs/architecture.md §2): in one transaction with the
 * chosen durability, lock the row, check the status change against the entity's transition table,
 * write the change and its event row, and the audit row of the staff action behind it when there is
 * one. Payments (lib/payments/ledger-writes.ts) and refunds (lib/payments/refund-writes.ts) are its
 * entities; whatever else the ledger grows (a cart, an order, a shift) is one more `auditedTable`.
 *
 * Owns: the row lock, the transition check, the event rows (a row's status history) and the
 * transaction's durability. Never: decides a status (its callers do), or makes up an audit row: an
 * audit row is a person's action, handed over by the caller (docs/architecture.md §2.1).
 */
import "server-only";
import type { Insertable, Selectable, Transaction, Updateable } from "kysely";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { getDb, getDialect } from "@/lib/db";
import { rederivableTransaction } from "./rederivable-commit";
import type { Database } from "./schema";

export const nowIso = (): string => new Date().toISOString();

/**
 * How a transaction's commit meets the disk. `"fsync"`: before the commit returns (every write by
 * default). `"rederivable"`: later, for a transaction that holds only what QFPay can tell us again
 * (its answer to a payment that was committed as sent before the request left): lost in a power
 * cut, the resolver settles the payment by enquiry (docs/performance.md §8).
 */
export type Durability = "fsync" | "rederivable";

/** Runs `fn` in one transaction of the app's database, committed with `durability`. */
export async function ledgerTransaction<R>(
  fn: (trx: Transaction<Database>) => Promise<R>,
  durability: Durability = "fsync",
): Promise<R> {
  const db = await getDb();
  if (durability === "rederivable") return rederivableTransaction(db, await getDialect(), fn);
  return db.transaction().execute(fn);
}

/** Tables whose rows have a status and an `updated_at`: what an audited write changes. */
type StatusTable = {
  [T in keyof Database]: Database[T] extends { status: string; updated_at: string } ? T : never;
}[keyof Database];
/** Tables that hold a status history: one row per change, from one status to another. */
type EventTable = {
  [E in keyof Database]: Database[E] extends { actor: string; from_status: unknown; to_status: string } ? E : never;
}[keyof Database];
/** A table's text columns: the ones that can name a row. */
type TextColumn<T extends keyof Database> = {
  [C in keyof Database[T]]: Database[T][C] extends string ? C : never;
}[keyof Database[T]] &
  string;

type RowOf<T extends StatusTable> = Selectable<Database[T]>;
type StatusOf<T extends StatusTable> = Database[T]["status"];

/** One audited entity: its table, its history and its transition table. */
export type AuditedEntity<T extends StatusTable, K extends TextColumn<T>, E extends EventTable> = {
  table: T;
  /** The column that names one row (its primary key). */
  key: K;
  events: E;
  /** The event table's column that names the row an event belongs to. */
  eventKey: TextColumn<E>;
  /** Throws the entity's own error unless `from → to` is in its transition table. */
  assertTransition(from: StatusOf<T>, to: StatusOf<T>): void;
};

/** A change to one row, and who made it. */
export type AuditedChange<T extends StatusTable, K extends TextColumn<T>> = {
  /** The new status; omit to change fields only (recorded in the history only when `note` is given). */
  to?: StatusOf<T>;
  fields?: Omit<Updateable<Database[T]>, "status" | "updated_at" | K>;
  /** The event row's actor: "staff:<username>", "gateway", "resolver", … */
  actor: string;
  respcd?: string | null;
  note?: string | null;
  /** The staff action behind the change: its audit row, written in the same transaction. */
  audit?: AuditInput;
};

/** An event on a row written at `at`: a new row's first event, or a note beside a change. */
export type AuditedEvent = {
  at: string;
  actor: string;
  respcd?: string | null;
  note?: string | null;
  /** The staff action behind it: its audit row, written in the same transaction (at `at` unless it says). */
  audit?: AuditInput;
};

/** The audited writes of one entity. Each write runs in the caller's transaction. */
export interface AuditedTable<T extends StatusTable, K extends TextColumn<T>> {
  /**
   * Reads a row inside `trx`, locked until the transaction ends: SELECT … FOR UPDATE on PostgreSQL,
   * so two instances never race on it; SQLite runs one write transaction at a time.
   */
  lock(trx: Transaction<Database>, id: string): Promise<RowOf<T> | undefined>;
  /**
   * Applies `change` to `current` (read in `trx`) and returns the updated row. Moving to the status
   * the row already has is allowed and writes no event unless a note is given; any other move must
   * be in the transition table, or the entity's error is thrown before anything is written.
   */
  write(trx: Transaction<Database>, current: RowOf<T>, change: AuditedChange<T, K>): Promise<RowOf<T>>;
  /** Inserts a new row and its first event (from no status to the row's). */
  insert(trx: Transaction<Database>, values: Insertable<Database[T]>, event: AuditedEvent): Promise<RowOf<T>>;
  /** Records an event on a row that stays in `status`, beside a change the caller made in `trx`. */
  note(trx: Transaction<Database>, id: string, status: StatusOf<T>, event: AuditedEvent): Promise<void>;
  /** Runs `fn` in one transaction with the row locked; `fn` gets undefined when it does not exist. */
  withLocked<R>(
    id: string,
    fn: (trx: Transaction<Database>, row: RowOf<T> | undefined) => Promise<R>,
    durability?: Durability,
  ): Promise<R>;
}

/**
 * Kysely types a query by the table names written in it; here the entity chooses them, so these
 * queries see each table as a bag of columns. `AuditedEntity` ties the names to real tables and
 * columns, and `AuditedTable` gives callers the real row types back.
 */
type AnyTables = Record<string, Record<string, unknown>>;
const untyped = (trx: Transaction<Database>) => trx as unknown as Transaction<AnyTables>;

export function auditedTable<T extends StatusTable, K extends TextColumn<T>, E extends EventTable>(
  entity: AuditedEntity<T, K, E>,
): AuditedTable<T, K> {
  type Row = RowOf<T>;
  type Status = StatusOf<T>;
  const names: Record<"table" | "key" | "events" | "eventKey", string> = entity;
  const fact = (row: Row, column: string) => (row as Record<string, unknown>)[column];
  const idOf = (row: Row) => fact(row, names.key) as string;
  const statusOf = (row: Row) => fact(row, "status") as Status;

  async function appendEvent(
    trx: Transaction<Database>,
    id: string,
    from: Status | null,
    to: Status,
    event: AuditedEvent,
  ): Promise<void> {
    await untyped(trx)
      .insertInto(names.events)
      .values({
        [names.eventKey]: id,
        at: event.at,
        actor: event.actor,
        from_status: from,
        to_status: to,
        respcd: event.respcd ?? null,
        note: event.note ?? null,
      })
      .execute();
  }

  async function appendAudit(trx: Transaction<Database>, input: AuditInput | undefined, at: string): Promise<void> {
    if (input) await recordAudit(trx, { ...input, at: input.at ?? at });
  }

  const audited: AuditedTable<T, K> = {
    async lock(trx, id) {
      const postgres = (await getDialect()) === "postgres";
      const row = await untyped(trx)
        .selectFrom(names.table)
        .selectAll()
        .where(names.key, "=", id)
        .$if(postgres, (q) => q.forUpdate())
        .executeTakeFirst();
      return row as Row | undefined;
    },

    async write(trx, current, change) {
      const from = statusOf(current);
      const to = change.to ?? from;
      if (to !== from) entity.assertTransition(from, to);
      const at = nowIso();
      const updated = (await untyped(trx)
        .updateTable(names.table)
        .set({ ...change.fields, status: to, updated_at: at })
        .where(names.key, "=", idOf(current))
        .returningAll()
        .executeTakeFirstOrThrow()) as Row;
      if (to !== from || change.note) await appendEvent(trx, idOf(current), from, to, { ...change, at });
      await appendAudit(trx, change.audit, at);
      return updated;
    },

    async insert(trx, values, event) {
      const row = (await untyped(trx)
        .insertInto(names.table)
        .values(values)
        .returningAll()
        .executeTakeFirstOrThrow()) as Row;
      await appendEvent(trx, idOf(row), null, statusOf(row), event);
      await appendAudit(trx, event.audit, event.at);
      return row;
    },

    async note(trx, id, status, event) {
      await appendEvent(trx, id, status, status, event);
      await appendAudit(trx, event.audit, event.at);
    },

    async withLocked(id, fn, durability = "fsync") {
      return ledgerTransaction(async (trx) => fn(trx, await audited.lock(trx, id)), durability);
    },
  };
  return audited;
}
