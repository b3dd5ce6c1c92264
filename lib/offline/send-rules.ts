/**
 * What the sync may do with an outbox item (pure, BROWSER-SAFE): the code-lifetime rule and the
 * "may it have reached the server?" rule, in one place so they can be tested with a fake clock.
 *
 * Owns: `decide` and `afterNotFound`. Must never: do I/O.
 *
 * The rules (issue 5 item 2):
 * 1. `queued` (no attempt ever began): sent while the code is within its lifetime and the server is
 *    reachable; once the code is past its lifetime it is never sent: `expired`, the cashier is asked
 *    for a fresh code (which becomes a new payment with a new outTradeNo).
 * 2. `maybe_sent` (an attempt began): never abandoned. It is looked up (GET). Found: the server has
 *    it. 404: if the code is still within its lifetime (and no cancel was asked), the SAME
 *    outTradeNo is sent again; the server's idempotency makes a late first copy a replay. If the
 *    code is too old, it is only marked `expired` when the 404 proves it never arrived: the GET
 *    began at least `NEVER_ARRIVED_MARGIN_MS` after the last attempt ended (its fetch settled, or,
 *    if the page died during it, its start + `SEND_TIMEOUT_MS`, when the browser had dropped it).
 *    The server writes its ledger row the moment a POST arrives, before calling QFPay, so a POST
 *    that reached it before the GET is visible to the GET; one whose connection the browser had
 *    already closed can no longer arrive (nothing between the till and the app stores and forwards
 *    POSTs: the service worker must not replay them). Otherwise it keeps being looked up.
 * 3. `at_server`: looked up until its status is no longer `pending`.
 * 4. A code that can never be sent again (past its lifetime, or a cancel was asked) is erased from
 *    the device at once, whatever the phase: also while a `maybe_sent` item keeps being looked up,
 *    offline, or after a lost answer (issue 9). The item itself stays for the lookup.
 *    `codeIsSpent` / `withoutSpentCode` / `codeEraseDueAt` say when.
 */
import type { OutboxItem } from "./outbox-item";

/** The browser gives up on a POST after this (the server answers within ~20 s, QFPay's timeout). */
export const SEND_TIMEOUT_MS = 35_000;
/** Slack for the server to commit a POST that arrived just before our connection closed. */
export const NEVER_ARRIVED_MARGIN_MS = 10_000;
/** Next look at a payment the server has and is still pending. */
export const PENDING_LOOKUP_MS = 1_000;
/** Next try after a network failure (the heartbeat decides sooner when the network returns). */
export const RETRY_AFTER_UNREACHABLE_MS = 2_000;

type Decision = "send" | "lookup" | "expire" | "wait" | "none";

export function codeIsFresh(item: OutboxItem, now: number): boolean {
  return item.authCode !== null && now < item.codeExpiresAt;
}

/** The stored code can never be sent again (rules 1, 2): it must not stay on the device (rule 4). */
export function codeIsSpent(item: OutboxItem, now: number): boolean {
  return item.authCode !== null && (item.cancelRequested || now >= item.codeExpiresAt);
}

/** The item with its code erased if that code is spent; the same object otherwise. */
export function withoutSpentCode(item: OutboxItem, now: number): OutboxItem {
  return codeIsSpent(item, now) ? { ...item, authCode: null } : item;
}

/** When the stored code becomes spent (the sync must run by then to erase it), or null without a code. */
export function codeEraseDueAt(item: OutboxItem): number | null {
  if (item.authCode === null) return null;
  return item.cancelRequested ? 0 : item.codeExpiresAt;
}

/** When the last send attempt is known to be over (its connection closed). */
export function attemptEndedAt(item: OutboxItem): number {
  if (item.lastSendEndedAt !== null) return item.lastSendEndedAt;
  return (item.lastSendStartedAt ?? item.createdAt) + SEND_TIMEOUT_MS;
}

export function decide(item: OutboxItem, now: number, online: boolean): Decision {
  switch (item.phase) {
    case "queued":
      if (item.cancelRequested || !codeIsFresh(item, now)) return "expire";
      return online ? "send" : "wait";
    case "maybe_sent":
    case "at_server":
      if (!online || now < item.nextActionAt) return "wait";
      return "lookup";
    default:
      return "none";
  }
}

type AfterNotFound = { action: "resend" } | { action: "expire" } | { action: "keep_looking"; nextActionAt: number };

/** A `maybe_sent` item the server answered 404 for, to a GET begun at `lookupStartedAt`. */
export function afterNotFound(item: OutboxItem, lookupStartedAt: number, now: number): AfterNotFound {
  if (!item.cancelRequested && codeIsFresh(item, now)) return { action: "resend" };
  const provenAt = attemptEndedAt(item) + NEVER_ARRIVED_MARGIN_MS;
  if (lookupStartedAt >= provenAt) return { action: "expire" };
  return { action: "keep_looking", nextActionAt: Math.max(provenAt, now + RETRY_AFTER_UNREACHABLE_MS) };
}
