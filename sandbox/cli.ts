/**
 * `npm run sandbox`: starts the local QFPay gateway and prints where to point the app and the phone.
 * Settings: SANDBOX_PORT (3100), SANDBOX_HOST (127.0.0.1; anything but loopback also needs
 * SANDBOX_ALLOW_NON_LOOPBACK=1), SANDBOX_WALLET_HOST (none; 0.0.0.0 = a wallet-page-only listener a
 * phone can reach), SANDBOX_WALLET_PORT (SANDBOX_PORT + 1), SANDBOX_NOTIFY_ALLOW (comma list of
 * loopback origins a request's notify_url may name),
 * SANDBOX_APP_CODE, SANDBOX_CLIENT_KEY, SANDBOX_MCHID, SANDBOX_PENDING_MS, SANDBOX_SLOW_MS,
 * SANDBOX_NOTIFY_URL, SANDBOX_NOTIFY_SCALE, SANDBOX_SEED, SANDBOX_RATE_LIMIT=1, SANDBOX_FAULTS (JSON),
 * SANDBOX_REFUND_BALANCE (minor units or "takings"), SANDBOX_REFUND_BLACKOUT=1, SANDBOX_REFUND_PARTIAL=0,
 * SANDBOX_WALLET_CHECK=0 (refuse another wallet's code only through the wrong_wallet_pay_type fault).
 */
import { networkInterfaces } from "node:os";
import { DEFAULT_HOST, DEFAULT_PORT, DEMO_APP_CODE, DEMO_CLIENT_KEY, startSandbox, type FaultsInput } from "./server";

function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

function intEnv(name: string, fallback: number): number {
  const raw = env(name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function numberEnv(name: string): number | undefined {
  const raw = env(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got ${JSON.stringify(raw)}`);
  return value;
}

function flagEnv(name: string): boolean | undefined {
  const raw = env(name)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new Error(`${name} must be 1 or 0, got ${JSON.stringify(raw)}`);
}

function jsonEnv(name: string): unknown {
  const raw = env(name);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new Error(`${name} must be JSON`);
  }
}

function refundsEnv(): NonNullable<Parameters<typeof startSandbox>[0]>["refunds"] {
  const balanceRaw = env("SANDBOX_REFUND_BALANCE");
  const balance =
    balanceRaw === undefined
      ? undefined
      : balanceRaw === "takings"
        ? ("takings" as const)
        : intEnv("SANDBOX_REFUND_BALANCE", 0);
  const blackout = flagEnv("SANDBOX_REFUND_BLACKOUT");
  const partial = flagEnv("SANDBOX_REFUND_PARTIAL");
  return {
    ...(balance === undefined ? {} : { balance }),
    ...(blackout === undefined ? {} : { blackout }),
    ...(partial === undefined ? {} : { partial }),
  };
}

function listEnv(name: string): string[] | undefined {
  const raw = env(name);
  return raw === undefined
    ? undefined
    : raw
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean);
}

/** Addresses a phone on the same network can use when the sandbox listens on all interfaces. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((net) => net !== undefined && net.family === "IPv4" && !net.internal)
    .map((net) => net!.address);
}

async function main(): Promise<void> {
  const host = env("SANDBOX_HOST") ?? DEFAULT_HOST;
  const mchid = env("SANDBOX_MCHID");
  const port = intEnv("SANDBOX_PORT", DEFAULT_PORT);
  const walletHost = env("SANDBOX_WALLET_HOST");
  // Port 0 (any free port) for the gateway gives the wallet listener a free port too.
  const walletPort = intEnv("SANDBOX_WALLET_PORT", port === 0 ? 0 : port + 1);
  const sandbox = await startSandbox({
    port,
    host,
    ...(flagEnv("SANDBOX_ALLOW_NON_LOOPBACK") ? { allowNonLoopback: true } : {}),
    ...(walletHost ? { lan: { host: walletHost, port: walletPort } } : {}),
    merchant: {
      appCode: env("SANDBOX_APP_CODE") ?? DEMO_APP_CODE,
      clientKey: env("SANDBOX_CLIENT_KEY") ?? DEMO_CLIENT_KEY,
      ...(mchid ? { mchid } : {}),
    },
    pendingMs: intEnv("SANDBOX_PENDING_MS", 5000),
    slowMs: intEnv("SANDBOX_SLOW_MS", 8000),
    ...(env("SANDBOX_NOTIFY_URL") ? { notifyUrl: env("SANDBOX_NOTIFY_URL") } : {}),
    ...(listEnv("SANDBOX_NOTIFY_ALLOW") ? { notifyAllow: listEnv("SANDBOX_NOTIFY_ALLOW") } : {}),
    ...(numberEnv("SANDBOX_NOTIFY_SCALE") === undefined ? {} : { notifyScale: numberEnv("SANDBOX_NOTIFY_SCALE") }),
    ...(env("SANDBOX_SEED") ? { seed: intEnv("SANDBOX_SEED", 1) } : {}),
    ...(flagEnv("SANDBOX_RATE_LIMIT") ? { rateLimit: true } : {}),
    ...(jsonEnv("SANDBOX_FAULTS") === undefined ? {} : { faults: jsonEnv("SANDBOX_FAULTS") as FaultsInput }),
    refunds: refundsEnv(),
    ...(flagEnv("SANDBOX_WALLET_CHECK") === false ? { walletCheck: false } : {}),
    log: true,
  });

  const { merchant } = sandbox.config;
  const { lan } = sandbox;
  const phoneUrls =
    lan === null
      ? []
      : lan.host === "0.0.0.0"
        ? lanAddresses().map((ip) => `http://${ip}:${lan.port}/wallet`)
        : [lan.walletUrl];
  const lines = [
    "QFPay sandbox running (simulated gateway; no real money).",
    `  Gateway URL (QFPAY_BASE_URL): ${sandbox.url}`,
    `  Wallet page:                  ${sandbox.walletUrl}`,
    ...phoneUrls.map((u) => `  Wallet page from a phone:     ${u}   (wallet page only)`),
    ...(lan ? [] : ["  (To open the wallet page on a phone, start with SANDBOX_WALLET_HOST=0.0.0.0.)"]),
    `  QFPAY_APP_CODE:   ${merchant.appCode}`,
    `  QFPAY_CLIENT_KEY: ${merchant.clientKey}`,
    `  QFPAY_MCHID:      ${merchant.mchid ?? "(none issued: do not send mchid)"}`,
    `  Pending payments settle after ${sandbox.config.pendingMs} ms; slow answers take ${sandbox.config.slowMs} ms.`,
    `  Notifications: ${sandbox.config.notifyUrl ?? "(no URL)"}${sandbox.config.notifyScale === 1 ? "" : ` (retry schedule x${sandbox.config.notifyScale})`}`,
    `  A request's own notify_url: ${sandbox.config.notifyAllow.length ? `only on ${sandbox.config.notifyAllow.join(", ")}` : "ignored"}`,
    `  Faults: ${sandbox.faults.list().length} rule(s), seed ${sandbox.faults.state().seed}, rate limiter ${sandbox.faults.state().rateLimit ? "on" : "off"} (see /_sandbox/faults)`,
    "Press Ctrl+C to stop.",
  ];
  console.log(lines.join("\n"));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second Ctrl+C forces it
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox…`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
