/**
 * Who may work on an outbox item right now (BROWSER ONLY).
 *
 * Owns: `withItemLock` (Web Locks `ifAvailable`, or an IndexedDB lease where Web Locks are missing)
 * and `singleFlight` (one drain at a time in a tab). Must never: wait for a lock (a busy item is
 * skipped, not queued behind), or decide anything about the payment itself. Two devices cannot
 * share an IndexedDB: between devices the server's idempotency on outTradeNo is the guard.
 */
import "client-only";
import type { Outbox } from "./outbox";

/**
 * How long a tab holds an outbox item's IndexedDB lease: longer than one send (35 s timeout) plus its
 * bookkeeping, so a dead tab's lease runs out after this.
 */
export const OUTBOX_LEASE_MS = 60_000;

type LockResult<T> = { acquired: true; value: T } | { acquired: false };

export type ItemLockOptions = {
  outbox: Outbox;
  /** This tab's id (lease owner). */
  owner: string;
  /** `navigator.locks`, or null to use the IndexedDB lease. */
  locks: LockManager | null;
  now?: () => number;
};

function lockName(outTradeNo: string): string {
  return `scantill-outbox:${outTradeNo}`;
}

export function browserLocks(): LockManager | null {
  return typeof navigator !== "undefined" && navigator.locks && typeof navigator.locks.request === "function"
    ? navigator.locks
    : null;
}

/** Runs `fn` only if no other tab (or call) holds this item; otherwise returns `{ acquired: false }` at once. */
export async function withItemLock<T>(
  outTradeNo: string,
  options: ItemLockOptions,
  fn: () => Promise<T>,
): Promise<LockResult<T>> {
  if (options.locks) {
    return options.locks.request(lockName(outTradeNo), { ifAvailable: true }, async (lock): Promise<LockResult<T>> => {
      if (!lock) return { acquired: false };
      return { acquired: true, value: await fn() };
    });
  }
  return withLease(outTradeNo, options, fn);
}

/**
 * The fallback: a lease written on the item in one readwrite transaction (IndexedDB runs those one
 * at a time across tabs, so the check-and-set cannot interleave).
 */
async function withLease<T>(
  outTradeNo: string,
  options: ItemLockOptions,
  fn: () => Promise<T>,
): Promise<LockResult<T>> {
  const now = options.now ?? Date.now;
  let got = false;
  await options.outbox.update(outTradeNo, (item) => {
    if (item.leaseOwner && item.leaseOwner !== options.owner && item.leaseUntil > now()) return null;
    got = true;
    return { ...item, leaseOwner: options.owner, leaseUntil: now() + OUTBOX_LEASE_MS };
  });
  if (!got) return { acquired: false };
  try {
    return { acquired: true, value: await fn() };
  } finally {
    await options.outbox.update(outTradeNo, (item) =>
      item.leaseOwner === options.owner ? { ...item, leaseOwner: null, leaseUntil: 0 } : null,
    );
  }
}

/** One run at a time: a call while running asks for one more run and shares its promise. */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let result: T;
        do {
          again = false;
          result = await run();
        } while (again);
        return result;
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
