/**
 * The validated-session cache (lib/auth/session-cache.ts, issue 10) on a real database: a verdict is
 * reused (the cookie is not decoded again) until anything it rests on changes, and then the very
 * next request is refused: a revoke, a disable, a role, password or PIN change, a lock or sign-out, a
 * PIN switch on the device, a revoked device, a write by another process (the admin CLI) to the
 * same SQLite file, the idle end, the absolute end and the cookie's own expiry.
 *
 * Also runs on PostgreSQL (TEST_DATABASE_URL): there nothing may be kept (other instances write
 * unseen), and every request is checked in full.
 */
import path from "node:path";
import { randomBytes } from "node:crypto";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { TableChanges } from "@/lib/db/table-changes";
import type { SessionPolicy } from "@/lib/auth/staff-sessions";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";

let harness: LedgerHarness;
let db: Kysely<Database>;
let changes: TableChanges;
let sqlite: boolean;
let m: typeof import("@/lib/auth/session-cache") &
  typeof import("@/lib/auth/staff-sessions") &
  typeof import("@/lib/auth/staff-admin") &
  typeof import("@/lib/auth/staff-store") &
  typeof import("@/lib/auth/devices");

const POLICY: SessionPolicy = { maxAgeMs: 3_600_000, idleMs: 10 * 60_000, deviceTrustMs: 86_400_000 };
const CLI = { kind: "cli" as const, username: "cli:test" };

beforeAll(async () => {
  harness = await setUpLedger();
  const dbModule = await import("@/lib/db");
  db = await dbModule.getDb();
  changes = await dbModule.getTableChanges();
  sqlite = (await dbModule.getDialect()) === "sqlite";
  m = {
    ...(await import("@/lib/auth/session-cache")),
    ...(await import("@/lib/auth/staff-sessions")),
    ...(await import("@/lib/auth/staff-admin")),
    ...(await import("@/lib/auth/staff-store")),
    ...(await import("@/lib/auth/devices")),
  };
});
afterAll(async () => harness?.close());

/** A till with one person signed in on it, and a request as its browser sends it. */
async function till(role: "cashier" | "manager" = "cashier") {
  const user = await m.addStaffUser(db, `p${randomBytes(4).toString("hex")}`, "password-1234", role);
  const device = await m.createDevice(db);
  const sid = await m.startStaffSession(
    db,
    { userId: user.id, sessionVersion: 1, deviceId: device.id, method: "password", address: "10.0.0.5" },
    POLICY,
  );
  const cache = new m.SessionCache();
  let decodes = 0;
  let cookieExpiresAtMs: number | null = null;
  // Stands in for next-auth's JWT: "tok-<sid>" names the session; counting calls shows a kept verdict.
  const decode = async (token: string) => {
    decodes++;
    if (!token.startsWith("tok-")) return null;
    if (cookieExpiresAtMs !== null && Date.now() >= cookieExpiresAtMs) return null;
    return { sid: token.slice(4), expiresAtMs: cookieExpiresAtMs };
  };
  const ask = (options: { now?: Date; deviceCookie?: string; token?: string } = {}) =>
    cache.staffFor({
      db,
      changes,
      token: options.token ?? `tok-${sid}`,
      deviceCookie: options.deviceCookie ?? device.cookie,
      policy: POLICY,
      decode,
      now: options.now,
    });
  return {
    user,
    device,
    sid,
    cache,
    ask,
    get decodes() {
      return decodes;
    },
    setCookieExpiry(ms: number) {
      cookieExpiresAtMs = ms;
    },
    /** Two requests: the second is answered from the cache (SQLite), or checked in full (PostgreSQL). */
    async warm() {
      const before = decodes;
      expect(await ask()).toMatchObject({ id: user.id, sessionId: sid, deviceId: device.id });
      expect(await ask()).toMatchObject({ id: user.id });
      expect(decodes - before).toBe(sqlite ? 1 : 2);
      expect(cache.size).toBe(sqlite ? 1 : 0);
    },
  };
}

