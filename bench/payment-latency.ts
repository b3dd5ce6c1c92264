/**
 * `npm run bench:payment`: how long a cashier waits for "Paid" on a plain sandbox payment, through
 * the whole app (session check, ledger writes with fsync, signing, HTTP to the sandbox) against
 * the same payment sent straight to the sandbox by our QFPay client. Starts its own demo stack
 * (the real launcher, a fresh data folder; bench/lib/demo-stack.ts) on ports 3600/3700 unless
 * --port/--sandbox-port (or BENCH_PORT/BENCH_SANDBOX_PORT) move it, interleaves the two kinds of
 * call, and reports medians, their ratio and their difference (the server's own time). Between
 * payments it also times one fsynced SQLite commit on the ledger's disk (a file of its own in the
 * same folder, WAL and synchronous=FULL like the ledger): a payment makes two such commits on the
 * server, one before QFPay is called and one for its answer (docs/performance.md §1), so
 * `disk_commit_ms_p50` says how much of the difference is the disk's. `server_cpu_ms_per_payment`
 * is the server process's CPU time over the measured payments (their QFPay notifications
 * included) divided by their number: on a busy machine the wait for a CPU swells the latencies,
 * this much less.
 *   npm run bench:payment -- [N] [--port 3630 --sandbox-port 3730]
 * Last line: `BENCH payment_latency {json}`.
 */
import path from "node:path";
import SQLite from "better-sqlite3";
import { sendCpmPayment } from "../lib/qfpay/payments";
import { DEMO_APP_CODE, DEMO_CLIENT_KEY } from "../sandbox/server";
import { signInOverHttp } from "../scripts/lib/staff-session";
import { benchPorts, benchPositional, quantile, sleep, startDemoStack } from "./lib/demo-stack";

const N = Number(benchPositional(0) ?? 40);

async function main(): Promise<void> {
  // One bench "cashier" starts more payments a minute than a person can (PAYMENTS_PER_MINUTE).
  const stack = await startDemoStack(benchPorts({ app: 3600, sandbox: 3700 }), { PAYMENTS_PER_MINUTE: "1000" });
  const APP = stack.appUrl;
  const SANDBOX = stack.sandboxUrl;
  const freshCode = async () =>
    ((await (await fetch(`${SANDBOX}/_sandbox/code?wallet=wechat&outcome=success`)).json()) as { code: string }).code;
  try {
    const cookie = await signInOverHttp(APP);
    const config = {
      baseUrl: SANDBOX,
      appCode: DEMO_APP_CODE,
      clientKey: DEMO_CLIENT_KEY,
      signType: "MD5" as const,
      timeoutMs: 20_000,
    };
    const app: number[] = [];
    const direct: number[] = [];
    const commits: number[] = [];
    const disk = new SQLite(path.join(stack.dataDir, "bench-commit-probe.sqlite"));
    disk.pragma("journal_mode = WAL");
    disk.pragma("synchronous = FULL");
    disk.exec("create table probe (n integer)");
    const probe = disk.prepare("insert into probe (n) values (?)");
    let cpuFrom: number | null = null;
    for (let i = 0; i < N + 3; i++) {
      if (i === 3) cpuFrom = stack.serverCpuMs();
      const [codeA, codeB] = [await freshCode(), await freshCode()];
      let t = performance.now();
      const res = await fetch(`${APP}/api/payments`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ amount: 1250, authCode: codeA }),
      });
      const body = (await res.json()) as { status?: string };
      const appMs = performance.now() - t;
      if (res.status !== 201 || body.status !== "paid")
        throw new Error(`app payment ${i}: HTTP ${res.status} ${JSON.stringify(body)}`);
      t = performance.now();
      const attempt = await sendCpmPayment(config, {
        outTradeNo: `BENCH${Date.now()}${i}`,
        amount: 1250,
        currency: "HKD",
        payType: "800008",
        authCode: codeB,
        txdtm: new Date(),
      });
      const directMs = performance.now() - t;
      if (attempt.outcome.status !== "paid") throw new Error(`direct payment ${i}: ${JSON.stringify(attempt)}`);
      t = performance.now();
      probe.run(i);
      const commitMs = performance.now() - t;
      if (i >= 3) {
        app.push(appMs);
        direct.push(directMs);
        commits.push(commitMs);
      }
    }
    disk.close();
    // The last payment's notification is handled just after its answer.
    await sleep(300);
    const cpuTo = stack.serverCpuMs();
    const result = {
      n: N,
      app_ms_p50: +quantile(app, 0.5).toFixed(1),
      app_ms_p95: +quantile(app, 0.95).toFixed(1),
      direct_ms_p50: +quantile(direct, 0.5).toFixed(1),
      direct_ms_p95: +quantile(direct, 0.95).toFixed(1),
      app_over_direct_p50: +(quantile(app, 0.5) / quantile(direct, 0.5)).toFixed(2),
      app_minus_direct_ms_p50: +(quantile(app, 0.5) - quantile(direct, 0.5)).toFixed(1),
      disk_commit_ms_p50: +quantile(commits, 0.5).toFixed(2),
      server_cpu_ms_per_payment: cpuFrom === null || cpuTo === null ? null : +((cpuTo - cpuFrom) / N).toFixed(2),
      database: process.env.DATABASE_URL ? "postgres" : "sqlite",
    };
    console.log(`BENCH payment_latency ${JSON.stringify(result)}`);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
