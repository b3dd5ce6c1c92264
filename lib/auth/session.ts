/**
 * Reading the signed-in staff member on the server: for pages (redirect to /login) and for
 * route handlers (see `with-staff.ts`). The cookie only names a server-side session; whether it
 * still stands (not ended, not expired, not idle, user not disabled or changed) is checked in the
 * database on every call (lib/auth/staff-sessions.ts).
 */
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { deviceCookieFrom, deviceFromCookie } from "./devices";
import { authOptions } from "./options";
import { sessionPolicy } from "./policy";
import { hasRole, type Role } from "./roles";
import { loadActiveStaff, type ActiveStaff } from "./staff-sessions";

const SESSION_COOKIE = authOptions.useSecureCookies ? "__Secure-next-auth.session-token" : "next-auth.session-token";

/** The server-side session id in this request's cookie, or null. */
export async function currentSessionId(): Promise<string | null> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (!token || token.length > 8_000) return null;
  try {
    const jwt = await decode({ token, secret: env.NEXTAUTH_SECRET ?? "" });
    return typeof jwt?.sid === "string" ? jwt.sid : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in staff member, or null. The session must be used from the device it was made on
 * (its device cookie): a session cookie copied off the tablet is worth nothing elsewhere, and a
 * PIN's trust stays on the device its person unlocked.
 */
export async function getStaffUser(): Promise<ActiveStaff | null> {
  const sid = await currentSessionId();
  if (!sid) return null;
  const db = await getDb();
  const staff = await loadActiveStaff(db, sid, sessionPolicy);
  if (!staff) return null;
  const jar = await cookies();
  const deviceId = await deviceFromCookie(db, deviceCookieFrom((name) => jar.get(name)?.value));
  return deviceId === staff.deviceId ? staff : null;
}

/** For server components of signed-in pages: the staff member, or a redirect to the sign-in page. */
export async function requireStaffPage(minimum: Role = "cashier", callbackPath = "/sale"): Promise<ActiveStaff> {
  const user = await getStaffUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!hasRole(user.role, minimum)) redirect("/sale");
  return user;
}
