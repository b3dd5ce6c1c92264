/**
 * When and how long the transport waits before repeating a call that is safe to repeat
 * (docs/architecture.md §7.1). Pure: no timers, no I/O.
 * Never: decides that a call is safe to repeat; the caller's retry policy does.
 */
import "server-only";

export type BackoffSettings = {
  /** Sends in all, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
  /** A Retry-After longer than this is not waited for: the call returns its unknown result. */
  maxRetryAfterMs: number;
};

/**
 * docs/qfpay.md §1, §12 say "back off exponentially" and give no numbers. Four sends over at most
 * 250 + 500 + 1000 ms keeps an enquiry (which a cashier's screen may be waiting on) within a few
 * seconds; the ledger's poller, not the transport, is what keeps asking for longer (docs/qfpay.md §9).
 */
export const DEFAULT_BACKOFF: Readonly<BackoffSettings> = Object.freeze({
  attempts: 4,
  baseMs: 250,
  capMs: 4_000,
  maxRetryAfterMs: 10_000,
});

export function backoffSettings(overrides: Partial<BackoffSettings> | undefined): BackoffSettings {
  const settings = { ...DEFAULT_BACKOFF, ...overrides };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`backoff ${name} must be a non-negative number`);
  }
  if (!Number.isInteger(settings.attempts) || settings.attempts < 1)
    throw new RangeError("backoff attempts must be a whole number ≥ 1");
  return settings;
}

/**
 * The wait after failed send number `attempt` (1-based): base·2^(attempt−1), capped, times a
 * jitter factor in [½, 1] so that callers that failed together do not return together.
 * `random` is in [0, 1), like `Math.random`.
 */
export function backoffDelayMs(attempt: number, settings: BackoffSettings, random: () => number): number {
  const exponential = Math.min(settings.capMs, settings.baseMs * 2 ** (attempt - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(exponential * (0.5 + r / 2));
}

/** RFC 9110 Retry-After: delay-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
