/**
 * What the browser does when the server says its session has ended (issue 11: one place decides).
 * The API clients only report it (a `signedOut` answer, SignedOutError); the query layer
 * (components/providers/query-provider.tsx), the screens' own requests, the till's checks and the
 * service worker's copy check all call `sessionEnded` with how they learnt it:
 *
 * - `request`: a screen's request was refused. The page cannot go on: sign in again, and come back
 *   to this page (a full page load, lib/client/sign-in-page.ts).
 * - `till`: the till's own watch (the session heartbeat, the outbox's sends and look-ups). The till
 *   locks instead (components/till/till-session-provider.tsx): the outbox keeps its payments in
 *   IndexedDB, and a PIN or a sign-in brings the person back to where they were.
 * - `offlineCopy`: the service worker's copy of /sale was shown to a signed-out browser. The copy
 *   is replaced by the sign-in page, which comes back to /sale.
 */
import { goToSignIn } from "./sign-in-page";

type SessionEndNotice = "request" | "till" | "offlineCopy";

let lockTill: (() => void) | null = null;

/** The till session lets the till lock itself while it is mounted; the returned function ends that. */
export function whileTillMounted(lock: () => void): () => void {
  lockTill = lock;
  return () => {
    if (lockTill === lock) lockTill = null;
  };
}

export function sessionEnded(notice: SessionEndNotice = "request"): void {
  if (notice === "till" && lockTill) {
    lockTill();
  } else if (notice === "offlineCopy") {
    goToSignIn({ back: "/sale", replace: true });
  } else {
    goToSignIn();
  }
}
