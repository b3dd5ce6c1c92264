/**
 * [RECONCILE]: a manager reconciles a day with QFPay (the sandbox) on a phone-sized screen, finds
 * the one difference on their payments — a payment the cashier was told failed that QFPay charged
 * — and settles it on the payment's page; a needs_attention payment QFPay shows paid is settled by
 * the reconciliation itself. A cashier has no Reconcile link, no page and no API.
 *
 * Set-up: the sandbox really charges both payments (taken through the API); the ledger rows are
 * then put where the difference leaves them by writing the app's SQLite file directly (the e2e
 * server always runs on SQLite in E2E.dataDir): one `failed`, as a ledger from before issue 8 held
 * such a payment, one `needs_attention` with no late check due. Other specs share the server and
 * its day, so every assertion looks at this spec's own payments.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { E2E } from "./support/e2e-settings";
import { freshCode, signIn } from "./support/pos";

/** The merchant's business day now (the e2e server runs on the default Asia/Hong_Kong). */
function merchantToday(offsetDays = 0): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Hong_Kong",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

function editLedger(outTradeNo: string, set: string, ...params: Array<string | null>): void {
  const db = new Database(path.join(E2E.dataDir, "scantill.sqlite"));
  try {
    db.pragma("busy_timeout = 5000");
    const at = new Date().toISOString();
    db.prepare(`update payments set ${set}, updated_at = ? where out_trade_no = ?`).run(...params, at, outTradeNo);
  } finally {
    db.close();
  }
}

/**
 * The sandbox notifies the till of every success (docs/qfpay.md §7) and the till answers a notification
 * for a payment that is not paid with an enquiry (issue 8): wait until it has been delivered, so it
 * cannot settle the ledger rows this spec is about to rewrite.
 */
async function waitForNotification(request: APIRequestContext, outTradeNo: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const list = (await (await request.get(`${E2E.sandboxUrl}/_sandbox/notifications`)).json()) as Array<{
          out_trade_no: string;
          state: string;
        }>;
        return list.find((n) => n.out_trade_no === outTradeNo)?.state;
      },
      { timeout: 15_000 },
    )
    .toBe("delivered");
}

async function asCashier<T>(browser: Browser, fn: (page: import("@playwright/test").Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ baseURL: E2E.appUrl, viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await signIn(page);
    return await fn(page);
  } finally {
    await context.close();
  }
}

