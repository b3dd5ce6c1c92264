/** Where the end-to-end tests find the app, the sandbox and Chromium. */
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

/**
 * The ports default to 3200 (app) and 3300 (sandbox); E2E_PORT (or E2E_APP_PORT) and
 * E2E_SANDBOX_PORT move them, so two checkouts on one machine can run their tests at the same time.
 */
const appPort = Number(process.env.E2E_PORT || process.env.E2E_APP_PORT || 3200);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT || 3300);

export const E2E = {
  appPort,
  sandboxPort,
  appUrl: `http://127.0.0.1:${appPort}`,
  sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
  dataDir: path.join(root, "tests", ".artifacts", "e2e-data"),
  framesDir: path.join(root, "tests", ".artifacts", "camera"),
};

/** Debian's Chromium (never a downloaded browser build: docs/toolchain.md §5). */
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
