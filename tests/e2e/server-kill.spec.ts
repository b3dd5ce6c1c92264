/**
 * [OFFLINE]: the till's server is killed (SIGKILL) while a payment request is in flight, then
 * restarted. The payment must end paid exactly once: the browser's outbox looks it up and the
 * restarted server's resolver settles it by enquiry. This test runs its own server and sandbox,
 * since it kills the server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { AppInstance, appEnv } from "../support/app-instance";
import { paymentStatus } from "./support/pos";

let sandbox: RunningSandbox | undefined;
let app: AppInstance | undefined;
let dataDir: string | undefined;

test.afterEach(async () => {
  await app?.stop();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("[OFFLINE]: the server is killed mid-request and restarted → paid exactly once", async ({ page }) => {
  test.setTimeout(120_000);
  // QFPay answers this payment only after 4 s: long enough to kill the server while it waits.
  sandbox = await startSandbox({ port: 0, slowMs: 4_000, pendingMs: 1_000 });
  dataDir = mkdtempSync(path.join(tmpdir(), "scantill-kill-"));
  app = new AppInstance(3260, {
    ...appEnv(sandbox.url, dataDir, "server-kill-test-secret-0123456789-abcdef"),
    PENDING_FIRST_QUERY_MS: "500",
    PENDING_QUERY_INTERVAL_MS: "500",
  });
  await app.start();

  await page.goto(`${app.url}/login`);
  await page.getByTestId("login-username").fill("cashier");
  await page.getByTestId("login-password").fill("cashier123");
  await page.getByTestId("login-submit").click();
  await page.waitForURL("**/sale");
  for (const digit of "2750") await page.getByTestId(`keypad-${digit}`).click();
  await page.getByTestId("charge-button").click();

  const { code } = (await (await fetch(`${sandbox.url}/_sandbox/code?wallet=wechat&outcome=slow`)).json()) as {
    code: string;
  };
  await page.getByTestId("manual-code-toggle").click();
  await page.getByTestId("manual-code-input").fill(code);
  await page.getByTestId("manual-code-submit").click();

  // The request has reached QFPay (the sandbox recorded it) and the server is waiting: kill it.
  const recorded = async () =>
    (
      (await (await fetch(`${sandbox!.url}/_sandbox/transactions`)).json()) as Array<{
        auth_code: string;
        charged: boolean;
        out_trade_no: string;
      }>
    ).filter((t) => t.auth_code === code);
  await expect.poll(async () => (await recorded()).length, { timeout: 15_000 }).toBe(1);
  app.kill();
  await new Promise((r) => setTimeout(r, 500));
  await app.start();

  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 60_000 });
  const records = await recorded();
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ charged: true });
  const view = (await (await page.request.get(`${app.url}/api/payments/${records[0]!.out_trade_no}`)).json()) as {
    status: string;
    amount: number;
  };
  expect(view).toMatchObject({ status: "paid", amount: 2750 });
});
