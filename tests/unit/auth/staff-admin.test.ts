/**
 * Staff management on a real database (issue 9): the permission rules (owner / manager / cashier ×
 * every change × the target's role), session_version bumps and ended sessions, audit rows with the
 * right actor and subject and no secret, the last-owner rule (also for the CLI), refusals on one's
 * own account, and the self-service PIN and password change.
 *
 * Also runs on PostgreSQL (TEST_DATABASE_URL): this file gets a database of its own.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { Role } from "@/lib/auth/roles";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";

let harness: LedgerHarness;
let db: Kysely<Database>;
let sa: typeof import("@/lib/auth/staff-admin");
let sessions: typeof import("@/lib/auth/staff-sessions");
let passwords: typeof import("@/lib/auth/passwords");
let passwordHash: string;

const POLICY = { maxAgeMs: 3_600_000, idleMs: 600_000, deviceTrustMs: 86_400_000 };
const PASSWORD = "right-password-1";

beforeAll(async () => {
  harness = await setUpLedger();
  sa = await import("@/lib/auth/staff-admin");
  sessions = await import("@/lib/auth/staff-sessions");
  passwords = await import("@/lib/auth/passwords");
  db = await (await import("@/lib/db")).getDb();
  passwordHash = await passwords.hashPassword(PASSWORD);
});
afterAll(async () => harness?.close());

const uname = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

/** A person made straight in the database (one argon2 hash shared by all: the tests stay quick). */
async function person(role: Role, options: { pin?: boolean; disabled?: boolean } = {}) {
  const username = uname(role.slice(0, 3));
  const id = `id-${username}`;
  await db
    .insertInto("users")
    .values({
      id,
      username,
      role,
      password_hash: passwordHash,
      pin_hash: options.pin ? passwordHash : null,
      created_at: new Date().toISOString(),
      disabled_at: options.disabled ? new Date().toISOString() : null,
    })
    .execute();
  return { id, username, role };
}

function staffActor(p: { id: string; username: string; role: Role }) {
  return {
    kind: "staff" as const,
    id: p.id,
    username: p.username,
    role: p.role,
    deviceId: "dev-1",
    address: "10.0.0.9",
  };
}

async function user(username: string) {
  return db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirstOrThrow();
}

async function auditFor(subject: string) {
  return db.selectFrom("audit_events").selectAll().where("subject", "=", subject).orderBy("id").execute();
}

async function openSession(userId: string, deviceId = `dev-${randomBytes(3).toString("hex")}`) {
  const row = await db.selectFrom("users").select("session_version").where("id", "=", userId).executeTakeFirstOrThrow();
  await sessions.enrollOnDevice(
    db,
    deviceId,
    { id: userId, sessionVersion: row.session_version },
    POLICY.deviceTrustMs,
  );
  const sid = await sessions.startStaffSession(
    db,
    { userId, sessionVersion: row.session_version, deviceId, method: "password", address: "10.0.0.1" },
    POLICY,
  );
  return { sid, deviceId };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof sa.StaffAdminError) return error.staffReason;
    throw error;
  }
  return "allowed";
}

type Action = "add" | "role" | "password" | "pin" | "clearPin" | "disable" | "enable" | "revoke";
const ACTIONS: Action[] = ["add", "role", "password", "pin", "clearPin", "disable", "enable", "revoke"];
const ROLES_: Role[] = ["cashier", "manager", "owner"];

/** What the rules say (issue 9): owners everything; managers cashiers only and never a role; cashiers nothing. */
function expected(actor: Role, action: Action, target: Role): "allowed" | "forbidden" {
  if (actor === "owner") return "allowed";
  if (actor === "manager" && target === "cashier" && action !== "role") return "allowed";
  return "forbidden";
}

async function perform(action: Action, actor: ReturnType<typeof staffActor>, target: Role): Promise<string> {
  if (action === "add")
    return refusal(sa.addStaff(db, actor, { username: uname("new"), password: "temporary-pw", role: target }));
  const t = await person(target, { pin: true, disabled: action === "enable" });
  const other: Role = target === "manager" ? "cashier" : "manager";
  switch (action) {
    case "role":
      return refusal(sa.setRole(db, actor, t.username, other));
    case "password":
      return refusal(sa.setPassword(db, actor, t.username, "another-password"));
    case "pin":
      return refusal(sa.setPin(db, actor, t.username, "4826"));
    case "clearPin":
      return refusal(sa.clearPin(db, actor, t.username));
    case "disable":
      return refusal(sa.disableStaff(db, actor, t.username));
    case "enable":
      return refusal(sa.enableStaff(db, actor, t.username));
    case "revoke":
      return refusal(sa.revokeStaff(db, actor, t.username));
  }
}