describe("a kept verdict", () => {
  it("is reused while nothing changes, and a refusal is never kept", async () => {
    const t = await till();
    await t.warm();
    const decodes = t.decodes;
    for (let i = 0; i < 5; i++) expect(await t.ask()).not.toBeNull();
    expect(t.decodes - decodes).toBe(sqlite ? 0 : 5);

    expect(await t.ask({ token: "forged" })).toBeNull();
    expect(await t.ask({ deviceCookie: "someone-else.secret" })).toBeNull();
    expect(t.cache.size).toBe(sqlite ? 1 : 0);
  });

  it("never answers for a session cookie shown with another device's cookie", async () => {
    const t = await till();
    await t.warm();
    const other = await m.createDevice(db);
    expect(await t.ask({ deviceCookie: other.cookie })).toBeNull();
    expect(await t.ask({ deviceCookie: undefined, token: `tok-${t.sid}` })).not.toBeNull();
  });

  it("is not used on PostgreSQL, where other app instances write unseen", () => {
    expect(changes.complete).toBe(sqlite);
  });
});

describe("ends at once when what it rests on changes", () => {
  const cases: Array<[string, (t: Awaited<ReturnType<typeof till>>) => Promise<unknown>]> = [
    ["the person is revoked", (t) => m.revokeStaff(db, CLI, t.user.username)],
    ["the person is disabled", (t) => m.disableStaff(db, CLI, t.user.username)],
    ["the person's role changes", (t) => m.setRole(db, CLI, t.user.username, "manager")],
    ["the person's password is reset", (t) => m.setPassword(db, CLI, t.user.username, "another-password-1")],
    ["the person's PIN is set", (t) => m.setPin(db, CLI, t.user.username, "8642")],
    ["the till locks (or signs out)", (t) => m.endStaffSession(db, t.sid, "locked")],
    [
      "someone else switches in on the device",
      async (t) => {
        const other = await m.addStaffUser(db, `o${randomBytes(4).toString("hex")}`, "password-1234", "cashier");
        await m.startStaffSession(
          db,
          { userId: other.id, sessionVersion: 1, deviceId: t.device.id, method: "pin", address: "10.0.0.5" },
          POLICY,
        );
      },
    ],
    [
      "the device is revoked",
      (t) =>
        db.updateTable("devices").set({ revoked_at: new Date().toISOString() }).where("id", "=", t.device.id).execute(),
    ],
  ];
  for (const [what, act] of cases) {
    it(`when ${what}`, async () => {
      const t = await till();
      await t.warm();
      await act(t);
      expect(await t.ask()).toBeNull();
      expect(await t.ask()).toBeNull();
    });
  }

  it("when another process (the admin CLI) writes to the same SQLite file", async (context) => {
    if (!sqlite) return context.skip();
    const t = await till();
    await t.warm();
    const cli = new SQLite(path.join(process.env.POS_DATA_DIR!, "scantill.sqlite"));
    try {
      cli.pragma("busy_timeout = 5000");
      cli.prepare("update users set disabled_at = ? where id = ?").run(new Date().toISOString(), t.user.id);
    } finally {
      cli.close();
    }
    expect(await t.ask()).toBeNull();
  });

  it("when the session passes its absolute end, or idles", async () => {
    const t = await till();
    await t.warm();
    expect(await t.ask({ now: new Date(Date.now() + POLICY.maxAgeMs + 1_000) })).toBeNull();

    const u = await till();
    await u.warm();
    expect(await u.ask({ now: new Date(Date.now() + POLICY.idleMs + 61_000) })).toBeNull();
    const ended = await db
      .selectFrom("staff_sessions")
      .select("end_reason")
      .where("id", "=", u.sid)
      .executeTakeFirstOrThrow();
    expect(ended.end_reason).toBe("idle");
  });

  it("after half a minute, when the full check runs again (it keeps last_seen_at fresh)", async () => {
    const t = await till();
    await t.warm();
    const decodes = t.decodes;
    const later = new Date(Date.now() + m.TOUCH_EVERY_MS + 5_000);
    expect(await t.ask({ now: later })).not.toBeNull();
    expect(t.decodes - decodes).toBe(1);
    const row = await db
      .selectFrom("staff_sessions")
      .select("last_seen_at")
      .where("id", "=", t.sid)
      .executeTakeFirstOrThrow();
    expect(row.last_seen_at).toBe(later.toISOString());
  });

  it("when the session cookie itself expires", async () => {
    const t = await till();
    t.setCookieExpiry(Date.now() + 300);
    await t.warm();
    await new Promise((r) => setTimeout(r, 400));
    expect(await t.ask()).toBeNull();
  });
});
