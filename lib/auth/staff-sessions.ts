/**
 * Staff sessions the server can end. The next-auth cookie carries only a session id (`sid`); every
 * request looks the session up here (a primary-key read), so disabling a user, a revoke, a
 * password/PIN reset, a role change, a lock or a sign-out ends it at once, on every instance.
 *
 * Lifetimes (issue 9): an absolute one (SESSION_MAX_HOURS from sign-in, never renewed) and an idle
 * one (TILL_LOCK_MINUTES without a request, plus a minute for the till's own heartbeat). One active
 * person per device: a PIN switch ends the previous person's session on that device.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, SignInMethod } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { TillStaff } from "@/lib/contract/till";
import { deviceCookieFrom, deviceFromCookie } from "./devices";
import { isRole, type StaffUser } from "./roles";

export type SessionPolicy = { maxAgeMs: number; idleMs: number; deviceTrustMs: number };

export type ActiveStaff = StaffUser & { sessionId: string; deviceId: string; method: SignInMethod };

/** last_seen_at is written at most this often (a read per request, a write per half minute). */
export const TOUCH_EVERY_MS = 30_000;

export async function startStaffSession(
  db: Kysely<Database>,
  args: { userId: string; sessionVersion: number; deviceId: string; method: SignInMethod; address: string },
  policy: SessionPolicy,
  now = new Date(),
): Promise<string> {
  const id = randomUUID();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // One active person per till.
    await trx
      .updateTable("staff_sessions")
      .set({ ended_at: at, end_reason: "switched" })
      .where("device_id", "=", args.deviceId)
      .where("ended_at", "is", null)
      .execute();
    await trx
      .insertInto("staff_sessions")
      .values({
        id,
        user_id: args.userId,
        device_id: args.deviceId,
        method: args.method,
        session_version: args.sessionVersion,
        created_at: at,
        expires_at: new Date(now.getTime() + policy.maxAgeMs).toISOString(),
        last_seen_at: at,
        ended_at: null,
        end_reason: null,
        address: args.address,
      })
      .execute();
  });
  return id;
}

/** The staff member behind a live session, or null (ended, expired, idle, user disabled or changed). */
export async function loadActiveStaff(
  db: Kysely<Database>,
  sessionId: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<ActiveStaff | null> {
  return (await checkStaffSession(db, sessionId, policy, now))?.staff ?? null;
}

/**
 * `loadActiveStaff` with how long its verdict can stand without a new look (lib/auth/session-cache.ts):
 * until the session's absolute end, and while its last_seen_at is younger than TOUCH_EVERY_MS.
 */
export type CheckedSession = { staff: ActiveStaff; expiresAtMs: number; lastSeenAtMs: number };

export async function checkStaffSession(
  db: Kysely<Database>,
  sessionId: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<CheckedSession | null> {
  const row = await db
    .selectFrom("staff_sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id",
      "s.device_id",
      "s.method",
      "s.session_version",
      "s.expires_at",
      "s.last_seen_at",
      "s.ended_at",
      "u.id as user_id",
      "u.username",
      "u.role",
      "u.disabled_at",
      "u.session_version as user_version",
    ])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (!row || row.ended_at) return null;
  const at = now.toISOString();
  const reason = row.disabled_at
    ? "user_disabled"
    : row.user_version !== row.session_version
      ? "revoked"
      : row.expires_at <= at
        ? "expired"
        : now.getTime() - new Date(row.last_seen_at).getTime() > policy.idleMs
          ? "idle"
          : null;
  if (reason) {
    if (await endStaffSession(db, sessionId, reason, now)) {
      await recordAudit(db, {
        action: "session_ended",
        actor: { id: row.user_id, username: row.username },
        deviceId: row.device_id,
        detail: { reason },
        at,
      });
    }
    return null;
  }
  if (!isRole(row.role)) return null;
  let lastSeenAtMs = new Date(row.last_seen_at).getTime();
  if (now.getTime() - lastSeenAtMs > TOUCH_EVERY_MS) {
    await db.updateTable("staff_sessions").set({ last_seen_at: at }).where("id", "=", sessionId).execute();
    lastSeenAtMs = now.getTime();
  }
  return {
    staff: {
      id: row.user_id,
      username: row.username,
      role: row.role,
      sessionId: row.id,
      deviceId: row.device_id,
      method: row.method,
    },
    expiresAtMs: new Date(row.expires_at).getTime(),
    lastSeenAtMs,
  };
}

export async function endStaffSession(
  db: Kysely<Database>,
  sessionId: string,
  reason: string,
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable("staff_sessions")
    .set({ ended_at: now.toISOString(), end_reason: reason })
    .where("id", "=", sessionId)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The till locks (idle, or the person stepped away): their session ends, they stay enrolled on the
 * device and come back with their PIN. Audited once, by whichever request ended it.
 */
export async function lockTill(
  db: Kysely<Database>,
  staff: ActiveStaff,
  address: string | null,
  now = new Date(),
): Promise<void> {
  if (!(await endStaffSession(db, staff.sessionId, "locked", now))) return;
  await recordAudit(db, {
    action: "lock",
    actor: { id: staff.id, username: staff.username },
    deviceId: staff.deviceId,
    address,
    at: now.toISOString(),
  });
}

/**
 * A session that ended a short while ago still vouches for a payment its person scanned while the
 * till was offline (issue 9, attribution): the code itself lives at most PAYMENT_CODE_LIFETIME_MS.
 */
export async function sessionVouchesFor(
  db: Kysely<Database>,
  sessionId: string,
  deviceId: string,
  graceMs: number,
  now = new Date(),
): Promise<{ id: string; username: string } | null> {
  const row = await db
    .selectFrom("staff_sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.device_id",
      "s.ended_at",
      "s.end_reason",
      "s.session_version",
      "u.id",
      "u.username",
      "u.disabled_at",
      "u.session_version as user_version",
    ])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (!row || row.device_id !== deviceId || row.disabled_at || row.user_version !== row.session_version) return null;
  if (row.ended_at && (row.end_reason === "revoked" || row.end_reason === "user_disabled")) return null;
  if (row.ended_at && now.getTime() - new Date(row.ended_at).getTime() > graceMs) return null;
  return { id: row.id, username: row.username };
}

/** Staff who unlocked this device with their password and may switch to it by PIN. */
export async function enrollOnDevice(
  db: Kysely<Database>,
  deviceId: string,
  user: { id: string; sessionVersion: number },
  trustMs: number,
  now = new Date(),
): Promise<void> {
  const values = {
    device_id: deviceId,
    user_id: user.id,
    enrolled_at: now.toISOString(),
    expires_at: new Date(now.getTime() + trustMs).toISOString(),
    session_version: user.sessionVersion,
  };
  await db
    .insertInto("device_staff")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["device_id", "user_id"]).doUpdateSet({
        enrolled_at: values.enrolled_at,
        expires_at: values.expires_at,
        session_version: values.session_version,
      }),
    )
    .execute();
}

