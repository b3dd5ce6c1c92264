/**
 * `npm start`: builds ScanTill if needed and serves it. With no QFPAY_BASE_URL it runs demo mode:
 * it starts the local QFPay sandbox (sandbox/), points the app at it and lets the app seed demo
 * staff. With real QFPay settings it checks them and never starts the sandbox.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { assertRuntimeEnv, parseEnv } from "../lib/env-schema";
import { buildIfNeeded, repoRoot } from "./lib/build-if-needed";
import { serverArgs } from "./lib/server-command";
import { DEMO_APP_CODE, DEMO_CLIENT_KEY, startSandbox } from "../sandbox/server";

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

function demoSecret(dataDir: string): string {
  const file = path.join(dataDir, "demo-nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4" && !a.internal)
    .map((a) => a!.address);
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let settings;
  try {
    settings = parseEnv(env);
  } catch (error) {
    fail((error as Error).message);
  }
  const demo = !settings.QFPAY_BASE_URL;
  let closeSandbox: (() => Promise<void>) | undefined;
  let walletUrl: string | undefined;

  if (demo) {
    const sandboxPort = Number(env.SANDBOX_PORT ?? settings.PORT + 100);
    // QFPay's notifications (docs/qfpay.md §7) go to the till, as QFPay support would configure them.
    const notifyUrl = `http://127.0.0.1:${settings.PORT}/api/qfpay/notify`;
    // Issue 9: the sandbox's trade and /_sandbox side (every code, the faults) stays on this machine;
    // only the wallet page listens on the LAN, on its own port (sandbox/README.md "Network").
    const sandbox = await startSandbox({
      port: sandboxPort,
      host: env.SANDBOX_HOST ?? "127.0.0.1",
      allowNonLoopback: env.SANDBOX_ALLOW_NON_LOOPBACK === "1",
      lan: { host: "0.0.0.0", port: Number(env.SANDBOX_WALLET_PORT ?? (sandboxPort === 0 ? 0 : sandboxPort + 1)) },
      notifyUrl,
    }).catch((error: Error) =>
      fail(
        `Could not start the QFPay sandbox on port ${sandboxPort}: ${error.message}\nSet SANDBOX_PORT and SANDBOX_WALLET_PORT to free ports.`,
      ),
    );
    closeSandbox = sandbox.close;
    const local = `http://127.0.0.1:${sandbox.port}`;
    walletUrl = `http://${lanAddresses()[0] ?? "127.0.0.1"}:${sandbox.lan?.port ?? sandbox.port}/wallet`;
    Object.assign(env, {
      QFPAY_BASE_URL: local,
      QFPAY_APP_CODE: DEMO_APP_CODE,
      QFPAY_CLIENT_KEY: DEMO_CLIENT_KEY,
      SCANTILL_DEMO: "1",
      NEXTAUTH_SECRET: env.NEXTAUTH_SECRET || demoSecret(settings.POS_DATA_DIR),
    });
    delete env.QFPAY_MCHID;
  }
  try {
    assertRuntimeEnv(parseEnv(env));
  } catch (error) {
    fail((error as Error).message);
  }
  // Without NEXTAUTH_URL, next-auth takes the origin from the request, so a tablet on the LAN works.
  if (!env.NEXTAUTH_URL) env.AUTH_TRUST_HOST = "true";

  if (!buildIfNeeded(env)) fail("The build failed; see the messages above.");

  const port = String(settings.PORT);
  // Our own HTTP server in front of Next (scripts/serve.ts): it alone decides the client's address.
  const server = spawn(process.execPath, serverArgs(port, env.POS_HOST ?? "0.0.0.0"), {
    cwd: repoRoot,
    stdio: "inherit",
    env,
  });
  console.log(
    `\nScanTill ${demo ? "(demo mode: local QFPay sandbox, no real money)" : "(live QFPay: " + settings.QFPAY_BASE_URL + ")"}`,
  );
  console.log(
    `  Till:         http://localhost:${port}${lanAddresses()
      .map((a) => `  http://${a}:${port}`)
      .join("")}`,
  );
  if (walletUrl) console.log(`  Wallet page:  ${walletUrl}   (open on a second phone to play the customer)`);
  if (demo)
    console.log(
      "  Demo staff:   cashier / cashier123 (PIN 1357), manager / manager123 (PIN 2468), owner / owner123 (PIN 3579)\n",
    );

  const stop = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => {
    void (async () => {
      await closeSandbox?.();
      process.exit(code ?? 0);
    })();
  });
}

void main();
