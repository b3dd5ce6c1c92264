/**
 * [SCAN]: the sale screen's scanner in real Chromium, with a fake camera playing a picture of the
 * customer's phone: the default engine (zxing-wasm in a worker, its binary from our own origin),
 * the zxing-js engine (`/sale?scanEngine=zxing-js`, honoured in demo mode only), codes that are
 * not payment codes, no camera at all, and a keyboard-wedge barcode scanner on both steps.
 */
import { expect, test, type Page } from "@playwright/test";
import type { ScanTimingSnapshot } from "@/lib/scan/scan-timing";
import { E2E } from "./support/e2e-settings";
import { cameraVideoFor, openWithCamera, type CameraSession } from "./support/fake-camera";
import { freshCode, keyAmount, paymentStatus, sandboxRecordsFor, sandboxTransactions, signIn } from "./support/pos";
import { wedgeScan } from "./support/wedge";

/** A retail product barcode number with a valid GS1 check digit. */
const EAN_13 = "4006381333931";

let session: CameraSession | undefined;
test.afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function scanTiming(page: Page): Promise<ScanTimingSnapshot | undefined> {
  return page.evaluate(() => window.__scantillScan);
}

async function chargeAndExpectPaid(page: Page, minor: number): Promise<void> {
  await keyAmount(page, minor);
  await page.getByTestId("charge-button").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
}

test("[SCAN]: wasm engine reads a QR code; the binary comes from our origin; timing is exposed", async ({
  request,
}) => {
  const wasm = await request.get(`${E2E.appUrl}/scanner/zxing_reader.wasm`);
  expect(wasm.status()).toBe(200);
  expect(wasm.headers()["content-type"]).toBe("application/wasm");

  const code = await freshCode(request, "wechat", "success");
  session = await openWithCamera(cameraVideoFor("scan-wasm-qr", { code, format: "qrcode" }));
  const { page, context } = session;
  const requested: string[] = [];
  context.on("request", (req) => requested.push(req.url()));
  await signIn(page);
  await expect(page.getByTestId("amount-display")).toBeVisible();
  await chargeAndExpectPaid(page, 1250);

  const timing = await scanTiming(page);
  expect(timing).toMatchObject({
    engine: "wasm",
    requestedEngine: "wasm",
    state: "decoded",
    frameWidth: 1280,
    frameHeight: 720,
  });
  expect(timing?.attempts).toBeGreaterThanOrEqual(1);
  expect(timing?.firstDecodeMs).toBeGreaterThanOrEqual(0);
  expect(timing?.firstDecodeMs).toBeLessThan(10_000);
  const measures = await page.evaluate(() =>
    performance.getEntriesByName("scan:first-decode").map((entry) => entry.duration),
  );
  expect(measures).toHaveLength(1);
  expect(measures[0]).toBeCloseTo(timing?.firstDecodeMs ?? -1, 0);
  // The worker fetched the binary from the till, never from a CDN.
  expect(requested.filter((url) => url.endsWith(".wasm"))).toEqual([`${E2E.appUrl}/scanner/zxing_reader.wasm`]);
  expect(requested.filter((url) => !url.startsWith(E2E.appUrl))).toEqual([]);
  expect(await sandboxRecordsFor(request, code)).toHaveLength(1);
});

test("[SCAN]: wasm engine reads a Code 128 beside a dark border", async ({ request }) => {
  const code = await freshCode(request, "unionpay", "success");
  session = await openWithCamera(cameraVideoFor("scan-wasm-c128-dark", { code, format: "code128", darkBorder: true }));
  const { page } = session;
  await signIn(page);
  await chargeAndExpectPaid(page, 2200);
  expect(await scanTiming(page)).toMatchObject({ engine: "wasm", state: "decoded" });
  expect(await sandboxRecordsFor(request, code)).toHaveLength(1);
});

test("[SCAN]: wasm engine reads a tilted, low-contrast, slightly blurred Code 128", async ({ request }) => {
  const code = await freshCode(request, "alipay", "success");
  const video = cameraVideoFor("scan-wasm-c128-tilted", {
    code,
    format: "code128",
    darkBorder: true,
    rotationDeg: 5,
    contrast: { dark: 75, light: 175 },
    blur: 0.8,
    noise: 2,
  });
  session = await openWithCamera(video);
  const { page } = session;
  await signIn(page);
  await chargeAndExpectPaid(page, 990);
  expect(await scanTiming(page)).toMatchObject({ engine: "wasm", state: "decoded" });
  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ txamt: "990", charged: true });
});

test("[SCAN]: wasm engine reads a Code 128 turned 25° (no image row crosses all its bars), along lines laid on it", async ({
  request,
}) => {
  const code = await freshCode(request, "wechat", "success");
  const video = cameraVideoFor("scan-wasm-c128-turned", {
    code,
    format: "code128",
    darkBorder: true,
    rotationDeg: 25,
    barcodeWidth: 0.5,
    blur: 0.8,
    noise: 2,
  });
  session = await openWithCamera(video);
  const { page } = session;
  await signIn(page);
  await chargeAndExpectPaid(page, 1500);
  expect(await scanTiming(page)).toMatchObject({ engine: "wasm", state: "decoded" });
  expect(await sandboxRecordsFor(request, code)).toHaveLength(1);
});

test("[SCAN]: zxing-js engine reads a QR code", async ({ request }) => {
  const code = await freshCode(request, "wechat", "success");
  session = await openWithCamera(cameraVideoFor("scan-zxingjs-qr", { code, format: "qrcode" }));
  const { page } = session;
  await signIn(page);
  await page.goto("/sale?scanEngine=zxing-js");
  await chargeAndExpectPaid(page, 1500);
  expect(await scanTiming(page)).toMatchObject({ engine: "zxing-js", requestedEngine: "zxing-js", state: "decoded" });
  expect(await sandboxRecordsFor(request, code)).toHaveLength(1);
});

