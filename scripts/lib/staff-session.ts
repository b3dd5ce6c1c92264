/**
 * Signs a staff member in over HTTP the way the browser does (next-auth's CSRF token, then the
 * credentials callback) and returns the Cookie header to send. For the benchmark and the fault
 * campaign, which drive a running ScanTill without a browser.
 */
export async function signInOverHttp(baseUrl: string, username = "cashier", password = `${username}123`): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (!session.some((c) => c?.includes("session-token"))) throw new Error(`sign-in as ${username} failed (HTTP ${res.status})`);
  return [cookie, ...session].join("; ");
}
