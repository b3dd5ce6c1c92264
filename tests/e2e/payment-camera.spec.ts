/**
 * [SALE]: a cashier takes a sandbox payment end to end, with the device camera reading the
 * customer's code from a fake-camera video in real Chromium.
 */
import { expect, test } from "@playwright/test";
import { cameraVideoFor, openWithCamera, type CameraSession } from "./support/fake-camera";
import { freshCode, keyAmount, paymentStatus, sandboxRecordsFor, signIn } from "./support/pos";

let session: CameraSession | undefined;
test.afterEach(async () => {
  await session?.close();
  session = undefined;
});

test("[SALE]: QR code from the camera → Paid, charged exactly once", async ({ request }) => {
  const code = await freshCode(request, "wechat", "success");
  session = await openWithCamera(cameraVideoFor("paid-qr", { code, format: "qrcode" }));
  const { page } = session;
  await signIn(page);
  await keyAmount(page, 1250);
  await expect(page.getByTestId("amount-display")).toContainText("12.50");
  await page.getByTestId("charge-button").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  await expect(page.getByTestId("paid-syssn")).toHaveText(/\d{26}/);
  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ txamt: "1250", status: "paid", charged: true });
});

test("[SALE]: 1143 then success shows Pending with elapsed seconds, then Paid", async ({ request }) => {
  const code = await freshCode(request, "alipay", "pending_success");
  session = await openWithCamera(cameraVideoFor("pending-qr", { code, format: "qrcode" }));
  const { page } = session;
  await signIn(page);
  await keyAmount(page, 3800);
  await page.getByTestId("charge-button").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "pending", { timeout: 30_000 });
  await expect(page.getByTestId("elapsed-seconds")).toBeVisible();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ status: "paid", charged: true });
});

test("[SALE]: an expired code (1202) asks for a fresh code and charges nothing", async ({ request }) => {
  const code = await freshCode(request, "wechat", "expired");
  session = await openWithCamera(cameraVideoFor("expired-qr", { code, format: "qrcode" }));
  const { page } = session;
  await signIn(page);
  await keyAmount(page, 500);
  await page.getByTestId("charge-button").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await expect(page.getByTestId("failure-message")).toContainText(/fresh|refresh/i);
  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ status: "failed", charged: false });
});

test("[SCAN]: a Code 128 wallet code beside a dark border is read", async ({ request }) => {
  const code = await freshCode(request, "unionpay", "success");
  session = await openWithCamera(cameraVideoFor("c128-dark", { code, format: "code128", darkBorder: true }));
  const { page } = session;
  await signIn(page);
  await keyAmount(page, 2200);
  await page.getByTestId("charge-button").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  expect(await sandboxRecordsFor(request, code)).toHaveLength(1);
});
