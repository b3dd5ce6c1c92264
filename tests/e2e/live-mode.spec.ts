/**
 * [SECURITY] Live mode and the proxy in front of it (issue 9), on its own server and sandbox:
 * - a data folder a demo run used: its demo staff no longer sign in once the till runs live;
 * - behind TRUSTED_PROXY=loopback, the proxy's X-Forwarded-Proto gives HSTS and its
 *   X-Forwarded-For names the client, so the sign-in throttle locks a guesser's address only: the
 *   right password from another address still works.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { AppInstance, appEnv } from "../support/app-instance";

const PORT = 3270;
let sandbox: RunningSandbox | undefined;
let app: AppInstance | undefined;
let dataDir: string | undefined;

test.afterEach(async () => {
  await app?.stop();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Signs in over HTTP as a browser would, from `address` as the proxy reports it; true when a session cookie came back. */
async function signInFrom(base: string, username: string, password: string, address: string): Promise<boolean> {
  const headers = { "x-forwarded-for": address };
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  return res.headers.getSetCookie().some((c) => c.includes("session-token=") && !c.includes("session-token=;"));
}

test("[SECURITY]: demo staff stop working when the same data folder runs live; a trusted proxy's headers are believed, a client's are not", async () => {
  test.setTimeout(180_000);
  sandbox = await startSandbox({ port: 0 });
  dataDir = mkdtempSync(path.join(tmpdir(), "scantill-live-"));
  const secret = "live-mode-test-secret-0123456789-abcdef";
  const common = appEnv(sandbox.url, dataDir, secret, "live");

  // A demo run seeds the demo staff into this folder.
  app = new AppInstance(PORT, appEnv(sandbox.url, dataDir, secret));
  await app.start();
  expect(await signInFrom(app.url, "manager", "manager123", "10.0.0.1")).toBe(true);
  await app.stop();

  // The same folder, live (a real QFPay account would be https; the sandbox on loopback is allowed).
  app = new AppInstance(PORT, { ...common, TRUSTED_PROXY: "loopback" });
  await app.start();
  for (const [user, password] of [
    ["manager", "manager123"],
    ["owner", "owner123"],
    ["cashier", "cashier123"],
  ] as const) {
    expect(await signInFrom(app.url, user, password, "10.0.0.1"), `${user} must not sign in live`).toBe(false);
  }

  // HSTS follows the trusted proxy's word about HTTPS.
  const viaProxy = await fetch(`${app.url}/login`, { headers: { "x-forwarded-proto": "https" } });
  expect(viaProxy.headers.get("strict-transport-security")).toBe("max-age=31536000");
  await app.stop();

  // Without TRUSTED_PROXY the same header from a client is ignored.
  app = new AppInstance(PORT, common);
  await app.start();
  const spoofed = await fetch(`${app.url}/login`, { headers: { "x-forwarded-proto": "https" } });
  expect(spoofed.headers.get("strict-transport-security")).toBeNull();
});

test("[SECURITY]: five wrong passwords lock that person from that address only; the right password from another device works", async () => {
  test.setTimeout(180_000);
  sandbox = await startSandbox({ port: 0 });
  dataDir = mkdtempSync(path.join(tmpdir(), "scantill-throttle-"));
  app = new AppInstance(PORT, {
    ...appEnv(sandbox.url, dataDir, "throttle-test-secret-0123456789-abcdefgh"),
    TRUSTED_PROXY: "loopback",
  });
  await app.start();
  for (let i = 0; i < 5; i++) expect(await signInFrom(app.url, "owner", `wrong-${i}`, "198.51.100.7")).toBe(false);
  // Locked from the guesser's address, even with the right password…
  expect(await signInFrom(app.url, "owner", "owner123", "198.51.100.7")).toBe(false);
  // …but the owner at the café's till signs in.
  expect(await signInFrom(app.url, "owner", "owner123", "10.0.0.20")).toBe(true);
});
