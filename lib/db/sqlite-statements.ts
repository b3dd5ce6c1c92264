/**
 * better-sqlite3 for Kysely with its prepared statements kept (issue 10). Kysely prepares every
 * query afresh; on a status read that was as costly as the query itself (docs/performance.md §2).
 * Here each SQL text is prepared once and the statement reused: SQLite binds new parameters to it.
 *
 * Owns: the statement cache of one connection. Never: shares a statement that is still being
 * iterated (a streaming read), or grows without bound (SQL with a variable `in (…)` list).
 */
import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** More than the app's distinct queries; the oldest is dropped beyond this. */
const STATEMENT_CACHE_SIZE = 500;

export function cachedStatements(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const kept = statements.get(sql);
      // A statement in the middle of an iteration cannot run again; that caller gets a fresh one.
      if (kept && !kept.busy) return kept;
      const fresh = sqlite.prepare(sql);
      if (kept) return fresh;
      if (statements.size >= size) statements.delete(statements.keys().next().value!);
      statements.set(sql, fresh);
      return fresh;
    },
  };
}