test("[SCAN]: zxing-js engine reads a Code 128 beside a dark border (needs our patch)", async ({ request }) => {
  const code = await freshCode(request, "unionpay", "success");
  session = await openWithCamera(
    cameraVideoFor("scan-zxingjs-c128-dark", { code, format: "code128", darkBorder: true }),
  );
  const { page } = session;
  await signIn(page);
  await page.goto("/sale?scanEngine=zxing-js");
  await chargeAndExpectPaid(page, 2300);
  expect(await scanTiming(page)).toMatchObject({ engine: "zxing-js", state: "decoded" });
  expect(await sandboxRecordsFor(request, code)).toHaveLength(1);
});

test("[SCAN]: a QR code holding a product barcode number is refused and the camera keeps scanning", async () => {
  session = await openWithCamera(cameraVideoFor("scan-ean-in-qr", { code: EAN_13, format: "qrcode" }));
  const { page } = session;
  await signIn(page);
  await keyAmount(page, 700);
  await page.getByTestId("charge-button").click();
  await expect(page.getByTestId("camera-notice")).toContainText("product barcode", { timeout: 30_000 });
  await expect(page.getByTestId("camera-scanner")).toHaveAttribute("data-state", "scanning");
  expect((await scanTiming(page))?.decodedAt).not.toBeNull();
  await expect(paymentStatus(page)).toHaveCount(0);
  await expect(page.getByTestId("scan-accepted")).toHaveCount(0);
});

test("[SCAN]: no camera: a clear message, and typing the code still pays", async ({ request }) => {
  const code = await freshCode(request, "alipay", "success");
  session = await openWithCamera(null);
  const { page } = session;
  await signIn(page);
  await keyAmount(page, 450);
  await page.getByTestId("charge-button").click();
  await expect(page.getByTestId("camera-scanner")).toHaveAttribute("data-error", "no_camera");
  await expect(page.getByTestId("camera-error")).toContainText("No camera found");
  await page.getByTestId("manual-code-toggle").click();
  await page.getByTestId("manual-code-input").fill(code);
  await page.getByTestId("manual-code-submit").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ txamt: "450", charged: true });
});

test("[SCAN]: a barcode scanner on the amount screen pays the keyed amount at once", async ({ request }) => {
  const code = await freshCode(request, "wechat", "success");
  session = await openWithCamera(null);
  const { page } = session;
  await signIn(page);
  // The keypad step takes keyboard and scanner input just after its on-screen keys
  // (docs/first-load.md).
  await expect(page.locator("section[data-keys]")).toHaveAttribute("data-keys", "ready");

  // No amount yet: nothing is sent, and the cashier is told what to do.
  await wedgeScan(page, code);
  await expect(page.getByTestId("keypad-scan-notice")).toContainText("Key the amount first");
  await expect(page.getByTestId("amount-display")).toHaveAttribute("data-amount", "0");

  // A product barcode is refused with its own message.
  await keyAmount(page, 1250);
  await wedgeScan(page, EAN_13);
  await expect(page.getByTestId("keypad-scan-notice")).toContainText("product barcode");
  await expect(page.getByTestId("amount-display")).toHaveAttribute("data-amount", "1250");

  // The same payment code, now with the amount keyed: straight to paying, the amount untouched.
  await wedgeScan(page, code);
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ txamt: "1250", charged: true });
});

test("[SCAN]: a barcode scanner on the scan screen: a product barcode is refused, a payment code pays", async ({
  request,
}) => {
  const code = await freshCode(request, "unionpay", "success");
  session = await openWithCamera(null);
  const { page } = session;
  await signIn(page);
  await keyAmount(page, 3300);
  await page.getByTestId("charge-button").click();
  await expect(page.getByTestId("wedge-hint")).toBeVisible();

  await wedgeScan(page, EAN_13);
  await expect(page.getByTestId("scan-notice")).toContainText("product barcode");
  const before = await sandboxTransactions(request);

  await wedgeScan(page, code);
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ txamt: "3300", charged: true });
  expect((await sandboxTransactions(request)).length).toBe(before.length + 1);
});

test("[SCAN]: the installed app (service worker in control, a second visit, then offline) scans with the wasm engine", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const code = await freshCode(request, "wechat", "success");
  session = await openWithCamera(cameraVideoFor("scan-wasm-installed", { code, format: "qrcode" }), {
    serviceWorkers: "allow",
  });
  const { page, context } = session;
  await signIn(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated", null, {
    timeout: 60_000,
  });
  // A second visit: everything the page loads now goes through the service worker.
  await page.reload();
  await expect(page.getByTestId("amount-display")).toBeVisible();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await chargeAndExpectPaid(page, 1350);
  expect(await scanTiming(page)).toMatchObject({
    engine: "wasm",
    requestedEngine: "wasm",
    fallbackReason: null,
    state: "decoded",
  });
  expect(await sandboxRecordsFor(request, code)).toHaveLength(1);

  // Opened with no network (the kept till page): still the wasm engine, from the worker's caches.
  await context.setOffline(true);
  const offline = await context.newPage();
  await offline.goto("/sale");
  await expect(offline.getByTestId("amount-display")).toBeVisible();
  await keyAmount(offline, 990);
  await offline.getByTestId("charge-button").click();
  await expect
    .poll(async () => (await offline.evaluate(() => window.__scantillScan))?.engine, { timeout: 30_000 })
    .toBe("wasm");
  expect(await offline.evaluate(() => window.__scantillScan?.requestedEngine)).toBe("wasm");
});
