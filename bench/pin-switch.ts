/**
 * `npm run bench:pin`: how long a PIN switch takes on a shared till (issue 9: "a PIN switches the
 * active person in a second"), against a password sign-in on the same server, interleaved: each
 * round is one PIN switch (next-auth CSRF token, the "pin" callback: device check, throttle,
 * argon2 verify, a new server-side session) and one password sign-in, both over HTTP as the browser
 * sends them, then GET /api/session as the till does after unlocking. Starts its own demo app
 * instance and sandbox. Last line: `BENCH pin_switch {json}`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { startSandbox } from "../sandbox/server";
import { AppInstance, appEnv } from "../tests/support/app-instance";

const N = Number(process.argv[2] ?? 30);
const PORT = 3640;

type Jar = Map<string, string>;
const header = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
function keep(jar: Jar, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(";")[0]!;
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}

/** One sign-in as the browser does it; ms from the CSRF request to the till knowing who is there. */
async function signIn(
  base: string,
  jar: Jar,
  provider: "credentials" | "pin",
  fields: Record<string, string>,
): Promise<number> {
  const started = performance.now();
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { cookie: header(jar) } });
  keep(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/${provider}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
    body: new URLSearchParams({ csrfToken, ...fields, json: "true" }),
  });
  keep(jar, res);
  const session = await fetch(`${base}/api/session`, { headers: { cookie: header(jar) } });
  if (session.status !== 200) throw new Error(`${provider} sign-in failed: ${res.status} then ${session.status}`);
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))]!;

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: 0 });
  const dataDir = mkdtempSync(path.join(tmpdir(), "scantill-pin-bench-"));
  const app = new AppInstance(PORT, appEnv(sandbox.url, dataDir, randomBytes(32).toString("base64url")));
  try {
    await app.start();
    const jar: Jar = new Map();
    // Both enrolled on this one "tablet" (password once each), as in the shop.
    await signIn(app.url, jar, "credentials", { username: "manager", password: "manager123" });
    await signIn(app.url, jar, "credentials", { username: "cashier", password: "cashier123" });
    const pin: number[] = [];
    const password: number[] = [];
    for (let i = 0; i < N; i++) {
      const [who, code] = i % 2 ? ["cashier", "1357"] : ["manager", "2468"];
      pin.push(await signIn(app.url, jar, "pin", { username: who, pin: code }));
      password.push(await signIn(app.url, jar, "credentials", { username: who, password: `${who}123` }));
    }
    const result = {
      rounds: N,
      pinMedianMs: Math.round(median(pin)),
      pinP95Ms: Math.round(p95(pin)),
      passwordMedianMs: Math.round(median(password)),
      passwordP95Ms: Math.round(p95(password)),
      pinToPasswordRatio: Number((median(pin) / median(password)).toFixed(2)),
    };
    console.log(
      `PIN switch: median ${result.pinMedianMs} ms (p95 ${result.pinP95Ms}); password sign-in: median ${result.passwordMedianMs} ms (p95 ${result.passwordP95Ms})`,
    );
    console.log(`BENCH pin_switch ${JSON.stringify(result)}`);
  } finally {
    await app.stop();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