export async function forgetOnDevice(db: Kysely<Database>, deviceId: string, userId: string): Promise<void> {
  await db.deleteFrom("device_staff").where("device_id", "=", deviceId).where("user_id", "=", userId).execute();
}

export type EnrolledStaff = {
  id: string;
  username: string;
  role: StaffUser["role"];
  hasPin: boolean;
  pinHash: string | null;
  sessionVersion: number;
};

/** Who may switch in by PIN on this device: enrolled, not expired, not disabled, not revoked since. */
export async function enrolledStaff(
  db: Kysely<Database>,
  deviceId: string,
  now = new Date(),
): Promise<EnrolledStaff[]> {
  const rows = await db
    .selectFrom("device_staff as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .select([
      "u.id",
      "u.username",
      "u.role",
      "u.pin_hash",
      "u.session_version",
      "u.disabled_at",
      "d.session_version as enrolled_version",
      "d.expires_at",
    ])
    .where("d.device_id", "=", deviceId)
    .orderBy("u.username")
    .execute();
  return rows
    .filter(
      (r) =>
        !r.disabled_at &&
        r.session_version === r.enrolled_version &&
        r.expires_at > now.toISOString() &&
        isRole(r.role),
    )
    .map((r) => ({
      id: r.id,
      username: r.username,
      role: r.role,
      hasPin: !!r.pin_hash,
      pinHash: r.pin_hash,
      sessionVersion: r.session_version,
    }));
}

/**
 * Who may switch in by PIN on the device a request's cookie names: the lock screen's list
 * (`GET /api/till/staff`) and the sign-in page's. Nobody without this device's own valid cookie, so
 * another browser learns nothing.
 */
export async function tillStaffOf(
  db: Kysely<Database>,
  cookie: (name: string) => string | undefined,
): Promise<TillStaff[]> {
  const deviceId = await deviceFromCookie(db, deviceCookieFrom(cookie));
  if (!deviceId) return [];
  return (await enrolledStaff(db, deviceId)).map((s) => ({ username: s.username, role: s.role, hasPin: s.hasPin }));
}
