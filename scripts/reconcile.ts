/**
 * `npm run reconcile -- --date YYYY-MM-DD [--json]`: reconciles one merchant day with QFPay, on the
 * database and QFPay settings the app uses (DATABASE_URL or POS_DATA_DIR; QFPAY_*), through the
 * same implementation as GET /api/reconciliation and the daily run (lib/reconcile/reconcile-day.ts).
 *
 * Demo mode (no QFPAY_BASE_URL): the QFPay sandbox lives inside `npm start`, in memory, so the CLI
 * talks to that running sandbox, found the way scripts/start.ts places it (127.0.0.1, SANDBOX_PORT,
 * else PORT + 100), with the demo credentials. Run it from the same folder and environment as
 * `npm start`.
 *
 * Exit status: 0 clean, 1 differences, 2 bad input or the run could not finish.
 */
import { parseEnv, type Env } from "../lib/env-schema";

const USAGE = "usage: npm run reconcile -- --date YYYY-MM-DD [--json]";

type Args = { date: string | undefined; json: boolean };

function parseArgs(argv: string[]): Args | string {
  const args: Args = { date: undefined, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") args.json = true;
    else if (arg === "--date") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) return "--date needs a day, e.g. --date 2025-01-31";
      args.date = value;
    } else if (arg.startsWith("--date=")) args.date = arg.slice("--date=".length);
    else if (arg === "--help" || arg === "-h") return USAGE;
    else return `unknown argument "${arg}"`;
  }
  if (args.date === undefined) return "--date is required";
  return args;
}

function fail(json: boolean, code: string, message: string): never {
  if (json) console.log(JSON.stringify({ error: { code, message } }));
  else console.error(message);
  process.exit(2);
}

/** Points this process at the demo sandbox of a running `npm start`, or explains why it cannot. */
async function startDemoSandbox(settings: Env, json: boolean): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? settings.PORT + 100);
  const base = `http://127.0.0.1:${port}`;
  const healthy = await fetch(`${base}/_sandbox/health`, { signal: AbortSignal.timeout(3_000) })
    .then((r) => r.ok)
    .catch(() => false);
  if (!healthy) {
    fail(
      json,
      "unavailable",
      `Demo mode (QFPAY_BASE_URL is not set): the QFPay sandbox is not answering at ${base}.\n` +
        "Start ScanTill with `npm start` first (the demo sandbox runs inside it), with the same PORT/SANDBOX_PORT,\n" +
        "or set QFPAY_BASE_URL, QFPAY_APP_CODE and QFPAY_CLIENT_KEY for a real QFPay account.",
    );
  }
  const { DEMO_APP_CODE, DEMO_CLIENT_KEY } = await import("../sandbox/server");
  Object.assign(process.env, {
    QFPAY_BASE_URL: base,
    QFPAY_APP_CODE: DEMO_APP_CODE,
    QFPAY_CLIENT_KEY: DEMO_CLIENT_KEY,
    SCANTILL_DEMO: "1",
  });
  delete process.env.QFPAY_MCHID;
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const json = argv.includes("--json");
  if (typeof args === "string") fail(json, "invalid_request", args === USAGE ? USAGE : `${args}\n${USAGE}`);

  let settings: Env;
  try {
    settings = parseEnv(process.env);
  } catch (error) {
    fail(json, "invalid_configuration", (error as Error).message);
  }
  if (!settings.QFPAY_BASE_URL) await startDemoSandbox(settings, json);

  // lib/env.ts reads the environment once, on first import: only now may the app's modules load.
  const { AppError } = await import("../lib/errors");
  const { reconcileDay, parseReconcileDate } = await import("../lib/reconcile/reconcile-day");
  const { describeReport } = await import("../lib/reconcile/plain-text");
  const { getDb } = await import("../lib/db");

  let exitCode = 2;
  try {
    const date = parseReconcileDate(args.date, new Date(), settings.POS_TIME_ZONE);
    const { id, report } = await reconcileDay(date, { trigger: "cli", actor: "reconcile:cli" });
    console.log(json ? JSON.stringify({ id, ...report }, null, 2) : describeReport(report));
    exitCode = report.clean ? 0 : 1;
  } catch (error) {
    if (error instanceof AppError) {
      if (json) console.log(JSON.stringify({ error: { code: error.code, message: error.message } }));
      else console.error(error.message);
    } else {
      console.error("the reconciliation could not finish:", error instanceof Error ? error.message : error);
    }
  } finally {
    await getDb()
      .then((db) => db.destroy())
      .catch(() => undefined);
  }
  process.exit(exitCode);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error((error as Error)?.message ?? error);
  process.exit(2);
});
