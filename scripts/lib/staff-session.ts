/**
 * Signs a staff member in over HTTP the way the browser does (next-auth's CSRF token, then the
 * credentials callback) and returns the Cookie header to send. For the benchmark, the fault
 * campaign and the security tests, which drive a running ScanTill without a browser.
 *
 * Every Set-Cookie is kept (a cookie jar by name): the session token, next-auth's CSRF cookie and
 * the device cookie (`scantill-device`, lib/auth/devices.ts), which a till keeps between sign-ins.
 */
type Jar = Map<string, string>;

function keep(jar: Jar, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(";")[0]!;
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
  }
}

const header = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function attempt(baseUrl: string, jar: Jar, username: string, password: string): Promise<Response> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: header(jar) } });
  keep(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  keep(jar, res);
  return res;
}

export async function signInOverHttp(
  baseUrl: string,
  username = "cashier",
  password = `${username}123`,
): Promise<string> {
  const jar: Jar = new Map();
  const res = await attempt(baseUrl, jar, username, password);
  if (!jar.has("next-auth.session-token")) throw new Error(`sign-in as ${username} failed (HTTP ${res.status})`);
  return header(jar);
}
