/**
 * A ScanTill of the security tests' own: the QFPay sandbox and one app instance (scripts/serve.ts
 * on the production build, demo mode, a fresh data folder) on free ports, as
 * tests/e2e/server-kill.spec.ts and tests/faults/campaign.ts start theirs; the three demo staff
 * signed in over HTTP; the server's log kept (with times) for the reports.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { signInOverHttp } from "../../scripts/lib/staff-session";
import { AppInstance, appEnv } from "../support/app-instance";
import type { Caller } from "./route-table";

export type SignedInCaller = Exclude<Caller, "anon">;

export type LogLine = { at: number; text: string };

export type SecurityServer = {
  url: string;
  /** The app server's process (for /proc/<pid>/status). */
  pid: number;
  dataDir: string;
  secret: string;
  sandbox: RunningSandbox;
  app: AppInstance;
  /** Cookie headers of the demo staff, signed in at start. */
  cookies: Record<SignedInCaller, string>;
  /** Everything the app wrote to stderr since start. */
  log: LogLine[];
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startSecurityServer(
  label: string,
  extraEnv: Record<string, string> = {},
): Promise<SecurityServer> {
  const sandbox = await startSandbox({ port: 0, pendingMs: 1_000, slowMs: 2_000 });
  const dataDir = mkdtempSync(path.join(tmpdir(), `scantill-${label}-`));
  const secret = randomBytes(32).toString("base64url");
  const port = await freePort();
  const app = new AppInstance(port, {
    ...appEnv(sandbox.url, dataDir, secret),
    DATABASE_URL: "",
    // No daily reconciliation timer firing in the middle of a run.
    RECONCILE_AT: "off",
    ...extraEnv,
  });
  const log: LogLine[] = [];
  const stop = async () => {
    await app.stop();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await app.start();
    app.child!.stderr!.on("data", (d: Buffer) => {
      for (const text of d.toString().split("\n")) if (text.trim()) log.push({ at: Date.now(), text });
    });
    const cookies = {
      cashier: await signInOverHttp(app.url, "cashier", "cashier123"),
      manager: await signInOverHttp(app.url, "manager", "manager123"),
      owner: await signInOverHttp(app.url, "owner", "owner123"),
    };
    return { url: app.url, pid: app.child!.pid!, dataDir, secret, sandbox, app, cookies, log, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string, name: string): string | undefined {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The Cookie header with one cookie replaced (or added). */
export function withCookie(header: string, name: string, value: string): string {
  const others = header
    .split(";")
    .map((c) => c.trim())
    .filter((c) => c && !c.startsWith(`${name}=`));
  return [...others, `${name}=${value}`].join("; ");
}

/** A paid payment in the ledger (sandbox code "success"), so reads and refunds meet a real row. */
export async function seedPaidPayment(server: SecurityServer, amount = 1_000): Promise<string> {
  const { code } = (await (
    await fetch(`${server.sandbox.url}/_sandbox/code?wallet=wechat&outcome=success`)
  ).json()) as { code: string };
  const res = await fetch(`${server.url}/api/payments`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: server.cookies.cashier },
    body: JSON.stringify({ amount, authCode: code }),
  });
  const payment = (await res.json()) as { outTradeNo?: string; status?: string };
  if (res.status !== 201 || payment.status !== "paid" || !payment.outTradeNo)
    throw new Error(`seed payment: HTTP ${res.status} ${JSON.stringify(payment)}`);
  return payment.outTradeNo;
}

/** How many transactions the sandbox (our QFPay) has seen: a rejected request must reach none. */
export async function sandboxTransactionCount(server: SecurityServer): Promise<number> {
  return ((await (await fetch(`${server.sandbox.url}/_sandbox/transactions`)).json()) as unknown[]).length;
}
