/**
 * Reading the signed-in staff member on the server: for pages (redirect to /login) and for
 * route handlers (see `with-staff.ts`). The cookie only names a server-side session; whether it
 * still stands (not ended, not expired, not idle, user not disabled or changed) is checked in the
 * database (lib/auth/staff-sessions.ts), and that verdict is reused only until something it rests
 * on is written (lib/auth/session-cache.ts).
 */
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { getDb, getTableChanges } from "@/lib/db";
import { env } from "@/lib/env";
import { deviceCookieFrom } from "./devices";
import { authOptions } from "./options";
import { sessionPolicy } from "./policy";
import { hasRole, type Role } from "./roles";
import { sessionCacheFor, type SessionTokenDecoder } from "./session-cache";
import type { ActiveStaff } from "./staff-sessions";

const SESSION_COOKIE = authOptions.useSecureCookies ? "__Secure-next-auth.session-token" : "next-auth.session-token";

/** next-auth's cookie: a JWT that carries only the server-side session id (`sid`). */
const decodeSessionToken: SessionTokenDecoder = async (token) => {
  try {
    const jwt = await decode({ token, secret: env.NEXTAUTH_SECRET ?? "" });
    if (typeof jwt?.sid !== "string") return null;
    return { sid: jwt.sid, expiresAtMs: typeof jwt.exp === "number" ? jwt.exp * 1000 : null };
  } catch {
    return null;
  }
};

/** Where the cookies are read from: a route handler's own request, or Next's `cookies()`. */
type CookieReader = { get(name: string): { value: string } | undefined };

/**
 * The signed-in staff member, or null. The session must be used from the device it was made on
 * (its device cookie): a session cookie copied off the tablet is worth nothing elsewhere, and a
 * PIN's trust stays on the device its person unlocked.
 *
 * Route handlers pass their request's cookies: Next's `cookies()` in a route handler builds the
 * writable cookie store, which cost a status read about as much as its ledger read (docs/performance.md §3).
 */
export async function getStaffUser(requestCookies?: CookieReader): Promise<ActiveStaff | null> {
  const jar = requestCookies ?? (await cookies());
  const token = jar.get(SESSION_COOKIE)?.value;
  if (!token || token.length > 8_000) return null;
  const [db, changes] = await Promise.all([getDb(), getTableChanges()]);
  return sessionCacheFor(changes).staffFor({
    db,
    changes,
    token,
    deviceCookie: deviceCookieFrom((name) => jar.get(name)?.value),
    policy: sessionPolicy,
    decode: decodeSessionToken,
  });
}

/** For server components of signed-in pages: the staff member, or a redirect to the sign-in page. */
export async function requireStaffPage(minimum: Role = "cashier", callbackPath = "/sale"): Promise<ActiveStaff> {
  const user = await getStaffUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!hasRole(user.role, minimum)) redirect("/sale");
  return user;
}
