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
  const full = address.includes("::")
    ? [...groups, ...Array<string>(Math.max(0, 8 - groups.length - tailGroups.length)).fill("0"), ...tailGroups]
    : groups;
  return `${full
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

// Usernames are matched as typed (lower-cased, up to 64 characters); the key's parts are joined
// with "|" and the address always last: whatever a username holds, a key ends with the client's own address.
export const throttleKeys = {
  password: (username: string, address: string): ThrottleKey[] => [
    { key: `user:${username.slice(0, 64)}|${throttleAddress(address)}`, freeTries: 5 },
    { key: `addr:${throttleAddress(address)}`, freeTries: 20 },
  ],
  // PINs are bounded per person and per device (only a device someone unlocked with a password
  // takes PINs at all), not per address: a shop's typos must not lock every till behind its router.
  pin: (userId: string, deviceId: string): ThrottleKey[] => [
    { key: `pin:${userId}|${deviceId}`, freeTries: 5 },
    { key: `pindev:${deviceId}`, freeTries: 20 },
  ],
  /** A PIN for someone who cannot switch in here (unknown, not enrolled, no PIN). */
  pinUnknown: (deviceId: string): ThrottleKey[] => [{ key: `pindev:${deviceId}`, freeTries: 20 }],
};

/** Rows nobody failed on for a day are forgotten, at most every ten minutes per process. */
const CLEANUP_EVERY_MS = 10 * 60_000;
let lastCleanup = 0;

export function lockDurationMs(failures: number, freeTries: number): number {
  if (failures < freeTries) return 0;
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(10, failures - freeTries));
}

/** When the earliest of these keys unlocks, or null if none is locked now. */
export async function throttledUntil(
  db: Kysely<Database>,
  keys: ThrottleKey[],
  now = new Date(),
): Promise<Date | null> {
  const rows = await db
    .selectFrom("sign_in_throttle")
    .select(["locked_until"])
    .where(
      "key",
      "in",
      keys.map((k) => k.key),
    )
    .execute();
  let until: Date | null = null;
  for (const row of rows) {
    if (!row.locked_until) continue;
    const t = new Date(row.locked_until);
    if (t > now && (!until || t > until)) until = t;
  }
  return until;
}

/**
 * Counts this attempt as a failure against every key *before* the secret is checked, so that
 * parallel guesses cannot all pass a lock check that only a finished failure would set. False
 * when a key was already locked: then the secret must not be checked at all. A right secret takes
 * the count back (`attemptSucceeded`).
 */
export async function claimAttempt(db: Kysely<Database>, keys: ThrottleKey[], now = new Date()): Promise<boolean> {
  if (await throttledUntil(db, keys, now)) return false;
  let allowed = true;
  for (const key of keys) {
    if (await countFailure(db, key, now)) allowed = false;
  }
  return allowed;
}

/** Counts one failure against every key (tests, and callers that verified first). */
export async function recordThrottleFailure(
  db: Kysely<Database>,
  keys: ThrottleKey[],
  now = new Date(),
): Promise<void> {
  for (const key of keys) await countFailure(db, key, now);
}

/** One failure, atomically (two instances never lose a count); true when the key was locked before it. */
async function countFailure(db: Kysely<Database>, { key, freeTries }: ThrottleKey, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
  if (now.getTime() - lastCleanup > CLEANUP_EVERY_MS) {
    lastCleanup = now.getTime();
    await db
      .deleteFrom("sign_in_throttle")
      .where("updated_at", "<", windowStart)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", at)]))
      .execute();
  }
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("sign_in_throttle")
      .values({ key, failures: 0, window_started_at: at, locked_until: null, updated_at: at })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    // A fixed window: a day after its first failure the count starts again (unless locked now).
    await trx
      .updateTable("sign_in_throttle")
      .set({ failures: 0, window_started_at: at })
      .where("key", "=", key)
      .where("window_started_at", "<", windowStart)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", at)]))
      .execute();
    // The increment takes the row's lock; what it returns is the state after every earlier attempt.
    const row = await trx
      .updateTable("sign_in_throttle")
      .set((eb) => ({ failures: eb("failures", "+", 1), updated_at: at }))
      .where("key", "=", key)
      .returning(["failures", "locked_until"])
      .executeTakeFirstOrThrow();
    if (row.locked_until && row.locked_until > at) return true;
    const lockMs = lockDurationMs(row.failures, freeTries);
    if (lockMs > 0) {
      await trx
        .updateTable("sign_in_throttle")
        .set({ locked_until: new Date(now.getTime() + lockMs).toISOString() })
        .where("key", "=", key)
        .execute();
    }
    return false;
  });
}

/** The secret was right: the per-person key is cleared, and this attempt no longer counts against the others. */
export async function attemptSucceeded(db: Kysely<Database>, keys: ThrottleKey[]): Promise<void> {
  const [person, ...shared] = keys;
  if (person) await clearThrottle(db, person);
  for (const { key, freeTries } of shared) {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("sign_in_throttle")
        .set((eb) => ({ failures: eb("failures", "-", 1) }))
        .where("key", "=", key)
        .where("failures", ">", 0)
        .execute();
      await trx
        .updateTable("sign_in_throttle")
        .set({ locked_until: null })
        .where("key", "=", key)
        .where("failures", "<", freeTries)
        .execute();
    });
  }
}

/** A success clears the per-person key only: the per-address count keeps slowing a sprayer. */
export async function clearThrottle(db: Kysely<Database>, key: ThrottleKey): Promise<void> {
  await db.deleteFrom("sign_in_throttle").where("key", "=", key.key).execute();
}
