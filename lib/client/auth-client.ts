/**
 * next-auth's browser half, loaded only when someone signs in or out. `next-auth/react` (with the
 * @babel/runtime helpers it pulls in) is ~10 KB gzip that no page needs to show itself, and the app
 * reads its session from the server (GET /api/session), never through next-auth's SessionProvider
 * (docs/first-load.md). The sign-in screens preload it while the person types; the sign-out button
 * loads it (and this module) when it is tapped.
 */
import type { SignInResponse } from "next-auth/react";

const loadNextAuth = () => import("next-auth/react");

/** Fetches the code now (errors are left to the real call), so a later sign-in does not wait for it. */
export function preloadAuthClient(): void {
  void loadNextAuth().catch(() => undefined);
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
