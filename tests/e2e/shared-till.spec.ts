/**
 * [STAFF] Two people on one tablet (issue 9): each signs in with their password once on the
 * device; after that the till locks and a PIN switches the person in. A payment queued offline by
 * the cashier is sent after the manager switched in: the ledger says who scanned it and who sent
 * it, and the sandbox charged it exactly once. Also at phone size (390×844), in zh-HK where it
 * matters to the lock screen.
 */
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E } from "./support/e2e-settings";
import { freshCode, keyAmount, paymentStatus, sandboxRecordsFor, signIn } from "./support/pos";

let browser: Browser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

async function openTablet(viewport = { width: 1024, height: 768 }): Promise<{ context: BrowserContext; page: Page }> {
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, "--use-fake-ui-for-media-stream"],
  });
  const context = await browser.newContext({ baseURL: E2E.appUrl, viewport, serviceWorkers: "block" });
  return { context, page: await context.newPage() };
}

async function keyPin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).click();
  await page.getByTestId("pin-submit").click();
}

const currentUser = (page: Page) => page.getByTestId("current-user");

test("[STAFF]: two staff on one tablet switch by PIN; a payment queued by the cashier is sent by the manager, attributed to both", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await openTablet();
  // Each person signs in with a password once on this device: the manager, then (after locking
  // the till and choosing "sign in with a password") the cashier.
  await signIn(page, "manager", "manager123");
  await expect(currentUser(page)).toHaveAttribute("data-role", "manager");
  await page.getByTestId("lock-till").click();
  await expect(page.getByTestId("lock-screen")).toBeVisible();
  await expect(page.getByTestId("pin-form")).toBeVisible(); // only the manager knows this till yet
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByTestId("pin-use-password").click();
  await page.getByTestId("login-username").fill("cashier");
  await page.getByTestId("login-password").fill("cashier123");
  await page.getByTestId("login-submit").click();
  await page.waitForURL("**/sale");
  await expect(currentUser(page)).toHaveAttribute("data-role", "cashier");

  // Locked: both are on the PIN screen; a wrong PIN is refused.
  await page.getByTestId("lock-till").click();
  await expect(page.getByTestId("lock-screen")).toBeVisible();
  await page.getByTestId("pin-staff-manager").click();
  await keyPin(page, "9999");
  await expect(page.getByTestId("pin-error")).toBeVisible();
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByTestId("pin-staff-cashier").click();
  await keyPin(page, "1357");
  await expect(page.getByTestId("lock-screen")).toBeHidden();
  await expect(currentUser(page)).toContainText("cashier");

  // The cashier takes a payment while the Wi-Fi is down: it is queued on the tablet.
  const code = await freshCode(request, "wechat", "success");
  await keyAmount(page, 1850);
  await page.getByTestId("charge-button").click();
  await expect(page.getByTestId("camera-scanner")).toHaveAttribute("data-error", /.+/);
  await page.getByTestId("manual-code-toggle").click();
  await page.getByTestId("manual-code-input").fill(code);
  await context.setOffline(true);
  await expect(page.getByTestId("connectivity")).toHaveAttribute("data-online", "false");
  await page.getByTestId("manual-code-submit").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-phase", "queued");

  // The cashier steps away; the till locks with the payment held on the device.
  await page.getByTestId("lock-till").click();
  await expect(page.getByTestId("lock-screen")).toBeVisible();
  await expect(page.getByTestId("lock-held")).toBeVisible();
  expect(await sandboxRecordsFor(request, code)).toHaveLength(0);

  // Back online, the manager switches in by PIN; the held payment goes out under the manager.
  await context.setOffline(false);
  await page.getByTestId("pin-staff-manager").click();
  await keyPin(page, "2468");
  await expect(page.getByTestId("lock-screen")).toBeHidden();
  await expect(currentUser(page)).toHaveAttribute("data-role", "manager");
  await expect(page.getByTestId("outbox-count")).toHaveAttribute("data-count", "0", { timeout: 30_000 });

  const records = await sandboxRecordsFor(request, code);
  expect(records).toHaveLength(1);
  expect(records[0]!.charged).toBe(true);
  const outTradeNo = records[0]!.out_trade_no;
  const view = await page.evaluate(async (id) => (await fetch(`/api/payments/${id}`)).json(), outTradeNo);
  expect(view).toMatchObject({ status: "paid", createdBy: "cashier", sentBy: "manager" });
  await page.goto(`/payments/${outTradeNo}`);
  await expect(page.getByTestId("payment-created-by")).toContainText("cashier");
  await expect(page.getByTestId("payment-sent-by")).toContainText("manager");
});

test("[STAFF]: a phone at 390×844 in zh-HK: the till locks itself, the lock screen fits, a PIN unlocks; a copied cookie dies with the lock", async () => {
  test.setTimeout(90_000);
  const { context, page } = await openTablet({ width: 390, height: 844 });
  await context.addCookies([{ name: "scantill-locale", value: "zh-HK", url: E2E.appUrl }]);
  await signIn(page, "cashier", "cashier123");
  const before = await context.cookies();
  // The session cookie alone, without this phone's device cookie, is worth nothing elsewhere.
  const elsewhere = await browser!.newContext({ baseURL: E2E.appUrl });
  await elsewhere.addCookies(before.filter((c) => c.name.includes("session-token")));
  expect((await elsewhere.request.get("/api/session")).status()).toBe(401);
  await elsewhere.close();
  await page.getByTestId("lock-till").click();
  await expect(page.getByTestId("lock-screen")).toBeVisible();
  await expect(page.getByTestId("lock-screen")).toContainText("收銀機已鎖定");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // The session the lock ended stays ended: its cookie, replayed elsewhere, is refused.
  await expect
    .poll(async () => {
      const other = await browser!.newContext({ baseURL: E2E.appUrl });
      await other.addCookies(before);
      const status = (await other.request.get("/api/session")).status();
      await other.close();
      return status;
    })
    .toBe(401);

  // Only the cashier has signed in on this phone: the PIN pad opens for them at once.
  await expect(page.getByTestId("pin-form")).toContainText("cashier");
  await keyPin(page, "1357");
  await expect(page.getByTestId("lock-screen")).toBeHidden();
  expect((await page.request.get("/api/session")).status()).toBe(200);
});

test("[STAFF]: the till locks itself after TILL_LOCK_MINUTES without a touch, and the server agrees", async () => {
  test.setTimeout(90_000);
  const { page } = await openTablet();
  // The page's clock is Playwright's from the start, so the idle timer can be jumped over.
  await page.clock.install();
  await signIn(page, "cashier", "cashier123");
  await expect(page.getByTestId("lock-screen")).toBeHidden();
  await page.getByTestId("keypad-5").click(); // a touch: the idle time starts here
  await page.clock.fastForward("04:30");
  await expect(page.getByTestId("lock-screen")).toBeHidden();
  await page.clock.fastForward("00:40");
  await expect(page.getByTestId("lock-screen")).toBeVisible();
  await expect(page.getByTestId("lock-screen")).toHaveAttribute("data-reason", "idle");
  // The lock ended the session on the server too.
  await expect.poll(async () => (await page.request.get("/api/session")).status()).toBe(401);
  await keyPin(page, "1357");
  await expect(page.getByTestId("lock-screen")).toBeHidden();
  await expect(page.getByTestId("amount-display")).toHaveAttribute("data-amount", "5");
});
