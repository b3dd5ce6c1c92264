/**
 * Commits without fsync only for `rederivableTransaction` (lib/db/rederivable-commit.ts,
 * docs/performance.md §8): what SQLite's `synchronous` was at each COMMIT the ledger connection ran,
 * read from the connection itself at that moment. A plain transaction, one that follows a
 * rederivable one, one after a rederivable transaction that rolled back, and one after a failed
 * rederivable COMMIT all commit at FULL; a mark inside a transaction is refused.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql, type Transaction } from "kysely";
import type { Database } from "@/lib/db/schema";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/lib/db/open-database";
import { REDERIVABLE_MARK, rederivableTransaction } from "@/lib/db/rederivable-commit";
import { watchCommits, type CommitWatch } from "../../support/sqlite-commits";

const FULL = 2;
const NORMAL = 1;

let dir: string;
let opened: OpenedDatabase;
let commits: CommitWatch;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "scantill-rederivable-"));
  opened = await openDatabase({ kind: "sqlite", file: path.join(dir, "scantill.sqlite") });
  await sql`create table probe (n integer primary key)`.execute(opened.db);
});
afterAll(async () => {
  await opened?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => commits?.stop());

/** The ledger connection's level between transactions, read through Kysely on that connection. */
const levelNow = async () =>
  (await sql<{ synchronous: number }>`pragma synchronous`.execute(opened.db)).rows[0]?.synchronous;

const insert = (n: number, rederivable: boolean) => {
  const write = async (trx: Transaction<Database>) =>
    void (await sql`insert into probe (n) values (${n})`.execute(trx));
  return rederivable ? rederivableTransaction(opened.db, "sqlite", write) : opened.db.transaction().execute(write);
};

describe("commits without fsync", () => {
  it("only for the marked transaction; the next one is fsynced again", async () => {
    commits = watchCommits();
    await insert(1, false);
    await insert(2, true);
    await insert(3, false);
    expect(commits.levels()).toEqual([FULL, NORMAL, FULL]);
    // Both kinds really committed.
    expect((await sql<{ n: number }>`select n from probe order by n`.execute(opened.db)).rows.map((r) => r.n)).toEqual([
      1, 2, 3,
    ]);
  });

  it("never leaves a mark to a later transaction: after a rollback, after a failed commit", async () => {
    commits = watchCommits();
    await expect(
      rederivableTransaction(opened.db, "sqlite", async (trx) => {
        await sql`insert into probe (n) values (100)`.execute(trx);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(commits.connectionLevel()).toBe(undefined); // no COMMIT ran
    expect(await levelNow()).toBe(FULL);
    await insert(4, false);

    // A COMMIT that fails (the deferred foreign key is still broken): rolled back, nothing relaxed after.
    await sql`create table parent (id integer primary key)`.execute(opened.db);
    await sql`create table child (parent integer references parent(id) deferrable initially deferred)`.execute(
      opened.db,
    );
    commits.reset();
    await expect(
      rederivableTransaction(opened.db, "sqlite", async (trx) => {
        await sql`insert into child (parent) values (42)`.execute(trx);
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    await insert(5, false);
    expect(commits.levels()).toEqual([NORMAL, FULL]);
    expect(commits.connectionLevel()).toBe(FULL);
    expect(
      (await sql<{ n: number }>`select count(*) as n from probe where n = 100`.execute(opened.db)).rows[0]?.n,
    ).toBe(0);
  });

  it("refuses a mark inside a transaction, and drops a mark that no BEGIN follows", async () => {
    await expect(opened.db.transaction().execute((trx) => sql.raw(REDERIVABLE_MARK).execute(trx))).rejects.toThrow(
      /its own transaction/,
    );
    commits = watchCommits();
    await opened.db.connection().execute(async (conn) => {
      await sql.raw(REDERIVABLE_MARK).execute(conn);
      await sql`select 1`.execute(conn);
      await conn.transaction().execute(async (trx) => void (await sql`insert into probe (n) values (7)`.execute(trx)));
    });
    expect(commits.levels()).toEqual([FULL]);
  });

  it("is a plain SELECT for a connection without the wrapper (another opener of the file): the commit stays fsynced", async () => {
    const other = new SQLite(path.join(dir, "scantill.sqlite"));
    other.pragma("synchronous = FULL");
    commits = watchCommits();
    other.exec("begin");
    other.prepare("insert into probe (n) values (6)").run();
    expect(other.prepare("select 'scantill: commit without fsync' as rederivable").all()).toHaveLength(1);
    other.prepare("commit").run();
    other.close();
    expect(commits.levels()).toEqual([FULL]);
  });
});
