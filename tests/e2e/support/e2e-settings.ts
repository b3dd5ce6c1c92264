/** Where the end-to-end tests find the app, the sandbox and Chromium. */
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

/** A port from the environment (so several worktrees can run their tests at once), else the default. */
function portFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 && value < 65536 ? value : fallback;
}

const appPort = portFromEnv("E2E_APP_PORT", 3200);
const sandboxPort = portFromEnv("E2E_SANDBOX_PORT", 3300);

export const E2E = {
  appPort,
  sandboxPort,
  appUrl: `http://127.0.0.1:${appPort}`,
  sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
  dataDir: path.join(root, "tests", ".artifacts", "e2e-data"),
  framesDir: path.join(root, "tests", ".artifacts", "camera"),
};

/** Debian's Chromium (never a downloaded browser build: toolchain FINDINGS §5). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium off the closed network (env "Known to work"). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
