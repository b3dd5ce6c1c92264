/**
 * `npm run bench:payment`: how long a cashier waits for "Paid" on a plain sandbox payment, through
 * the whole app (session check, ledger writes with fsync, signing, HTTP to the sandbox) against
 * the same payment sent straight to the sandbox by our QFPay client. Starts its own demo stack
 * (the real launcher, a fresh data folder) on ports 3600/3700, interleaves the two kinds of
 * call, and reports medians and their ratio. Last line: `BENCH payment_latency {json}`.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "../scripts/lib/build-if-needed";
import { sendCpmPayment } from "../lib/qfpay/payments";
import { DEMO_APP_CODE, DEMO_CLIENT_KEY } from "../sandbox/server";
import { signInOverHttp } from "../scripts/lib/staff-session";

const N = Number(process.argv[2] ?? 40);
const APP = "http://127.0.0.1:3600";
const SANDBOX = "http://127.0.0.1:3700";

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freshCode(): Promise<string> {
  return ((await (await fetch(`${SANDBOX}/_sandbox/code?wallet=wechat&outcome=success`)).json()) as { code: string }).code;
}


async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "scantill-bench-"));
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: repoRoot,
    // One bench "cashier" starts more payments a minute than a person can (PAYMENTS_PER_MINUTE).
    env: { ...process.env, PORT: "3600", SANDBOX_PORT: "3700", POS_HOST: "127.0.0.1", SANDBOX_HOST: "127.0.0.1", POS_DATA_DIR: dataDir, PAYMENTS_PER_MINUTE: "1000" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error("the app did not start within 5 minutes");
      if (await fetch(`${APP}/api/health`).then((r) => r.ok, () => false)) break;
      await sleep(500);
    }
    const cookie = await signInOverHttp(APP);
    const config = { baseUrl: SANDBOX, appCode: DEMO_APP_CODE, clientKey: DEMO_CLIENT_KEY, signType: "MD5" as const, timeoutMs: 20_000 };
    const app: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < N + 3; i++) {
      const [codeA, codeB] = [await freshCode(), await freshCode()];
      let t = performance.now();
      const res = await fetch(`${APP}/api/payments`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ amount: 1250, authCode: codeA }),
      });
      const body = (await res.json()) as { status?: string };
      const appMs = performance.now() - t;
      if (res.status !== 201 || body.status !== "paid") throw new Error(`app payment ${i}: HTTP ${res.status} ${JSON.stringify(body)}`);
      t = performance.now();
      const attempt = await sendCpmPayment(config, { outTradeNo: `BENCH${Date.now()}${i}`, amount: 1250, currency: "HKD", payType: "800008", authCode: codeB, txdtm: new Date() });
      const directMs = performance.now() - t;
      if (attempt.outcome.status !== "paid") throw new Error(`direct payment ${i}: ${JSON.stringify(attempt)}`);
      if (i >= 3) {
        app.push(appMs);
        direct.push(directMs);
      }
    }
    const result = {
      n: N,
      app_ms_p50: +quantile(app, 0.5).toFixed(1),
      app_ms_p95: +quantile(app, 0.95).toFixed(1),
      direct_ms_p50: +quantile(direct, 0.5).toFixed(1),
      direct_ms_p95: +quantile(direct, 0.95).toFixed(1),
      app_over_direct_p50: +(quantile(app, 0.5) / quantile(direct, 0.5)).toFixed(2),
      database: process.env.DATABASE_URL ? "postgres" : "sqlite",
    };
    console.log(`BENCH payment_latency ${JSON.stringify(result)}`);
  } finally {
    server.kill("SIGTERM");
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
