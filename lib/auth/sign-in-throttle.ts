/**
 * Slows down guessing of passwords and PINs, in the database so every instance shares it.
 *
 * Keys (issue 9): one per (username, client address), so a guesser cannot lock the owner out from
 * another device; one per client address, so spraying many usernames from one place is slowed too;
 * one per (user, device) for PINs. After a key's free tries the lock grows: 30 s, 1 min, 2 min …
 * up to 15 min per further failure. Failures older than a day are forgotten.
 */
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";

export type ThrottleKey = { key: string; freeTries: number };

const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const WINDOW_MS = 24 * 60 * 60_000;

/**
 * The part of an address one client controls: an IPv6 client usually holds a whole /64, so its
 * addresses count as one (otherwise rotating them would dodge every per-address limit).
 */
export function throttleAddress(address: string): string {
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const groups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const full = address.includes("::") ? [...groups, ...Array(Math.max(0, 8 - groups.length - tailGroups.length)).fill("0"), ...tailGroups] : groups;
  return `${full.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

// Usernames are matched as typed (lower-cased, up to 64 characters); the key's parts are joined
// with "|" and the address always last: whatever a username holds, a key ends with the client's own address.
export const throttleKeys = {
  password: (username: string, address: string): ThrottleKey[] => [
    { key: `user:${username.slice(0, 64)}|${throttleAddress(address)}`, freeTries: 5 },
    { key: `addr:${throttleAddress(address)}`, freeTries: 20 },
  ],
  pin: (userId: string, deviceId: string, address: string): ThrottleKey[] => [
    { key: `pin:${userId}|${deviceId}`, freeTries: 5 },
    { key: `addr:${throttleAddress(address)}`, freeTries: 20 },
  ],
};

/** Rows nobody failed on for a day are forgotten, at most every ten minutes per process. */
const CLEANUP_EVERY_MS = 10 * 60_000;
let lastCleanup = 0;

export function lockDurationMs(failures: number, freeTries: number): number {
  if (failures < freeTries) return 0;
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(10, failures - freeTries));
}

/** When the earliest of these keys unlocks, or null if none is locked now. */
export async function throttledUntil(db: Kysely<Database>, keys: ThrottleKey[], now = new Date()): Promise<Date | null> {
  const rows = await db.selectFrom("sign_in_throttle").select(["locked_until"]).where("key", "in", keys.map((k) => k.key)).execute();
  let until: Date | null = null;
  for (const row of rows) {
    if (!row.locked_until) continue;
    const t = new Date(row.locked_until);
    if (t > now && (!until || t > until)) until = t;
  }
  return until;
}

/** Counts one failure against every key (atomically: two instances never lose a count). */
export async function recordThrottleFailure(db: Kysely<Database>, keys: ThrottleKey[], now = new Date()): Promise<void> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
  if (now.getTime() - lastCleanup > CLEANUP_EVERY_MS) {
    lastCleanup = now.getTime();
    await db.deleteFrom("sign_in_throttle").where("updated_at", "<", windowStart).where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", at)])).execute();
  }
  for (const { key, freeTries } of keys) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("sign_in_throttle")
        .values({ key, failures: 0, window_started_at: at, locked_until: null, updated_at: at })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      // A day without failures starts the count again.
      await trx
        .updateTable("sign_in_throttle")
        .set({ failures: 0, window_started_at: at, locked_until: null })
        .where("key", "=", key)
        .where("updated_at", "<", windowStart)
        .execute();
      await trx
        .updateTable("sign_in_throttle")
        .set((eb) => ({ failures: eb("failures", "+", 1), updated_at: at }))
        .where("key", "=", key)
        .execute();
      const row = await trx.selectFrom("sign_in_throttle").select("failures").where("key", "=", key).executeTakeFirstOrThrow();
      const lockMs = lockDurationMs(row.failures, freeTries);
      if (lockMs > 0) {
        await trx.updateTable("sign_in_throttle").set({ locked_until: new Date(now.getTime() + lockMs).toISOString() }).where("key", "=", key).execute();
      }
    });
  }
}

/** A success clears the per-person key only: the per-address count keeps slowing a sprayer. */
export async function clearThrottle(db: Kysely<Database>, key: ThrottleKey): Promise<void> {
  await db.deleteFrom("sign_in_throttle").where("key", "=", key.key).execute();
}
