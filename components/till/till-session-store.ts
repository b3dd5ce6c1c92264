/**
 * The till's memory of who is at it, in localStorage: the top bar and the outbox read it even when
 * the page was served offline from the service worker's copy (whose HTML names whoever loaded it).
 * Cleared when the till locks or signs out; other tabs follow through the `storage` event.
 */
import type { TillSession } from "@/lib/contract/till";

const KEY = "scantill.till-session";
/** The server ended the session or someone locked the till: unlock before the outbox sends again. */
const LOCKED_KEY = "scantill.till-locked";

export function readStoredSession(): TillSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as TillSession) : null;
  } catch {
    return null;
  }
}

export function storeSession(session: TillSession): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(session));
    localStorage.removeItem(LOCKED_KEY);
  } catch {
    // Private mode or storage full: the in-memory state still works for this tab.
  }
}

export function storeLocked(): void {
  try {
    localStorage.removeItem(KEY);
    localStorage.setItem(LOCKED_KEY, String(Date.now()));
  } catch {
    // as above
  }
}

export function isStoredLocked(): boolean {
  try {
    return localStorage.getItem(LOCKED_KEY) !== null;
  } catch {
    return false;
  }
}

export const TILL_STORAGE_KEYS = [KEY, LOCKED_KEY];
