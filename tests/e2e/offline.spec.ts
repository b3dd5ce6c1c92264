/**
 * [OFFLINE]: the till's outbox against the real app and the local QFPay sandbox, in Chromium with
 * the network switched off (`context.setOffline`) or a response dropped after the request arrived
 * (`page.route`). Every test checks the sandbox's own record (one per outTradeNo, `charged`) as well
 * as the screen. Codes are typed (manual entry): no camera is needed.
 */
import {
  chromium,
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E } from "./support/e2e-settings";
import { freshCode, keyAmount, paymentStatus, sandboxRecordsFor, signIn } from "./support/pos";

let browser: Browser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** A till with no camera (manual entry) and no service worker between the page and the network. */
async function openTill(): Promise<{ context: BrowserContext; page: Page }> {
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, "--use-fake-ui-for-media-stream"],
  });
  const context = await browser.newContext({
    baseURL: E2E.appUrl,
    viewport: { width: 1024, height: 768 },
    serviceWorkers: "block",
  });
  return { context, page: await context.newPage() };
}

async function slowCode(request: APIRequestContext, pendingMs: number): Promise<string> {
  const res = await request.get(
    `${E2E.sandboxUrl}/_sandbox/code?wallet=wechat&outcome=pending_success&pendingMs=${pendingMs}`,
  );
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { code: string }).code;
}

/** Keys the amount, taps Charge and opens manual code entry (the code is typed, not yet submitted). */
async function typeCode(page: Page, amount: number, code: string): Promise<void> {
  await keyAmount(page, amount);
  await page.getByTestId("charge-button").click();
  await expect(page.getByTestId("camera-scanner")).toHaveAttribute("data-error", /.+/);
  await page.getByTestId("manual-code-toggle").click();
  await page.getByTestId("manual-code-input").fill(code);
}

async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await expect(page.getByTestId("connectivity")).toHaveAttribute("data-online", "false");
}

const outboxCount = (page: Page) => page.getByTestId("outbox-count");

test("[OFFLINE]: scanned while offline, online 10 s later → sent within 2 s, paid exactly once", async ({
  request,
}) => {
  const { context, page } = await openTill();
  const code = await freshCode(request, "wechat", "success");
  await signIn(page);
  await expect(page.getByTestId("connectivity")).toHaveAttribute("data-online", "true");
  await typeCode(page, 1250, code);
  await goOffline(context, page);
  await page.getByTestId("manual-code-submit").click();

  await expect(paymentStatus(page)).toHaveAttribute("data-phase", "queued");
  await expect(outboxCount(page)).toHaveAttribute("data-count", "1");
  await page.waitForTimeout(10_000);
  expect(await sandboxRecordsFor(request, code)).toHaveLength(0);

  await context.setOffline(false);
  const backAt = Date.now();
  await expect
    .poll(async () => (await sandboxRecordsFor(request, code)).length, { timeout: 10_000, intervals: [50] })
    .toBe(1);
  // Heartbeat on the `online` event (or within 2 s while offline), then the drain. The time is
  // reported, not asserted tightly: the machine is shared (speed is measured, not timed-tested).
  const wentOutMs = Date.now() - backAt;
  console.log(`[measure] queued payment reached QFPay ${wentOutMs} ms after the network came back`);
  expect(wentOutMs).toBeLessThan(10_000);
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  await expect(page.getByTestId("connectivity")).toHaveAttribute("data-online", "true");
  await expect(outboxCount(page)).toHaveAttribute("data-count", "0");
  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ txamt: "1250", status: "paid", charged: true });
});

