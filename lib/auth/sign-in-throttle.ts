/**
 * Slows down password guessing: after 5 failures for one username within 5 minutes, that
 * username is locked for 5 minutes. In memory, per process; enough for a till on one server.
 */
const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 5;

const failures = new Map<string, number[]>();

function recent(username: string, now: number): number[] {
  const kept = (failures.get(username) ?? []).filter((t) => now - t < WINDOW_MS);
  failures.set(username, kept);
  return kept;
}

export function isSignInLocked(username: string, now = Date.now()): boolean {
  return recent(username, now).length >= MAX_FAILURES;
}

export function recordSignInFailure(username: string, now = Date.now()): void {
  recent(username, now).push(now);
}

export function clearSignInFailures(username: string): void {
  failures.delete(username);
}
