/**
 * [CANCEL] and [REFUND]: a cashier cancels a payment the customer walked away from, and a manager
 * refunds a paid one in two parts, against the local QFPay sandbox, in real Chromium. A cashier's
 * refund with a manager's approval is approval.spec.ts.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "./support/e2e-settings";
import { cameraVideoFor, openWithCamera, type CameraSession } from "./support/fake-camera";
import {
  freshCode,
  keyAmount,
  paymentStatus,
  sandboxRecordsFor,
  signIn,
  type SandboxOutcome,
  type Wallet,
} from "./support/pos";

let session: CameraSession | undefined;
test.afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** A customer's code whose payment stays pending (1143) for `pendingMs`, then ends as `outcome` says. */
async function slowCode(
  request: APIRequestContext,
  wallet: Wallet,
  outcome: SandboxOutcome,
  pendingMs: number,
): Promise<string> {
  const res = await request.get(
    `${E2E.sandboxUrl}/_sandbox/code?wallet=${wallet}&outcome=${outcome}&pendingMs=${pendingMs}`,
  );
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { code: string }).code;
}

test("[CANCEL]: cancelling a pending payment ends Cancelled, and the customer is not charged", async ({ request }) => {
  const code = await slowCode(request, "wechat", "pending_success", 60_000);
  session = await openWithCamera(cameraVideoFor("cancel-pending-qr", { code, format: "qrcode" }));
  const { page } = session;
  await signIn(page);
  await keyAmount(page, 2300);
  await page.getByTestId("charge-button").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "pending", { timeout: 30_000 });

  // A first tap only asks; "keep waiting" sends nothing and puts focus back on the button.
  await page.getByTestId("cancel-payment-button").click();
  await expect(page.getByTestId("cancel-confirm")).toContainText("The customer will not be charged");
  await expect(page.locator("#cancel-confirm-title")).toBeFocused();
  await page.getByTestId("cancel-keep-button").click();
  await expect(page.getByTestId("cancel-payment-button")).toBeFocused();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "pending");

  await page.getByTestId("cancel-payment-button").click();
  await page.getByTestId("cancel-confirm-button").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });
  await expect(page.getByTestId("nothing-charged")).toBeVisible();
  await expect(page.getByTestId("scan-again-button")).toBeVisible();
  await expect(page.getByTestId("new-sale-button")).toBeVisible();

  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]?.charged).toBe(false);
  const outTradeNo = records[0]?.out_trade_no ?? "";
  const view = (await (await page.request.get(`/api/payments/${outTradeNo}`)).json()) as Record<string, unknown>;
  expect(view).toMatchObject({ status: "cancelled", cancelRequested: true, refundableAmount: 0 });
});

test("[SALE]: 1143 for 10 s then success shows Pending (with Cancel) then Paid", async ({ request }) => {
  const code = await slowCode(request, "alipay", "pending_success", 10_000);
  session = await openWithCamera(cameraVideoFor("pending-10s-qr", { code, format: "qrcode" }));
  const { page } = session;
  await signIn(page);
  await keyAmount(page, 4100);
  await page.getByTestId("charge-button").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "pending", { timeout: 30_000 });
  const pendingSeenAt = Date.now();
  await expect(page.getByTestId("elapsed-seconds")).toBeVisible();
  await expect(page.getByTestId("cancel-payment-button")).toBeVisible();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  expect(Date.now() - pendingSeenAt).toBeGreaterThan(7_000);
  await expect(page.getByTestId("paid-after-cancel")).toHaveCount(0);
  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ status: "paid", charged: true });
});

test("[REFUND]: a manager refunds half, then the rest; a third refund is refused", async ({
  page,
  browser,
  request,
}) => {
  await signIn(page, "manager");

  // The payment, taken through the API with the manager's session.
  const code = await freshCode(request, "wechat", "success");
  const outTradeNo = `E2EREFUND${Date.now()}`;
  const taken = await page.request.post("/api/payments", { data: { outTradeNo, amount: 5000, authCode: code } });
  expect(taken.status()).toBe(201);
  expect(await taken.json()).toMatchObject({ status: "paid", refundableAmount: 5000 });

  // A cashier's refund panel asks for a manager's approval (approval.spec.ts), and the API refuses
  // a cashier's refund sent without one.
  const cashierContext = await browser.newContext({ baseURL: E2E.appUrl });
  try {
    const cashierPage = await cashierContext.newPage();
    await signIn(cashierPage);
    await cashierPage.goto(`/payments/${outTradeNo}`);
    await expect(cashierPage.getByTestId("refund-panel")).toHaveAttribute("data-needs-approval", "true");
    const refused = await cashierPage.request.post(`/api/payments/${outTradeNo}/refunds`, {
      data: { amount: 100, outTradeNo: `E2ERC${Date.now()}` },
    });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "approval_required" } });
  } finally {
    await cashierContext.close();
  }

  await page.goto(`/payments/${outTradeNo}`);
  const detail = page.getByTestId("payment-detail");
  await expect(detail).toHaveAttribute("data-status", "paid");
  await expect(page.getByTestId("refundable-amount")).toHaveAttribute("data-amount", "5000");

  // Half: typed in dollars; more than what is left is stopped before anything is sent.
  await page.getByTestId("refund-partial-button").click();
  await page.getByTestId("refund-amount-input").fill("60.00");
  await page.getByTestId("refund-amount-next").click();
  await expect(page.getByTestId("refund-amount-problem")).not.toBeEmpty();
  await expect(page.getByTestId("refund-confirm")).toHaveCount(0);
  await page.getByTestId("refund-amount-input").fill("25");
  await page.getByTestId("refund-amount-next").click();
  await expect(page.getByTestId("refund-confirm")).toHaveAttribute("data-amount", "2500");
  await page.getByTestId("refund-confirm-button").click();
  await expect(page.getByTestId("refund-result")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(detail).toHaveAttribute("data-status", "partially_refunded");
  await expect(page.getByTestId("refundable-amount")).toHaveAttribute("data-amount", "2500");
  await expect(page.getByTestId("refund-row")).toHaveCount(1);

  // The rest.
  await page.getByTestId("refund-full-button").click();
  await expect(page.getByTestId("refund-confirm")).toHaveAttribute("data-amount", "2500");
  await page.getByTestId("refund-confirm-button").click();
  await expect(page.getByTestId("refund-result")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(detail).toHaveAttribute("data-status", "refunded");
  await expect(page.getByTestId("refundable-amount")).toHaveAttribute("data-amount", "0");
  await expect(page.getByTestId("refund-full-button")).toHaveCount(0);
  await expect(page.getByTestId("refund-partial-button")).toHaveCount(0);
  const rows = page.getByTestId("refund-row");
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).toHaveAttribute("data-status", "succeeded");

  // A third refund, even of one cent, is refused by the server.
  const third = await page.request.post(`/api/payments/${outTradeNo}/refunds`, {
    data: { amount: 1, outTradeNo: `E2ER3${Date.now()}` },
  });
  expect(third.status()).toBe(409);
  const after = (await (await page.request.get(`/api/payments/${outTradeNo}`)).json()) as Record<string, unknown>;
  expect(after).toMatchObject({ status: "refunded", refundedAmount: 5000, refundableAmount: 0 });
});