test("[OFFLINE]: offline longer than the code lifetime → ask for a fresh code, nothing charged; the fresh code is a new payment", async ({
  request,
}) => {
  const { context, page } = await openTill();
  const code = await freshCode(request, "wechat", "success");
  await signIn(page);
  await page.goto("/sale?codeLifetimeMs=5000");
  await typeCode(page, 700, code);
  await goOffline(context, page);
  await page.getByTestId("manual-code-submit").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-phase", "queued");

  await expect(paymentStatus(page)).toHaveAttribute("data-status", "expired", { timeout: 15_000 });
  await expect(page.getByTestId("fresh-code-needed")).toBeVisible();
  await expect(outboxCount(page)).toHaveAttribute("data-count", "0");
  await context.setOffline(false);
  await expect(page.getByTestId("connectivity")).toHaveAttribute("data-online", "true");
  await page.waitForTimeout(3_000);
  expect(await sandboxRecordsFor(request, code)).toHaveLength(0);

  // The fresh code: a new payment with its own outTradeNo.
  const fresh = await freshCode(request, "wechat", "success");
  await page.getByTestId("scan-again-button").click();
  await expect(page.getByTestId("camera-scanner")).toHaveAttribute("data-error", /.+/);
  await page.getByTestId("manual-code-toggle").click();
  await page.getByTestId("manual-code-input").fill(fresh);
  await page.getByTestId("manual-code-submit").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  expect(await sandboxRecordsFor(request, code)).toHaveLength(0);
  const records = await sandboxRecordsFor(request, fresh);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ txamt: "700", charged: true });
});

test("[OFFLINE]: the network drops after the request left → found by status lookup, sent once, paid once", async ({
  request,
}) => {
  const { page } = await openTill();
  const code = await freshCode(request, "wechat", "success");
  await signIn(page);
  const posts: string[] = [];
  page.on("request", (req) => {
    if (req.method() === "POST" && new URL(req.url()).pathname === "/api/payments") posts.push(req.postData() ?? "");
  });
  let dropped = 0;
  await page.route("**/api/payments", async (route) => {
    if (route.request().method() !== "POST" || dropped > 0) return route.fallback();
    dropped++;
    await route.fetch(); // the request reaches the server, which takes the payment…
    await route.abort("connectionreset"); // …and its answer never reaches the till
  });
  await typeCode(page, 1600, code);
  await page.getByTestId("manual-code-submit").click();

  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  expect(dropped).toBe(1);
  expect(posts).toHaveLength(1);
  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ txamt: "1600", status: "paid", charged: true });
  await expect(outboxCount(page)).toHaveAttribute("data-count", "0");
});

test("[OFFLINE]: a reload while the payment is pending resumes it on the sale screen", async ({ request }) => {
  const { page } = await openTill();
  const code = await slowCode(request, 8_000);
  await signIn(page);
  await typeCode(page, 2100, code);
  await page.getByTestId("manual-code-submit").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "pending", { timeout: 30_000 });
  // The server has it (waiting for the customer): not "unsent" (issue 10).
  await expect(outboxCount(page)).toHaveAttribute("data-count", "0");

  await page.reload();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", /pending|paid/, { timeout: 15_000 });
  await expect(page.getByTestId("status-amount")).toContainText("21.00");
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  await expect(outboxCount(page)).toHaveAttribute("data-count", "0");
  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ status: "paid", charged: true });
});

test("[OFFLINE]: signing out is refused while a payment is unsent, with the list; allowed once it is paid", async ({
  request,
}) => {
  const { context, page } = await openTill();
  const code = await freshCode(request, "wechat", "success");
  await signIn(page);
  await typeCode(page, 900, code);
  await goOffline(context, page);
  await page.getByTestId("manual-code-submit").click();
  await expect(outboxCount(page)).toHaveAttribute("data-count", "1");

  await page.getByTestId("sign-out").click();
  const refused = page.getByTestId("sign-out-refused");
  await expect(refused).toBeVisible();
  await expect(refused.getByTestId("outbox-item")).toHaveCount(1);
  await expect(refused.getByTestId("outbox-item")).toContainText("9.00");
  await page.getByTestId("sign-out-refused-close").click();
  expect(new URL(page.url()).pathname).toBe("/sale");

  await context.setOffline(false);
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  await expect(outboxCount(page)).toHaveAttribute("data-count", "0");
  await page.getByTestId("sign-out").click();
  await page.waitForURL("**/login**");
  expect(await sandboxRecordsFor(request, code)).toHaveLength(1);
});
