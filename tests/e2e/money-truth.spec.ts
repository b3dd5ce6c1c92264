/**
 * [MONEY]: QFPay's documents allow a /payment answer that says "failed" while the customer was
 * charged (1296 "slow network", 1297, 1204, 1147: issue 8). The till must never tell the cashier
 * "ask for another method" on such an answer: it checks with QFPay, and ends Paid when QFPay's
 * record says the customer paid.
 */
import { expect, test } from "@playwright/test";
import { cameraVideoFor, openWithCamera, type CameraSession } from "./support/fake-camera";
import { E2E } from "./support/e2e-settings";
import { freshCode, keyAmount, paymentStatus, sandboxRecordsFor, signIn } from "./support/pos";

let session: CameraSession | undefined;
test.afterEach(async ({ request }) => {
  await session?.close();
  session = undefined;
  await request.delete(`${E2E.sandboxUrl}/_sandbox/faults`);
});

test("[MONEY]: a payment answered 1296 that QFPay in fact charged ends Paid, charged once", async ({ request }) => {
  const faults = await request.post(`${E2E.sandboxUrl}/_sandbox/faults`, {
    data: { path: "/trade/v1/payment", kind: "charged_despite_failure", respcd: "1296", count: 1 },
  });
  expect(faults.ok()).toBe(true);
  const code = await freshCode(request, "wechat", "success");
  session = await openWithCamera(cameraVideoFor("charged-1296", { code, format: "qrcode" }));
  const { page } = session;
  await signIn(page);
  await keyAmount(page, 4200);
  await page.getByTestId("charge-button").click();

  // Whatever the screen shows on the way, it never says "failed": read it every 100 ms until Paid.
  const seen = new Set<string>();
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const status = await paymentStatus(page)
      .getAttribute("data-status", { timeout: 1_000 })
      .catch(() => null);
    if (status) seen.add(status);
    if (status === "paid") break;
    await page.waitForTimeout(100);
  }
  expect([...seen]).toContain("paid");
  expect([...seen]).not.toContain("failed");
  await expect(page.getByTestId("paid-syssn")).toHaveText(/\d{26}/);

  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ txamt: "4200", status: "paid", charged: true });

  // The ledger kept QFPay's word: the 1296 answer, then the enquiry that found it paid.
  const view = await page.request.get(`/api/payments/${records[0]!.out_trade_no}`);
  expect(await view.json()).toMatchObject({
    status: "paid",
    checking: false,
    syssn: expect.stringMatching(/^\d{26}$/),
  });
});
