/**
 * [ATTENTION]: a payment the cashier was told failed, which QFPay in fact charged (issue 8), is at
 * the top of the manager's attention list, and one tap (plus its confirm) refunds the customer
 * through the sandbox, exactly once. On a phone-sized screen.
 *
 * Set-up: the sandbox really charges the payment (taken through the API); the ledger row is then
 * put where issue 8's enquiry leaves such a payment (`needs_attention`, `charged_after_failure`)
 * by writing the app's SQLite file directly, as the e2e server always runs on SQLite in
 * E2E.dataDir. The state's own path (failed → enquiry → charged_after_failure) is covered by the
 * ledger unit tests; this spec is about what the manager sees and does.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Browser } from "@playwright/test";
import { E2E } from "./support/e2e-settings";
import { markUnsettled } from "./support/ledger-db";
import { freshCode, sandboxTransactions, signIn } from "./support/pos";

const REASON = "charged after we told the cashier it failed: QFPay reports it paid";

/** The ledger row as issue 8's enquiry leaves a payment QFPay charged after the cashier was told it failed. */
function markChargedAfterFailure(outTradeNo: string): void {
  const db = new Database(path.join(E2E.dataDir, "scantill.sqlite"));
  try {
    db.pragma("busy_timeout = 5000");
    const at = new Date().toISOString();
    db.transaction(() => {
      db.prepare(
        `update payments set status = 'needs_attention', attention_kind = 'charged_after_failure', attention_reason = ?, attention_at = ?,
           failure_kind = null, next_check_at = null, updated_at = ? where out_trade_no = ?`,
      ).run(REASON, at, at, outTradeNo);
      db.prepare(
        `insert into payment_events (out_trade_no, at, actor, from_status, to_status, respcd, note) values (?, ?, 'e2e-setup', 'failed', 'needs_attention', '0000', ?)`,
      ).run(outTradeNo, at, REASON);
    })();
  } finally {
    db.close();
  }
}

async function cashierStatus(browser: Browser, url: string, data: unknown): Promise<number> {
  const context = await browser.newContext({ baseURL: E2E.appUrl });
  try {
    const page = await context.newPage();
    await signIn(page);
    return (await page.request.post(url, { data })).status();
  } finally {
    await context.close();
  }
}

test("[ATTENTION]: a manager sees a payment charged after the cashier was told it failed at the top, and refunds it with one tap", async ({
  page,
  browser,
  request,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "manager");

  const outTradeNo = `E2ECHARGED${Date.now()}`;
  const taken = await page.request.post("/api/payments", {
    data: { outTradeNo, amount: 3600, authCode: await freshCode(request, "wechat", "success") },
  });
  expect(taken.status()).toBe(201);
  expect(await taken.json()).toMatchObject({ status: "paid" });
  markChargedAfterFailure(outTradeNo);

  const otherNo = `E2EUNSETTLED${Date.now()}`;
  expect(
    (
      await page.request.post("/api/payments", {
        data: { outTradeNo: otherNo, amount: 1200, authCode: await freshCode(request, "alipay", "success") },
      })
    ).status(),
  ).toBe(201);
  markUnsettled(otherNo);

  // The API: charged-after-failure first; only a manager may decide; bad input is refused.
  const listed = (await (await page.request.get("/api/payments?attention=1")).json()) as {
    payments: Array<{ outTradeNo: string; attentionKind: string | null }>;
  };
  expect(listed.payments[0]).toMatchObject({ outTradeNo, attentionKind: "charged_after_failure" });
  expect(await cashierStatus(browser, `/api/payments/${outTradeNo}/attention`, { action: "refund" })).toBe(403);
  expect(
    (await page.request.post(`/api/payments/${outTradeNo}/attention`, { data: { action: "maybe" } })).status(),
  ).toBe(400);
  expect(
    (await page.request.post(`/api/payments/E2ENOSUCH${Date.now()}/attention`, { data: { action: "keep" } })).status(),
  ).toBe(404);
  expect((await page.request.post(`/api/payments/${otherNo}/attention`, { data: { action: "keep" } })).status()).toBe(
    409,
  );

  // The top bar says so, and the Payments page shows it first.
  await page.goto("/payments");
  await expect(page.getByTestId("attention-count")).toBeVisible();
  const list = page.getByTestId("attention-list");
  await expect(list.getByTestId("attention-row").first()).toHaveAttribute("data-out-trade-no", outTradeNo);
  await expect(list.getByTestId("attention-group-charged")).toContainText(
    "Charged after we told the cashier it failed",
  );
  const row = list.locator(`[data-testid="attention-row"][data-out-trade-no="${outTradeNo}"]`);
  await expect(row.getByTestId("charged-keep-button")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // One tap, one confirm: the customer gets all of it back.
  await row.getByTestId("charged-refund-button").click();
  await expect(row.getByTestId("charged-confirm")).toContainText("HK$36.00");
  await row.getByTestId("charged-confirm-button").click();
  await expect(row.getByTestId("charged-outcome")).toHaveAttribute("data-status", "refund-succeeded", {
    timeout: 30_000,
  });

  const after = (await (await page.request.get(`/api/payments/${outTradeNo}`)).json()) as {
    status: string;
    refunds: Array<{ outTradeNo: string; status: string }>;
  };
  expect(after).toMatchObject({ status: "refunded", refundedAmount: 3600, refundableAmount: 0 });
  expect(after.refunds).toHaveLength(1);
  expect(after.refunds[0]?.status).toBe("succeeded");

  // A second tap (a retry, another manager) answers the same refund and sends nothing new.
  const again = await page.request.post(`/api/payments/${outTradeNo}/attention`, { data: { action: "refund" } });
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { refund: { outTradeNo: string } }).refund.outTradeNo).toBe(
    after.refunds[0]?.outTradeNo,
  );
  expect(
    (await page.request.post(`/api/payments/${outTradeNo}/attention`, { data: { action: "keep" } })).status(),
  ).toBe(409);
  const record = (await sandboxTransactions(request)).find((t) => t.out_trade_no === outTradeNo) as unknown as {
    refunded_amount: string;
    refunds: unknown[];
  };
  expect(record.refunded_amount).toBe("3600");
  expect(record.refunds).toHaveLength(1);

  // It has left the list of things to decide.
  await page.reload();
  await expect(page.locator(`[data-testid="attention-group-charged"] [data-out-trade-no="${outTradeNo}"]`)).toHaveCount(
    0,
  );
});
