/**
 * `npm run bench:status`: what a status read costs (issue 10). A pending payment is read about once
 * a second per till; GET /api/payments/{outTradeNo} authenticates (session, user, device) and reads
 * the ledger. Measured against the framework's trivial GET /api/health in the same run, on the same
 * server: 16 keep-alive clients hammer one route for a window, then the other, alternating, so
 * noise from the rest of the machine falls on both alike. Starts its own demo stack
 * (bench/lib/demo-stack.ts), signs in as the cashier and makes one (paid) payment to read.
 *   npm run bench:status -- [--port 3610 --sandbox-port 3710] [--clients 16] [--windows 8] [--window-ms 1500]
 * Last line: `BENCH status_reads {json}`: requests per second of each route, their ratio, and the
 * server process's CPU time per answer of each (from /proc, where there is one).
 */
import { Agent, request } from "node:http";
import { signInOverHttp } from "../scripts/lib/staff-session";
import { benchOption, benchPorts, startDemoStack, type DemoStack } from "./lib/demo-stack";

const CLIENTS = Number(benchOption("clients", "BENCH_CLIENTS", "16"));
const WINDOWS = Number(benchOption("windows", "BENCH_WINDOWS", "8"));
const WINDOW_MS = Number(benchOption("window-ms", "BENCH_WINDOW_MS", "1500"));
const WARMUP_MS = 2_000;

type Target = { name: "health" | "status"; path: string; cookie?: string };

/** What Chromium sends: the server may compress its answers, as it does for the till. */
const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br, zstd", accept: "application/json" };
type Tally = { requests: number; failures: number; ms: number; cpuMs: number };

/** One GET on a kept-alive connection; resolves with the status code once the body is read. */
function get(agent: Agent, url: URL, target: Target): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: target.path,
        headers: target.cookie ? { ...BROWSER_HEADERS, cookie: target.cookie } : BROWSER_HEADERS,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      },
    );
    req.on("error", () => resolve(0));
    req.end();
  });
}

/** `CLIENTS` loops, each one request at a time, until `ms` has passed. */
async function hammer(stack: DemoStack, agent: Agent, base: URL, target: Target, ms: number): Promise<Tally> {
  const tally: Tally = { requests: 0, failures: 0, ms: 0, cpuMs: 0 };
  const cpuBefore = stack.serverCpuMs();
  const started = performance.now();
  const until = started + ms;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const status = await get(agent, base, target);
        if (status === 200) tally.requests++;
        else tally.failures++;
      }
    }),
  );
  tally.ms = performance.now() - started;
  const cpuAfter = stack.serverCpuMs();
  tally.cpuMs = cpuBefore === null || cpuAfter === null ? NaN : cpuAfter - cpuBefore;
  return tally;
}

async function main(): Promise<void> {
  const stack = await startDemoStack(benchPorts({ app: 3610, sandbox: 3710 }));
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    const cookie = await signInOverHttp(stack.appUrl);
    const code = (
      (await (await fetch(`${stack.sandboxUrl}/_sandbox/code?wallet=wechat&outcome=success`)).json()) as {
        code: string;
      }
    ).code;
    const created = await fetch(`${stack.appUrl}/api/payments`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ amount: 1250, authCode: code }),
    });
    const payment = (await created.json()) as { outTradeNo?: string; status?: string };
    if (created.status !== 201 || !payment.outTradeNo)
      throw new Error(`payment: HTTP ${created.status} ${JSON.stringify(payment)}`);

    const base = new URL(stack.appUrl);
    const health: Target = { name: "health", path: "/api/health" };
    const status: Target = { name: "status", path: `/api/payments/${payment.outTradeNo}`, cookie };
    // The status read must really be an authenticated read of this payment.
    const check = await fetch(`${stack.appUrl}${status.path}`, { headers: { cookie } });
    const read = (await check.json()) as { outTradeNo?: string };
    if (check.status !== 200 || read.outTradeNo !== payment.outTradeNo)
      throw new Error(`status read: HTTP ${check.status} ${JSON.stringify(read)}`);
    if ((await fetch(`${stack.appUrl}${status.path}`)).status !== 401)
      throw new Error("a status read without a session was not refused");

    await hammer(stack, agent, base, health, WARMUP_MS);
    await hammer(stack, agent, base, status, WARMUP_MS);
    const empty = (): Tally => ({ requests: 0, failures: 0, ms: 0, cpuMs: 0 });
    const totals: Record<Target["name"], Tally> = { health: empty(), status: empty() };
    for (let w = 0; w < WINDOWS; w++) {
      // Alternate which route goes first so neither always follows the other.
      const order = w % 2 === 0 ? [health, status] : [status, health];
      for (const target of order) {
        const tally = await hammer(stack, agent, base, target, WINDOW_MS);
        totals[target.name].requests += tally.requests;
        totals[target.name].failures += tally.failures;
        totals[target.name].ms += tally.ms;
        totals[target.name].cpuMs += tally.cpuMs;
      }
    }
    const rps = (t: Tally) => (t.requests * 1000) / t.ms;
    // The server's own CPU per answer: throughput on a shared machine also moves with other work.
    const cpuUs = (t: Tally) => (Number.isFinite(t.cpuMs) ? Math.round((t.cpuMs * 1000) / t.requests) : null);
    const result = {
      clients: CLIENTS,
      windows: WINDOWS,
      window_ms: WINDOW_MS,
      health_rps: Math.round(rps(totals.health)),
      status_rps: Math.round(rps(totals.status)),
      status_over_health: +(rps(totals.status) / rps(totals.health)).toFixed(2),
      health_server_cpu_us: cpuUs(totals.health),
      status_server_cpu_us: cpuUs(totals.status),
      failures: totals.health.failures + totals.status.failures,
      payment_status: payment.status,
      database: process.env.DATABASE_URL ? "postgres" : "sqlite",
    };
    if (result.failures > 0)
      throw new Error(`${result.failures} requests did not answer 200: ${JSON.stringify(result)}`);
    console.log(`BENCH status_reads ${JSON.stringify(result)}`);
  } finally {
    agent.destroy();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
