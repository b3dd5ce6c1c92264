/**
 * The demo stack a benchmark drives: the real launcher (scripts/start.ts: a production build, our
 * HTTP server, the local QFPay sandbox, demo staff) in a fresh data folder, on ports the caller may
 * move so that two checkouts can benchmark on one machine at once:
 *   --port N / BENCH_PORT (the app), --sandbox-port N / BENCH_SANDBOX_PORT (the sandbox). The
 *   sandbox's wallet page, which no benchmark uses, takes any free port (not the next one, which
 *   may be a second stack's).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "../../scripts/lib/build-if-needed";

export type DemoStack = {
  appUrl: string;
  sandboxUrl: string;
  /** The stack's data folder (POS_DATA_DIR): the ledger's disk. */
  dataDir: string;
  /**
   * CPU time (user + system, ms) the app's server process has used so far, or null where /proc
   * cannot tell (not Linux). Less disturbed than throughput by other work on a shared machine.
   */
  serverCpuMs(): number | null;
  stop(): Promise<void>;
};

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `--name value` from the command line, else the environment variable, else the fallback. */
export function benchOption(flag: string, envName: string, fallback: string): string {
  const at = process.argv.indexOf(`--${flag}`);
  if (at >= 0 && process.argv[at + 1]) return process.argv[at + 1]!;
  return process.env[envName] || fallback;
}

/** The positional argument at `index` that is not a flag or a flag's value, or undefined. */
export function benchPositional(index: number): string | undefined {
  const plain: string[] = [];
  for (let i = 2; i < process.argv.length; i++) {
    if (process.argv[i]!.startsWith("--")) i++;
    else plain.push(process.argv[i]!);
  }
  return plain[index];
}

export function benchPorts(defaults: { app: number; sandbox: number }): { app: number; sandbox: number } {
  return {
    app: Number(benchOption("port", "BENCH_PORT", String(defaults.app))),
    sandbox: Number(benchOption("sandbox-port", "BENCH_SANDBOX_PORT", String(defaults.sandbox))),
  };
}

export async function startDemoStack(
  ports: { app: number; sandbox: number },
  extraEnv: Record<string, string> = {},
): Promise<DemoStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "scantill-bench-"));
  const appUrl = `http://127.0.0.1:${ports.app}`;
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(ports.app),
      SANDBOX_PORT: String(ports.sandbox),
      POS_HOST: "127.0.0.1",
      SANDBOX_HOST: "127.0.0.1",
      POS_DATA_DIR: dataDir,
      SANDBOX_WALLET_PORT: "0",
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((r) => server.once("exit", () => r()));
  const stop = async () => {
    server.kill("SIGTERM");
    await Promise.race([exited, sleep(5_000)]);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error("the app did not start within 5 minutes");
      if (server.exitCode !== null)
        throw new Error(`the launcher exited (${server.exitCode}); are ports ${ports.app}/${ports.sandbox} free?`);
      if (
        await fetch(`${appUrl}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(500);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const serverPid = server.pid === undefined ? null : childPid(server.pid);
  return {
    appUrl,
    sandboxUrl: `http://127.0.0.1:${ports.sandbox}`,
    dataDir,
    serverCpuMs: () => (serverPid === null ? null : cpuMs(serverPid)),
    stop,
  };
}

/** The one child process of the launcher (scripts/start.ts spawns the server, scripts/serve.ts). */
function childPid(pid: number): number | null {
  try {
    const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean),
    );
    return children.length === 1 ? Number(children[0]) : null;
  } catch {
    return null;
  }
}

/** utime + stime from /proc/<pid>/stat, in ms (the kernel counts in ticks of 1/100 s). */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
