/**
 * The ScanTill servers the bundle benchmark measures: one per checkout (this one and, with
 * `--compare`, an older one), each the real production build (`next build` when its sources are
 * newer than its build, as `npm start` does) served by scripts/serve.ts in demo mode against one
 * local QFPay sandbox, with its own empty data folder and the demo staff.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildIfNeeded } from "../../scripts/lib/build-if-needed";
import { signInOverHttp } from "../../scripts/lib/staff-session";
import { startSandbox } from "../../sandbox/server";
import { AppInstance, appEnv } from "../../tests/support/app-instance";

export type Checkout = { label: string; root: string; port: number };

type RunningApp = Checkout & {
  url: string;
  /** The Cookie header of a signed-in demo staff member (signed in once, over HTTP). */
  cookiesFor(user: "cashier" | "manager" | "owner"): Promise<string>;
};

type Servers = { apps: RunningApp[]; close(): Promise<void> };

export function buildAll(checkouts: Checkout[]): void {
  for (const checkout of checkouts) {
    if (!buildIfNeeded({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, checkout.root))
      throw new Error(`the build of ${checkout.root} failed`);
  }
}

export async function startServers(checkouts: Checkout[]): Promise<Servers> {
  const sandbox = await startSandbox({ port: 0 });
  const started: { app: AppInstance; dataDir: string }[] = [];
  const apps: RunningApp[] = [];
  try {
    for (const checkout of checkouts) {
      const dataDir = mkdtempSync(path.join(tmpdir(), "scantill-bundle-bench-"));
      const app = new AppInstance(
        checkout.port,
        appEnv(sandbox.url, dataDir, randomBytes(32).toString("base64url")),
        checkout.root,
      );
      started.push({ app, dataDir });
      await app.start();
      const signedIn = new Map<string, Promise<string>>();
      apps.push({
        ...checkout,
        url: app.url,
        cookiesFor(user) {
          if (!signedIn.has(user)) signedIn.set(user, signInOverHttp(app.url, user));
          return signedIn.get(user)!;
        },
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  async function stop(): Promise<void> {
    for (const { app, dataDir } of started) {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    await sandbox.close();
  }
  return { apps, close: stop };
}

/** A Cookie header ("a=1; b=2") as Playwright cookies for `url`. */
export function cookiesForBrowser(header: string, url: string): { name: string; value: string; url: string }[] {
  return header
    .split("; ")
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url };
    });
}
