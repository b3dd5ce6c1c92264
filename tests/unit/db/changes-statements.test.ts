/**
 * The database handle's two issue-10 helpers: which tables a write names (lib/db/table-changes.ts,
 * what the session cache's stamp rests on) and the kept prepared statements (lib/db/sqlite-statements.ts).
 */
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { cachedStatements } from "@/lib/db/sqlite-statements";
import { TableChanges, writtenTables } from "@/lib/db/table-changes";

type Db = {
  users: { id: string; role: string };
  staff_sessions: { id: string; user_id: string; ended_at: string | null };
  payments: { id: string };
};

function open(changes = new TableChanges(() => 0)) {
  const sqlite = new SQLite(":memory:");
  sqlite.exec(
    "create table users (id text primary key, role text); create table staff_sessions (id text primary key, user_id text, ended_at text); create table payments (id text primary key)",
  );
  return {
    sqlite,
    changes,
    db: new Kysely<Db>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite, 3) }), plugins: [changes] }),
  };
}

describe("which tables a write names", () => {
  it("none for a read; the target, joins and subqueries for a write; every table for raw SQL that writes", () => {
    const { db } = open();
    expect(writtenTables(db.selectFrom("users").selectAll().toOperationNode())).toEqual([]);
    expect(
      writtenTables(db.updateTable("users").set({ role: "owner" }).where("id", "=", "a").toOperationNode()),
    ).toEqual(["users"]);
    expect(writtenTables(db.insertInto("payments").values({ id: "p" }).toOperationNode())).toEqual(["payments"]);
    expect(writtenTables(db.deleteFrom("staff_sessions").where("id", "=", "s").toOperationNode())).toEqual([
      "staff_sessions",
    ]);
    const nested = db
      .updateTable("staff_sessions")
      .set({ ended_at: "now" })
      .where("user_id", "in", db.selectFrom("users").select("id").where("role", "=", "cashier"))
      .toOperationNode();
    expect(writtenTables(nested).sort()).toEqual(["staff_sessions", "users"]);
    expect(writtenTables(sql`select 1`.toOperationNode())).toEqual([]);
    expect(writtenTables(sql`update users set role = 'x'`.toOperationNode())).toEqual(["*"]);
  });

  it("moves the stamp of the tables written, before and after the write runs, and not for reads", async () => {
    let external = 7;
    const { db, changes } = open(new TableChanges(() => external));
    const users = changes.stamp(["users"]);
    const payments = changes.stamp(["payments"]);
    await db.selectFrom("users").selectAll().execute();
    expect(changes.stamp(["users"])).toBe(users);
    await db.insertInto("payments").values({ id: "p1" }).execute();
    expect(changes.stamp(["users"])).toBe(users);
    expect(changes.stamp(["payments"])).not.toBe(payments);
    await db.updateTable("users").set({ role: "owner" }).execute();
    expect(changes.stamp(["users"])).not.toBe(users);
    const now = changes.stamp(["users"]);
    external++;
    expect(changes.stamp(["users"])).not.toBe(now);
    expect(changes.complete).toBe(true);
    expect(new TableChanges(null).complete).toBe(false);
  });
});

describe("kept prepared statements", () => {
  it("reuses one statement per SQL text, drops the oldest beyond the limit, and never hands out a busy one", () => {
    const sqlite = new SQLite(":memory:");
    sqlite.exec("create table t (n integer)");
    sqlite.exec("insert into t values (1), (2), (3)");
    const database = cachedStatements(sqlite, 2);
    const a = database.prepare("select n from t");
    expect(database.prepare("select n from t")).toBe(a);
    const iterating = a.iterate([]);
    iterating.next();
    const whileBusy = database.prepare("select n from t");
    expect(whileBusy).not.toBe(a);
    expect(whileBusy.all([])).toHaveLength(3);
    iterating.return?.();
    expect(database.prepare("select n from t")).toBe(a);
    database.prepare("select n + 1 from t");
    database.prepare("select n + 2 from t");
    expect(database.prepare("select n from t")).not.toBe(a);
  });

  it("answers Kysely's queries as before", async () => {
    const { db } = open();
    await db.insertInto("users").values({ id: "a", role: "cashier" }).execute();
    await db.insertInto("users").values({ id: "b", role: "owner" }).execute();
    for (let i = 0; i < 3; i++) {
      expect(await db.selectFrom("users").select("id").where("role", "=", "owner").execute()).toEqual([{ id: "b" }]);
      expect(await db.selectFrom("users").select("id").where("role", "=", "cashier").execute()).toEqual([{ id: "a" }]);
    }
    await expect(db.insertInto("users").values({ id: "a", role: "x" }).execute()).rejects.toThrow(/UNIQUE/);
    expect(await db.selectFrom("users").select("id").orderBy("id").execute()).toEqual([{ id: "a" }, { id: "b" }]);
  });
});
