/** Where the end-to-end tests find the app, the sandbox and Chromium. */
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

export const E2E = {
  appPort: 3200,
  sandboxPort: 3300,
  appUrl: "http://127.0.0.1:3200",
  sandboxUrl: "http://127.0.0.1:3300",
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