describe(`staff administration on ${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"}`, () => {
  // Another active owner always exists here, so demoting or disabling an owner target is a rule
  // question, not a last-owner one (that rule has its own tests below).
  beforeEach(async () => {
    await person("owner");
  });

  describe("the permission rules", () => {
    for (const actorRole of ROLES_) {
      for (const action of ACTIONS) {
        it(`${actorRole}: ${action} a cashier / manager / owner`, async () => {
          const actor = staffActor(await person(actorRole));
          const got: Record<string, string> = {};
          const want: Record<string, string> = {};
          for (const target of ROLES_) {
            got[target] = await perform(action, actor, target);
            want[target] = expected(actorRole, action, target);
          }
          expect(got).toEqual(want);
        });
      }
    }

    it("a manager cannot promote anyone, nor add a manager or owner; the refusal is audited with who tried", async () => {
      const manager = await person("manager");
      const cashier = await person("cashier");
      expect(await refusal(sa.setRole(db, staffActor(manager), cashier.username, "manager"))).toBe("forbidden");
      expect(await refusal(sa.setRole(db, staffActor(manager), cashier.username, "owner"))).toBe("forbidden");
      const wanted = uname("boss");
      expect(
        await refusal(
          sa.addStaff(db, staffActor(manager), { username: wanted, password: "temporary-pw", role: "owner" }),
        ),
      ).toBe("forbidden");
      expect((await user(cashier.username)).role).toBe("cashier");
      expect(
        await db.selectFrom("users").select("id").where("username", "=", wanted).executeTakeFirst(),
      ).toBeUndefined();
      const rows = await auditFor(cashier.username);
      expect(rows.map((r) => [r.action, r.outcome, r.actor_username, r.actor_id])).toEqual([
        ["staff_role", "refused", manager.username, manager.id],
        ["staff_role", "refused", manager.username, manager.id],
      ]);
      expect(JSON.parse(rows[0]!.detail!)).toEqual({ reason: "forbidden", to: "manager" });
      expect((await auditFor(wanted))[0]).toMatchObject({
        action: "staff_add",
        outcome: "refused",
        actor_username: manager.username,
      });
    });
  });

  describe("one's own account", () => {
    it("nobody disables, demotes, signs out or resets themselves through the admin path", async () => {
      const owner = await person("owner");
      const me = staffActor(owner);
      expect(await refusal(sa.setRole(db, me, owner.username, "manager"))).toBe("self");
      expect(await refusal(sa.disableStaff(db, me, owner.username))).toBe("self");
      expect(await refusal(sa.revokeStaff(db, me, owner.username))).toBe("self");
      expect(await refusal(sa.setPassword(db, me, owner.username, "another-password"))).toBe("self");
      expect(await refusal(sa.setPin(db, me, owner.username, "4826"))).toBe("self");
      const row = await user(owner.username);
      expect(row).toMatchObject({ role: "owner", disabled_at: null, session_version: 1, password_hash: passwordHash });
      const audit = await auditFor(owner.username);
      expect(audit.map((r) => [r.action, r.outcome, JSON.parse(r.detail!).reason])).toEqual([
        ["staff_role", "refused", "self"],
        ["staff_disable", "refused", "self"],
        ["staff_revoke", "refused", "self"],
        ["staff_password", "refused", "self"],
        ["staff_pin", "refused", "self"],
      ]);
    });

    it("a manager cannot change another manager either", async () => {
      const a = await person("manager");
      const b = await person("manager");
      expect(await refusal(sa.disableStaff(db, staffActor(a), b.username))).toBe("forbidden");
      expect(await refusal(sa.setPassword(db, staffActor(a), b.username, "another-password"))).toBe("forbidden");
    });
  });

  describe("sessions and the audit trail", () => {
    it("password, PIN, role, disable and revoke bump session_version and end open sessions; enable does not bump", async () => {
      const owner = staffActor(await person("owner"));
      const target = await person("cashier", { pin: true });
      const steps: Array<[string, () => Promise<unknown>, number, string | null]> = [
        ["password", () => sa.setPassword(db, owner, target.username, "new-password-1"), 2, "revoked"],
        ["pin", () => sa.setPin(db, owner, target.username, "4826"), 3, "revoked"],
        ["clearPin", () => sa.clearPin(db, owner, target.username), 4, "revoked"],
        ["role", () => sa.setRole(db, owner, target.username, "manager"), 5, "revoked"],
        ["revoke", () => sa.revokeStaff(db, owner, target.username), 6, "revoked"],
        ["disable", () => sa.disableStaff(db, owner, target.username), 7, "user_disabled"],
        ["enable", () => sa.enableStaff(db, owner, target.username), 7, null],
      ];
      for (const [name, step, version, endReason] of steps) {
        const before = await user(target.username);
        if (!endReason) {
          // Enable: a disabled person has no session to keep or end.
          await step();
          expect((await user(target.username)).session_version, name).toBe(version);
          continue;
        }
        const { sid } = await openSession(target.id);
        expect(await sessions.loadActiveStaff(db, sid, POLICY), name).not.toBeNull();
        await step();
        const after = await user(target.username);
        expect(after.session_version, name).toBe(version);
        expect(after.updated_at! >= (before.updated_at ?? ""), name).toBe(true);
        const row = await db
          .selectFrom("staff_sessions")
          .select(["ended_at", "end_reason"])
          .where("id", "=", sid)
          .executeTakeFirstOrThrow();
        expect(row.end_reason, name).toBe(endReason);
        expect(row.ended_at, name).not.toBeNull();
        expect(await sessions.loadActiveStaff(db, sid, POLICY), name).toBeNull();
        const { device_id } = await db
          .selectFrom("staff_sessions")
          .select("device_id")
          .where("id", "=", sid)
          .executeTakeFirstOrThrow();
        expect(await sessions.enrolledStaff(db, device_id), name).toEqual([]);
      }
      const after = await user(target.username);
      expect(after).toMatchObject({ role: "manager", disabled_at: null, pin_hash: null });
      expect(await passwords.verifyPassword(after.password_hash, "new-password-1")).toBe(true);
    });

    it("a change that changes nothing bumps nothing and writes no audit row", async () => {
      const owner = staffActor(await person("owner"));
      const target = await person("cashier");
      expect(await sa.setRole(db, owner, target.username, "cashier")).toEqual({ changed: false });
      expect(await sa.enableStaff(db, owner, target.username)).toEqual({ changed: false });
      expect(await sa.clearPin(db, owner, target.username)).toEqual({ changed: false });
      await sa.disableStaff(db, owner, target.username);
      expect(await sa.disableStaff(db, owner, target.username)).toEqual({ changed: false });
      expect((await user(target.username)).session_version).toBe(2);
      expect((await auditFor(target.username)).map((r) => r.action)).toEqual(["staff_disable"]);
    });

    it("every change writes one audit row: actor, device, address, subject, and never the password or PIN", async () => {
      const ownerPerson = await person("owner");
      const owner = staffActor(ownerPerson);
      const username = uname("ana");
      const secretPassword = "Sekret-Password-777";
      const secretPin = "480317";
      await sa.addStaff(db, owner, { username, password: secretPassword, role: "cashier", pin: secretPin });
      await sa.setRole(db, owner, username, "manager");
      await sa.setPassword(db, owner, username, `${secretPassword}-2`);
      await sa.setPin(db, owner, username, "715293");
      await sa.disableStaff(db, owner, username);
      await sa.enableStaff(db, owner, username);
      await sa.revokeStaff(db, owner, username);
      const rows = await auditFor(username);
      expect(rows.map((r) => r.action)).toEqual([
        "staff_add",
        "staff_role",
        "staff_password",
        "staff_pin",
        "staff_disable",
        "staff_enable",
        "staff_revoke",
      ]);
      for (const r of rows) {
        expect(r).toMatchObject({
          outcome: "ok",
          actor_id: ownerPerson.id,
          actor_username: ownerPerson.username,
          device_id: "dev-1",
          address: "10.0.0.9",
          subject: username,
        });
        const text = JSON.stringify(r);
        for (const secret of [secretPassword, secretPin, "715293"]) expect(text).not.toContain(secret);
      }
      expect(JSON.parse(rows[0]!.detail!)).toEqual({ role: "cashier", pin: true });
      expect(JSON.parse(rows[1]!.detail!)).toEqual({ from: "cashier", to: "manager" });
      const row = await user(username);
      expect(await passwords.verifyPassword(row.pin_hash!, "715293")).toBe(true);
    });

    it("the CLI acts as cli:<os user>, with no role rules", async () => {
      const cli = sa.cliActor("alice");
      const username = uname("cli");
      await sa.addStaff(db, cli, { username, password: "temporary-pw", role: "owner" });
      await sa.setRole(db, cli, username, "manager");
      const rows = await auditFor(username);
      expect(rows.map((r) => [r.action, r.actor_username, r.actor_id, r.device_id])).toEqual([
        ["staff_add", "cli:alice", null, null],
        ["staff_role", "cli:alice", null, null],
      ]);
    });

    it("lists everyone with role, state, PIN and last sign-in", async () => {
      const a = await person("cashier", { pin: true });
      const b = await person("manager", { disabled: true });
      await openSession(a.id);
      const list = await sa.listStaff(db);
      const la = list.find((p) => p.username === a.username)!;
      const lb = list.find((p) => p.username === b.username)!;
      expect(la).toMatchObject({ role: "cashier", disabled: false, hasPin: true, isDemo: false });
      expect(la.lastSignInAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(lb).toMatchObject({ role: "manager", disabled: true, hasPin: false, lastSignInAt: null });
      expect(list.map((p) => p.username)).toEqual([...list.map((p) => p.username)].sort());
    });
  });

  describe("checks on what was typed", () => {
    it("refuses bad usernames, taken usernames, short passwords and weak or malformed PINs", async () => {
      const owner = staffActor(await person("owner"));
      const add = (username: string, password = "temporary-pw", pin?: string) =>
        refusal(sa.addStaff(db, owner, { username, password, role: "cashier", pin }));
      expect(await add("Bad Name")).toBe("bad_username");
      expect(await add("me")).toBe("bad_username");
      expect(await add(uname("x"), "short")).toBe("password_too_short");
      expect(await add(uname("x"), "x".repeat(300))).toBe("password_too_long");
      expect(await add(uname("x"), "temporary-pw", "12a4")).toBe("pin_format");
      expect(await add(uname("x"), "temporary-pw", "1234")).toBe("pin_too_simple");
      expect(await add(uname("x"), "temporary-pw", "7777")).toBe("pin_too_simple");
      const taken = await person("cashier");
      expect(await add(taken.username)).toBe("exists");
      expect(await refusal(sa.setPin(db, owner, taken.username, "2580"))).toBe("pin_too_simple");
      expect(await refusal(sa.setPassword(db, owner, taken.username, "1234567"))).toBe("password_too_short");
      expect(await refusal(sa.disableStaff(db, owner, "nobody-here"))).toBe("not_found");
      expect(new sa.StaffAdminError("exists", "x").httpStatus).toBe(409);
      expect(new sa.StaffAdminError("last_owner", "x").httpStatus).toBe(409);
      expect(new sa.StaffAdminError("forbidden", "x").httpStatus).toBe(403);
      expect(new sa.StaffAdminError("pin_too_simple", "x").httpStatus).toBe(400);
    });
  });

  describe("self-service", () => {
    it("changes one's own PIN with the current password; this session stays, the others end", async () => {
      const me = await person("cashier");
      const here = await openSession(me.id);
      const elsewhere = await openSession(me.id);
      const self = {
        id: me.id,
        username: me.username,
        sessionId: here.sid,
        deviceId: here.deviceId,
        address: "10.1.1.1",
      };
      expect(await refusal(sa.changeOwnPin(db, self, "wrong-password", "4826"))).toBe("wrong_password");
      expect(await refusal(sa.changeOwnPin(db, self, PASSWORD, "1111"))).toBe("pin_too_simple");
      expect(await sa.changeOwnPin(db, self, PASSWORD, "4826")).toEqual({ changed: true });
      const row = await user(me.username);
      expect(row.session_version).toBe(2);
      expect(await passwords.verifyPassword(row.pin_hash!, "4826")).toBe(true);
      expect(await sessions.loadActiveStaff(db, here.sid, POLICY)).toMatchObject({ id: me.id });
      expect(await sessions.loadActiveStaff(db, elsewhere.sid, POLICY)).toBeNull();
      expect((await sessions.enrolledStaff(db, here.deviceId)).map((s) => s.id)).toEqual([me.id]);
      expect(await sessions.enrolledStaff(db, elsewhere.deviceId)).toEqual([]);
      const audit = await auditFor(me.username);
      expect(audit.map((r) => [r.action, r.outcome, r.actor_username, JSON.parse(r.detail!)])).toEqual([
        ["staff_pin", "refused", me.username, { reason: "wrong_password", self: true }],
        ["staff_pin", "ok", me.username, { pin: "set", self: true }],
      ]);
      for (const r of audit) expect(JSON.stringify(r)).not.toContain("4826");
    });

    it("changes one's own password; wrong current passwords count against the sign-in throttle", async () => {
      const me = await person("manager");
      const here = await openSession(me.id);
      const self = {
        id: me.id,
        username: me.username,
        sessionId: here.sid,
        deviceId: here.deviceId,
        address: "10.2.2.2",
      };
      expect(await sa.changeOwnPassword(db, self, PASSWORD, "brand-new-password")).toEqual({ changed: true });
      expect(await passwords.verifyPassword((await user(me.username)).password_hash, "brand-new-password")).toBe(true);
      expect(await sessions.loadActiveStaff(db, here.sid, POLICY)).not.toBeNull();
      const reasons: string[] = [];
      for (let i = 0; i < 6; i++)
        reasons.push(await refusal(sa.changeOwnPassword(db, self, `guess-${i}-xx`, "another-password")));
      expect(reasons).toEqual([
        "wrong_password",
        "wrong_password",
        "wrong_password",
        "wrong_password",
        "wrong_password",
        "throttled",
      ]);
      expect(await refusal(sa.changeOwnPassword(db, self, "brand-new-password", "another-password"))).toBe("throttled");
    });
  });

  describe("the last active owner", () => {
    beforeEach(async () => {
      // Only this test's owners are active.
      await db
        .updateTable("users")
        .set({ disabled_at: new Date().toISOString() })
        .where("role", "=", "owner")
        .where("disabled_at", "is", null)
        .execute();
    });

    it("is never disabled or demoted, by an owner or by the CLI", async () => {
      const only = await person("owner");
      const cli = sa.cliActor("root");
      expect(await refusal(sa.disableStaff(db, cli, only.username))).toBe("last_owner");
      expect(await refusal(sa.setRole(db, cli, only.username, "manager"))).toBe("last_owner");
      const second = await person("owner");
      expect(await sa.setRole(db, staffActor(second), only.username, "manager")).toEqual({ changed: true });
      expect(await refusal(sa.disableStaff(db, cli, second.username))).toBe("last_owner");
      expect(await refusal(sa.setRole(db, cli, second.username, "cashier"))).toBe("last_owner");
      expect(await user(second.username)).toMatchObject({ role: "owner", disabled_at: null, session_version: 1 });
      const refused = (await auditFor(second.username)).filter((r) => r.outcome === "refused");
      expect(refused.map((r) => [r.action, r.actor_username, JSON.parse(r.detail!).reason])).toEqual([
        ["staff_disable", "cli:root", "last_owner"],
        ["staff_role", "cli:root", "last_owner"],
      ]);
      // A disabled owner does not count, and revoking, resetting or re-enabling an owner is fine.
      expect(await sa.revokeStaff(db, cli, second.username)).toEqual({ changed: true });
      expect(await sa.setPassword(db, cli, second.username, "another-password")).toEqual({ changed: true });
    });

    it("two owners demoting each other at once: one of them stays owner", async () => {
      const a = await person("owner");
      const b = await person("owner");
      const results = await Promise.all([
        refusal(sa.setRole(db, staffActor(a), b.username, "manager")),
        refusal(sa.setRole(db, staffActor(b), a.username, "manager")),
      ]);
      expect(results.sort()).toEqual(["allowed", "last_owner"]);
      const owners = await db
        .selectFrom("users")
        .select("username")
        .where("role", "=", "owner")
        .where("disabled_at", "is", null)
        .execute();
      expect(owners).toHaveLength(1);
    });
  });
});
