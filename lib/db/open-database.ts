/**
 * Opens the ledger: embedded SQLite by default, PostgreSQL when DATABASE_URL is set, through one
 * Kysely instance, and applies the migrations. Pure of `server-only` so that the admin CLI and the
 * tests can open a database of their own; the app goes through `lib/db/index.ts`.
 */
import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { migrationsFor, type DialectName } from "./migrations";
import { rederivableCommits } from "./rederivable-commit";
import { cachedStatements } from "./sqlite-statements";
import { TableChanges } from "./table-changes";

type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

export type OpenedDatabase = {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Which tables may have changed since a stamp was taken (for caches of what was read). */
  changes: TableChanges;
  close(): Promise<void>;
};

/** The database the settings point at: Postgres with a URL, else `<dataDir>/scantill.sqlite`. */
export function databaseTarget(settings: { DATABASE_URL?: string | undefined; POS_DATA_DIR: string }): DatabaseTarget {
  if (settings.DATABASE_URL) return { kind: "postgres", url: settings.DATABASE_URL };
  return { kind: "sqlite", file: path.resolve(settings.POS_DATA_DIR, "scantill.sqlite") };
}

export async function openDatabase(target: DatabaseTarget): Promise<OpenedDatabase> {
  const opened = target.kind === "sqlite" ? openSqlite(target.file) : openPostgres(target.url);
  await migrateToLatest(opened);
  return opened;
}

function openSqlite(file: string): OpenedDatabase {
  // The ledger holds every payment: the folder is the till's own (0700) and the files its owner's
  // only (0600; the umask makes WAL/SHM files alike), not readable by other users (issue 9).
  if (file !== ":memory:") {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    chmodSync(path.dirname(file), 0o700);
  }
  const previousUmask = file === ":memory:" ? null : setUmask(0o077);
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(file);
    sqlite.pragma("journal_mode = WAL");
  } finally {
    if (previousUmask !== null) setUmask(previousUmask);
  }
  if (file !== ":memory:") chmodSync(file, 0o600);
  // WAL + synchronous=FULL: one fsync per commit, so an acknowledged payment survives power loss
  // (docs/toolchain.md §3b). Only a transaction marked rederivable commits without it
  // (lib/db/rederivable-commit.ts). busy_timeout lets the admin CLI and the app share the file.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  // This file has one connection in this process; data_version moves when another process commits.
  const dataVersion = sqlite.prepare("PRAGMA data_version").pluck();
  const changes = new TableChanges(() => dataVersion.get() as number);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: rederivableCommits(sqlite, cachedStatements(sqlite)) }),
    plugins: [changes],
  });
  return { db, dialect: "sqlite", changes, close: () => db.destroy() };
}

function openPostgres(url: string): OpenedDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Other app instances write to the same database unseen: no stamp can promise to move with them.
  const changes = new TableChanges(null);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [changes] });
  return { db, dialect: "postgres", changes, close: () => db.destroy() };
}

async function migrateToLatest({ db, dialect }: OpenedDatabase): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
}

/** process.umask(mask), or null where a worker thread may not change it (the chmod below still applies). */
function setUmask(mask: number): number | null {
  try {
    return process.umask(mask);
  } catch {
    return null;
  }
}
