/**
 * One ScanTill server (scripts/serve.ts on a production build) that a test can start, SIGKILL and
 * start again, as a till's server would crash and come back. Used by the fault campaign and the
 * end-to-end test that kills the server mid-payment.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { repoRoot } from "../../scripts/lib/build-if-needed";
import { serverArgs } from "../../scripts/lib/server-command";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class AppInstance {
  child?: ChildProcess;
  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    // PORT also names the instance as a lease owner (lib/payments/resolver-claims.ts).
    const env = { ...this.env, PORT: String(this.port) };
    this.child = spawn(process.execPath, serverArgs(this.port, "127.0.0.1"), {
      cwd: repoRoot,
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
      const up = await fetch(`${this.url}/api/health`, { signal: controller.signal }).then((r) => r.ok, () => false);
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
