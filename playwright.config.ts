import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E } from "./tests/e2e/support/e2e-settings";

export default defineConfig({
  testDir: "./tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: "./tests/.artifacts/playwright",
  use: {
    baseURL: E2E.appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    // The service worker stays out of every test but pwa.spec.ts (which allows it): no background
    // precaching and no worker between a test and the network (page.route does not see its fetches).
    serviceWorkers: "block",
  },
  // The real demo launcher: production build, local QFPay sandbox, demo staff, fresh data folder.
  webServer: {
    command: `rm -rf ${E2E.dataDir} && node --import tsx scripts/start.ts`,
    url: `${E2E.appUrl}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E.appPort),
      POS_HOST: "127.0.0.1",
      SANDBOX_PORT: String(E2E.sandboxPort),
      SANDBOX_HOST: "127.0.0.1",
      POS_DATA_DIR: E2E.dataDir,
      PENDING_FIRST_QUERY_MS: "1000",
      PENDING_QUERY_INTERVAL_MS: "1000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
