/**
 * next-auth's browser half, loaded only when someone signs in or out. `next-auth/react` (with the
 * @babel/runtime helpers it pulls in) is ~10 KB gzip that no page needs to show itself, and the app
 * reads its session from the server (GET /api/session, till-api.ts, whose schemas bring zod),
 * never through next-auth's SessionProvider (docs/first-load.md). The sign-in screens preload both
 * while the person types; the sign-out button loads next-auth (and this module) when it is tapped.
 */
import type { SignInResponse } from "next-auth/react";
import type { TillSession } from "@/lib/contract/till";

const loadNextAuth = () => import("next-auth/react");
const loadTillApi = () => import("./till-api");

/** Fetches the code now (errors are left to the real call), so a later sign-in does not wait for it. */
export function preloadAuthClient(): void {
  void loadNextAuth().catch(() => undefined);
  void loadTillApi().catch(() => undefined);
}

/** Who the server says is at the till now, right after a sign-in; null when it does not say. */
export async function signedInSession(): Promise<TillSession | null> {
  const answer = await loadTillApi().then(
    (api) => api.fetchTillSession(),
    () => null,
  );
  return answer?.kind === "active" ? answer.session : null;
}

/** Signs in with a credentials provider ("credentials": password, "pin": PIN switch), no redirect. */
export async function signInWith(
  provider: "credentials" | "pin",
  fields: Record<string, string>,
): Promise<SignInResponse | undefined> {
  const { signIn } = await loadNextAuth();
  return signIn<"credentials">(provider, { ...fields, redirect: false });
}

/** Signs out and goes to `callbackUrl` (a full page load). */
export async function signOutTo(callbackUrl: string): Promise<void> {
  const { signOut } = await loadNextAuth();
  await signOut({ callbackUrl });
}
