/**
 * Sets up the ledger for a unit-test file: a real sandbox gateway over HTTP, a fresh SQLite file
 * (or the PostgreSQL database in TEST_DATABASE_URL, which CI provides), and the app's environment.
 * Must run before the app's modules are imported, since `lib/env.ts` reads the environment once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { DEMO_APP_CODE, DEMO_CLIENT_KEY, startSandbox, type RunningSandbox } from "@/sandbox/server";

export type LedgerHarness = {
  sandboxUrl: string;
  /** The sandbox itself: its faults switch and its record. */
  sandbox: RunningSandbox;
  dialect: "sqlite" | "postgres";
  /** The sandbox's own record of what it was asked to charge. */
  sandboxTransactions(): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
};

export async function setUpLedger(
  options: { pendingMs?: number; gatewayUrl?: string; windowMs?: number } = {},
): Promise<LedgerHarness> {
  const sandbox = await startSandbox({ port: 0, pendingMs: options.pendingMs ?? 300, slowMs: 500, log: false });
  const dataDir = mkdtempSync(path.join(tmpdir(), "scantill-ledger-"));
  // On PostgreSQL each test file gets a database of its own, made from TEST_DATABASE_URL (the role
  // may create databases): test files run in parallel, and one file's resolver must not claim
  // another file's payments (late checks keep closed payments claimable for 24 hours).
  const own = process.env.TEST_DATABASE_URL ? await createOwnDatabase(process.env.TEST_DATABASE_URL) : undefined;
  const pgUrl = own?.url;
  Object.assign(process.env, {
    QFPAY_BASE_URL: options.gatewayUrl ?? sandbox.url,
    QFPAY_APP_CODE: DEMO_APP_CODE,
    QFPAY_CLIENT_KEY: DEMO_CLIENT_KEY,
    QFPAY_TIMEOUT_MS: "1500",
    PENDING_FIRST_QUERY_MS: "0",
    PENDING_QUERY_INTERVAL_MS: "100",
    PENDING_WINDOW_MS: String(options.windowMs ?? 45_000),
    POS_DATA_DIR: dataDir,
    POS_CURRENCY: "HKD",
    NEXTAUTH_SECRET: "unit-test-secret-0123456789-abcdefghijkl",
  });
  if (pgUrl) process.env.DATABASE_URL = pgUrl;
  else delete process.env.DATABASE_URL;
  return {
    sandboxUrl: sandbox.url,
    sandbox,
    dialect: pgUrl ? "postgres" : "sqlite",
    async sandboxTransactions() {
      const res = await fetch(`${sandbox.url}/_sandbox/transactions`);
      return (await res.json()) as Array<Record<string, unknown>>;
    },
    async close() {
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (own) {
        // Close the app's pool (if this file opened one) before dropping its database.
        const cached = (globalThis as { __scantillDb?: Promise<{ db: { destroy(): Promise<void> } }> }).__scantillDb;
        if (cached) await (await cached).db.destroy().catch(() => {});
        await own.drop().catch(() => {});
      }
    },
  };
}

async function createOwnDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `scantill_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
