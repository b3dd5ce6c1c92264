/**
 * One ScanTill server (scripts/serve.ts on a production build) that a test can start, SIGKILL and
 * start again, as a till's server would crash and come back. Used by the fault campaign and the
 * end-to-end test that kills the server mid-payment.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { repoRoot } from "../../scripts/lib/build-if-needed";
import { DEMO_APP_CODE, DEMO_CLIENT_KEY } from "../../sandbox/server";
import { serverArgs } from "../../scripts/lib/server-command";

/**
 * The environment of a test's own ScanTill against a local sandbox: demo mode unless `mode` is
 * "live" (then the loopback sandbox stands in for QFPay, which live mode allows on loopback only).
 */
export function appEnv(
  sandboxUrl: string,
  dataDir: string,
  secret: string,
  mode: "demo" | "live" = "demo",
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    QFPAY_BASE_URL: sandboxUrl,
    QFPAY_APP_CODE: DEMO_APP_CODE,
    QFPAY_CLIENT_KEY: DEMO_CLIENT_KEY,
    NEXTAUTH_SECRET: secret,
    POS_DATA_DIR: dataDir,
    ...(mode === "demo" ? { SCANTILL_DEMO: "1", AUTH_TRUST_HOST: "true" } : {}),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class AppInstance {
  child?: ChildProcess;
  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    /** The checkout to serve: this one, or another (the bundle benchmark's baseline). */
    private readonly root = repoRoot,
  ) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    // PORT also names the instance as a lease owner (lib/payments/resolver-claims.ts).
    const env = { ...this.env, PORT: String(this.port) };
    this.child = spawn(process.execPath, serverArgs(this.port, "127.0.0.1", this.root), {
      cwd: this.root,
      env: { NEXTAUTH_URL: this.url, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    this.child.stderr?.on("data", (d: Buffer) => {
      const text = d.toString();
      if (!/ExperimentalWarning|punycode/.test(text)) process.stderr.write(`[app ${this.port}] ${text}`);
    });
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 2_000);
      const up = await fetch(`${this.url}/api/health`, { signal: controller.signal }).then(
        (r) => r.ok,
        () => false,
      );
      clearTimeout(timer);
      if (up) return;
      await sleep(150);
    }
    throw new Error(`app on ${this.port} did not start`);
  }
  kill(): void {
    this.child?.kill("SIGKILL");
    this.child = undefined;
  }
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(5_000)]);
    child.kill("SIGKILL");
  }
}
