/**
 * QFPay's request budget: 100 requests per second and 400 per minute per merchant, HTTP 429
 * beyond (docs/qfpay.md §1 "Rate limit", §12). Every request this process sends takes a slot first.
 * Owns: the two sliding windows and the FIFO queue of callers waiting for a slot.
 * Never: drops or reorders a caller (a slot taken without waiting is only ever a free one nobody
 * queues for), or knows about other processes sharing the merchant.
 */
import "server-only";
import type { QfpayConfig } from "./config";

export const QFPAY_RATE_LIMITS = Object.freeze({ perSecond: 100, perMinute: 400 });

const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;

export type RateClock = {
  now(): number;
  /** Calls `fire` once after `ms`; the returned function cancels it. */
  setTimer(fire: () => void, ms: number): () => void;
};

export type RateBudget = {
  /** Resolves when a slot is free in both windows; callers are served in the order they asked. */
  acquire(): Promise<void>;
  /**
   * A slot now if one is free and nobody is waiting, else null (nothing is queued). The grant it
   * returns may be handed back with `release` if its request is not sent after all.
   */
  tryAcquire(): SlotGrant | null;
  /** Gives back a slot from `tryAcquire` whose request never left: it no longer counts. */
  release(grant: SlotGrant): void;
  /** Callers still waiting. */
  readonly waiting: number;
  /** Slots taken within the last minute. */
  readonly usedLastMinute: number;
};

/** A slot taken with `tryAcquire`. */
export type SlotGrant = { readonly at: number };

type RateBudgetOptions = { perSecond?: number; perMinute?: number; clock?: RateClock };

const systemClock: RateClock = {
  now: () => Date.now(),
  setTimer(fire, ms) {
    const handle = setTimeout(fire, ms);
    return () => clearTimeout(handle);
  },
};

export function createRateBudget(options: RateBudgetOptions = {}): RateBudget {
  const perSecond = options.perSecond ?? QFPAY_RATE_LIMITS.perSecond;
  const perMinute = options.perMinute ?? QFPAY_RATE_LIMITS.perMinute;
  const clock = options.clock ?? systemClock;
  if (!(Number.isInteger(perSecond) && perSecond > 0 && Number.isInteger(perMinute) && perMinute > 0)) {
    throw new RangeError("rate limits must be positive integers");
  }
  const keep = Math.max(perSecond, perMinute);
  /** When each recent slot was granted, oldest first; never longer than `keep`. */
  const granted: number[] = [];
  const queue: Array<() => void> = [];
  let wakeUp: (() => void) | null = null;

  const usedSince = (from: number) => granted.filter((t) => t > from).length;

  /** 0 when a slot is free at `now`, else how long until the oldest slot that blocks it expires. */
  function waitMs(now: number): number {
    while (granted.length > 0 && (granted[0] as number) <= now - MINUTE_MS) granted.shift();
    let wait = 0;
    if (granted.length >= perSecond)
      wait = Math.max(wait, (granted[granted.length - perSecond] as number) + SECOND_MS - now);
    if (granted.length >= perMinute)
      wait = Math.max(wait, (granted[granted.length - perMinute] as number) + MINUTE_MS - now);
    return wait;
  }

  function pump(): void {
    if (wakeUp !== null) return;
    while (queue.length > 0) {
      const now = clock.now();
      const wait = waitMs(now);
      if (wait > 0) {
        wakeUp = clock.setTimer(() => {
          wakeUp = null;
          pump();
        }, wait);
        return;
      }
      granted.push(now);
      if (granted.length > keep) granted.shift();
      queue.shift()?.();
    }
  }

  return {
    acquire() {
      return new Promise<void>((resolve) => {
        queue.push(resolve);
        pump();
      });
    },
    tryAcquire() {
      const now = clock.now();
      if (queue.length > 0 || waitMs(now) > 0) return null;
      granted.push(now);
      if (granted.length > keep) granted.shift();
      return { at: now };
    },
    release(grant) {
      const index = granted.lastIndexOf(grant.at);
      if (index < 0) return;
      granted.splice(index, 1);
      // A waiting caller may now fit: wake the queue at once rather than at its timer.
      if (wakeUp !== null) {
        wakeUp();
        wakeUp = null;
      }
      pump();
    },
    get waiting() {
      return queue.length;
    },
    get usedLastMinute() {
      return usedSince(clock.now() - MINUTE_MS);
    },
  };
}

// Next.js may bundle this module into several server chunks, and dev reloads re-evaluate it; a
// plain module variable would give each copy its own budget while QFPay counts them together (§1).
const REGISTRY = Symbol.for("scantill.qfpay.rateBudgets");
type Registry = Map<string, RateBudget>;

/** The one budget of this process for the merchant that `config` speaks for (app code + mchid, §1). */
export function sharedRateBudget(config: Pick<QfpayConfig, "appCode" | "mchid">): RateBudget {
  const holder = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
  const budgets = (holder[REGISTRY] ??= new Map<string, RateBudget>());
  const key = `${config.appCode}\u0000${config.mchid ?? ""}`;
  let budget = budgets.get(key);
  if (budget === undefined) {
    budget = createRateBudget();
    budgets.set(key, budget);
  }
  return budget;
}
