/**
 * Signs a staff member in, proves the session works, then signs out through next-auth's own
 * sign-out (POST /api/auth/signout with its CSRF token, as the browser's sign-out button does) and
 * returns the old session token: afterwards it must be worth nothing (lib/auth/options.ts ends the
 * server-side session in `events.signOut`).
 */
import { signInOverHttp } from "../../scripts/lib/staff-session";
import { SESSION_COOKIE } from "./forged-sessions";
import { cookieValue } from "./server-harness";

export async function signOutOverHttp(baseUrl: string, username: string, password: string): Promise<string> {
  const cookie = await signInOverHttp(baseUrl, username, password);
  const token = cookieValue(cookie, SESSION_COOKIE);
  if (!token) throw new Error("sign-in gave no session token");
  const before = await fetch(`${baseUrl}/api/payments?limit=1`, { headers: { cookie } });
  if (before.status !== 200)
    throw new Error(
      `the fresh session does not work (HTTP ${before.status}): the signed-out check would prove nothing`,
    );
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const fresh = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const jar = [cookie, ...fresh].join("; ");
  const res = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/login", json: "true" }),
  });
  const cleared = res.headers
    .getSetCookie()
    .some(
      (c) =>
        c.startsWith(`${SESSION_COOKIE}=;`) ||
        /^next-auth\.session-token=[^;]*;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c),
    );
  if (!cleared) throw new Error(`sign-out did not clear the session cookie (HTTP ${res.status})`);
  return token;
}
