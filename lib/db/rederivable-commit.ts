/**
 * Transactions that commit without waiting for the disk, for the one kind of write that may: what
 * QFPay can tell us again (its answer to a payment, a notification that only makes the resolver
 * ask now). Losing such a commit in a power cut leaves a payment sent and unanswered, which the
 * resolver settles by enquiry; every other commit stays fsynced (docs/performance.md §8 argues it).
 *
 * Owns: `rederivableTransaction`, and the SQLite connection wrapper that runs exactly that
 * transaction at `synchronous = NORMAL`. SQLite refuses to change the level inside a transaction,
 * so the wrapper lowers it just before that transaction's BEGIN and puts it back as soon as the
 * connection is out of the transaction (COMMIT, ROLLBACK, or SQLite's own rollback). The connection
 * is held for the whole transaction (Kysely's single-connection mutex), so no other statement, and
 * so no other commit, runs at the lower level. A mark not followed at once by BEGIN is dropped.
 * Without the wrapper (another opener of the file) the mark is a plain SELECT and the commit stays
 * FULL. PostgreSQL: `SET LOCAL synchronous_commit = off`, which ends with the transaction.
 */
import type SQLite from "better-sqlite3";
import { sql, type Kysely, type SqliteDatabase, type SqliteStatement, type Transaction } from "kysely";
import type { DialectName } from "./migrations";

/** The mark's SQL text: recognised by the wrapper, harmless anywhere else. */
export const REDERIVABLE_MARK = "select 'scantill: next transaction commits without fsync' as rederivable";

/**
 * Runs `fn` in one transaction that holds only what QFPay can tell us again: its commit does not
 * wait for the disk. Never for a write made before calling QFPay, or for a decision of ours.
 */
export async function rederivableTransaction<DB, T>(
  db: Kysely<DB>,
  dialect: DialectName,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  if (dialect === "postgres") {
    return db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      return fn(trx);
    });
  }
  return db.connection().execute(async (conn) => {
    await sql.raw(REDERIVABLE_MARK).execute(conn);
    return conn.transaction().execute(fn);
  });
}

type RunResult = ReturnType<SqliteStatement["run"]>;

/** `inner` (the statement cache) with the mark honoured on `sqlite`, whose `synchronous` is the durable level. */
export function rederivableCommits(sqlite: SQLite.Database, inner: SqliteDatabase): SqliteDatabase {
  const durable = sqlite.pragma("synchronous", { simple: true }) as number;
  let marked = false;
  let relaxed = false;
  const restore = () => {
    sqlite.pragma(`synchronous = ${durable}`);
    relaxed = false;
  };
  const mark: SqliteStatement = {
    reader: true,
    all() {
      if (sqlite.inTransaction) throw new Error("rederivableTransaction must start its own transaction");
      marked = true;
      return [];
    },
    run: () => {
      throw new Error("the rederivable mark is read with all()");
    },
    iterate: () => {
      throw new Error("the rederivable mark is read with all()");
    },
  };
  const ending = (statement: SqliteStatement): SqliteStatement => ({
    reader: statement.reader,
    all: (parameters) => statement.all(parameters),
    iterate: (parameters) => statement.iterate(parameters),
    run(parameters): RunResult {
      try {
        return statement.run(parameters);
      } finally {
        if (relaxed && !sqlite.inTransaction) restore();
      }
    },
  });
  const begin = (statement: SqliteStatement): SqliteStatement => ({
    ...ending(statement),
    run(parameters): RunResult {
      if (marked) {
        marked = false;
        sqlite.pragma("synchronous = NORMAL");
        relaxed = true;
      }
      try {
        return statement.run(parameters);
      } catch (error) {
        if (relaxed && !sqlite.inTransaction) restore();
        throw error;
      }
    },
  });
  return {
    close: () => inner.close(),
    prepare(text: string): SqliteStatement {
      if (text === REDERIVABLE_MARK) return mark;
      // Out of the relaxed transaction by any path: back to the durable level before anything runs.
      if (relaxed && !sqlite.inTransaction) restore();
      const statement = inner.prepare(text);
      if (text === "begin") return begin(statement);
      marked = false;
      if (text === "commit" || text === "rollback") return ending(statement);
      return statement;
    },
  };
}
