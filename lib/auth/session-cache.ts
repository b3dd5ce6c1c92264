/**
 * Sessions already checked (issue 10, docs/performance.md §3). A till reads an open payment about
 * once a second; each read used to decrypt the session cookie (a key derivation every time) and read
 * the session, its user and the device. Here a verdict is kept and reused while nothing that could
 * change it has happened:
 * - no write to staff_sessions, users or devices since the check began, by this process or another
 *   on the same SQLite file (lib/db/table-changes.ts): a sign-out, a lock, a PIN switch, a revoke, a
 *   disable, a role, password or PIN change, a device revoked: every one of these ends the reuse at
 *   once, before the next request is answered;
 * - the session is before its absolute end and its cookie before its expiry;
 * - its last_seen_at is under TOUCH_EVERY_MS old: past that, the full check runs, which keeps
 *   last_seen_at fresh and applies the idle end (TOUCH_EVERY_MS is far shorter than any idle end).
 * A refusal is never kept, nor anything on PostgreSQL, where other app instances write unseen.
 *
 * Owns: the verdicts of one database handle. Never: decides a session alone (`checkStaffSession`
 * and `deviceFromCookie` do), or keeps more than MAX_ENTRIES.
 */
import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { TableChanges } from "@/lib/db/table-changes";
import { deviceFromCookie } from "./devices";
import { checkStaffSession, TOUCH_EVERY_MS, type ActiveStaff, type SessionPolicy } from "./staff-sessions";

/** The tables whose rows decide whether a session stands. */
export const SESSION_TABLES = ["staff_sessions", "users", "devices"] as const;

/** Far more tills and tabs than a shop has; the oldest verdict goes first beyond this. */
const MAX_ENTRIES = 1_000;

/** The session id in a session cookie and when the cookie itself expires, or null if it is not ours. */
export type SessionTokenDecoder = (token: string) => Promise<{ sid: string; expiresAtMs: number | null } | null>;

export type SessionRequest = {
  db: Kysely<Database>;
  changes: TableChanges;
  /** The session cookie's value. */
  token: string;
  /** The device cookie's value (lib/auth/devices.ts), if any. */
  deviceCookie: string | undefined;
  policy: SessionPolicy;
  decode: SessionTokenDecoder;
  now?: Date;
};

type Verdict = { staff: ActiveStaff; stamp: string; validUntilMs: number; lastSeenAtMs: number };

export class SessionCache {
  private readonly verdicts = new Map<string, Verdict>();

  /** How many verdicts are kept (for tests). */
  get size(): number {
    return this.verdicts.size;
  }

  /** The staff member this session cookie and device cookie stand for, or null. */
  async staffFor(request: SessionRequest): Promise<ActiveStaff | null> {
    const { db, changes, token, deviceCookie, policy } = request;
    const now = request.now ?? new Date();
    const key = `${token}\u0000${deviceCookie ?? ""}`;
    // Taken before anything is read: a write that lands meanwhile makes this stamp stale.
    const stamp = changes.complete ? changes.stamp(SESSION_TABLES) : null;
    const kept = this.verdicts.get(key);
    if (kept) {
      const t = now.getTime();
      if (kept.stamp === stamp && t < kept.validUntilMs && t - kept.lastSeenAtMs <= TOUCH_EVERY_MS)
        return { ...kept.staff };
      this.verdicts.delete(key);
    }

    const decoded = await request.decode(token);
    if (!decoded) return null;
    const checked = await checkStaffSession(db, decoded.sid, policy, now);
    if (!checked) return null;
    // A session works only with its device's cookie: one copied off the tablet is worth nothing.
    if ((await deviceFromCookie(db, deviceCookie)) !== checked.staff.deviceId) return null;
    if (stamp !== null) {
      if (this.verdicts.size >= MAX_ENTRIES) this.verdicts.delete(this.verdicts.keys().next().value!);
      this.verdicts.set(key, {
        staff: checked.staff,
        stamp,
        validUntilMs: Math.min(checked.expiresAtMs, decoded.expiresAtMs ?? Infinity),
        lastSeenAtMs: checked.lastSeenAtMs,
      });
    }
    return { ...checked.staff };
  }
}

const caches = new WeakMap<TableChanges, SessionCache>();

/** The one cache for the database whose writes `changes` sees. */
export function sessionCacheFor(changes: TableChanges): SessionCache {
  let cache = caches.get(changes);
  if (!cache) {
    cache = new SessionCache();
    caches.set(changes, cache);
  }
  return cache;
}