test("[RECONCILE]: a manager reconciles a day with one difference and settles it", async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "manager");
  const today = merchantToday();

  // Two payments the sandbox charged.
  const wrong = `E2ERECWRONG${Date.now()}`;
  const open = `E2ERECOPEN${Date.now()}`;
  for (const [outTradeNo, amount, wallet] of [
    [wrong, 2750, "wechat"],
    [open, 1300, "alipay"],
  ] as const) {
    const taken = await page.request.post("/api/payments", {
      data: { outTradeNo, amount, authCode: await freshCode(request, wallet, "success") },
    });
    expect(taken.status()).toBe(201);
    expect(await taken.json()).toMatchObject({ status: "paid" });
    await waitForNotification(request, outTradeNo);
  }
  // The ledger says the first failed (the cashier was told so) and has no answer for the second.
  editLedger(wrong, "status = 'failed', failure_kind = 'other_method', respcd = '1297'");
  editLedger(
    open,
    "status = 'needs_attention', attention_kind = 'unsettled', attention_reason = 'e2e: no answer from QFPay', attention_at = ?, next_check_at = null",
    new Date().toISOString(),
  );

  // The API refuses bad days with a 400 and its own error body.
  for (const bad of ["", "yesterday", "2025-02-30", merchantToday(3)]) {
    const res = await page.request.get(`/api/reconciliation?date=${encodeURIComponent(bad)}`);
    expect(res.status()).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_request" } });
  }
  expect((await page.request.get("/api/reconciliation/latest?trigger=nope")).status()).toBe(400);

  // The manager's Reconcile screen, from the top bar (on a phone, behind its menu button).
  await page.getByTestId("top-bar-menu").click();
  await page.getByTestId("nav-reconcile").click();
  await page.waitForURL("**/reconcile");
  await expect(page.getByTestId("last-auto-run")).toBeVisible();
  await page.getByTestId("reconcile-date").fill(today);
  await page.getByTestId("reconcile-run").click();
  const result = page.getByTestId("reconcile-result");
  await expect(result).toHaveAttribute("data-date", today, { timeout: 60_000 });

  // One difference on these payments, in plain words, with what to do.
  const difference = result.locator(`[data-testid="difference-row"][data-out-trade-no="${wrong}"]`);
  await expect(difference).toHaveAttribute("data-kind", "status_differs");
  await expect(difference).toHaveAttribute("data-flagged", "true");
  await expect(difference.getByTestId("difference-explanation")).toContainText(
    "The cashier was told it failed, but QFPay charged the customer HK$27.50",
  );
  await expect(difference.getByTestId("difference-todo")).toContainText("refund the customer, or keep it");
  await expect(result.locator(`[data-testid="difference-row"][data-out-trade-no="${open}"]`)).toHaveCount(0);
  // The needs_attention payment was settled by QFPay's record.
  await expect(result.locator(`[data-testid="settled-row"][data-out-trade-no="${open}"]`)).toHaveAttribute(
    "data-to",
    "paid",
  );
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const settledView = (await (await page.request.get(`/api/payments/${open}`)).json()) as Record<string, unknown>;
  expect(settledView).toMatchObject({ status: "paid" });

  // The manager acts on the payment's page: the customer got the goods, so keep it.
  await difference.getByTestId("difference-open-payment").click();
  await page.waitForURL(`**/payments/${wrong}`);
  await expect(page.getByTestId("payment-detail")).toHaveAttribute("data-status", "needs_attention");
  await page.getByTestId("charged-decision").getByTestId("charged-keep-button").click();
  await expect(page.getByTestId("charged-outcome")).toHaveAttribute("data-status", "kept", { timeout: 30_000 });
  await expect(page.getByTestId("payment-detail")).toHaveAttribute("data-status", "paid");

  // Reconciled again, the day has no difference on these payments, and both count as matched.
  const again = await page.request.get(`/api/reconciliation?date=${today}`);
  expect(again.status()).toBe(200);
  const report = (await again.json()) as {
    date: string;
    differences: Array<{ outTradeNo: string }>;
    matched: { count: number; amount: number };
    settled: unknown[];
    ranAt: string;
  };
  expect(report.date).toBe(today);
  expect(report.differences.filter((d) => d.outTradeNo === wrong || d.outTradeNo === open)).toEqual([]);
  expect(report.matched.count).toBeGreaterThanOrEqual(2);
  expect(report.matched.amount).toBeGreaterThanOrEqual(2750 + 1300);

  // Stored: the latest manual run is this one.
  const latest = (await (await page.request.get("/api/reconciliation/latest?trigger=manual")).json()) as {
    run: { date: string; status: string; trigger: string } | null;
  };
  expect(latest.run).toMatchObject({ date: today, status: "done", trigger: "manual" });
});

test("[RECONCILE]: a cashier has no Reconcile link, no page and no API", async ({ browser }) => {
  await asCashier(browser, async (page) => {
    await page.getByTestId("top-bar-menu").click();
    await expect(page.getByTestId("nav-sale")).toBeVisible();
    await expect(page.getByTestId("nav-reconcile")).toHaveCount(0);
    expect((await page.request.get(`/api/reconciliation?date=${merchantToday(-1)}`)).status()).toBe(403);
    expect((await page.request.get("/api/reconciliation/latest")).status()).toBe(403);
    await page.goto("/reconcile");
    await page.waitForURL("**/sale");
  });
  // Signed out: 401, nothing run.
  const anonymous = await browser.newContext({ baseURL: E2E.appUrl });
  try {
    expect((await anonymous.request.get(`/api/reconciliation?date=${merchantToday(-1)}`)).status()).toBe(401);
  } finally {
    await anonymous.close();
  }
});
