/**
 * The installable PWA (issue 5, item 1): manifest and icons, the service worker (app/sw.ts), the
 * precache, the sale screen opening offline signed in, and the offline page.
 *
 * Offline pitfalls (docs/toolchain.md §5, §7): go offline with `context.setOffline(true)` and open
 * a NEW page; never go back online before teardown; unregister the worker while still offline.
 * The other specs block service workers (playwright.config.ts); this one allows them.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { E2E } from "./support/e2e-settings";
import { signIn } from "./support/pos";

test.use({ serviceWorkers: "allow" });

const WASM_PATH = "/scanner/zxing_reader.wasm";
const wasmSha256 = createHash("sha256")
  .update(readFileSync(path.join(import.meta.dirname, "..", "..", "public", "scanner", "zxing_reader.wasm")))
  .digest("hex");

/** Waits until the worker is active and controls `page` (install, and so the precache, is done). */
async function waitForWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated", null, {
    timeout: 60_000,
  });
}

/** Whether the worker holds its signed-in copy of /sale. */
async function hasSaleCopy(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("scantill-pages-") && (await (await caches.open(name)).match("/sale", { ignoreVary: true })))
        return true;
    }
    return false;
  });
}

async function waitForSaleCopy(page: Page, present: boolean): Promise<void> {
  await expect.poll(() => hasSaleCopy(page), { timeout: 30_000 }).toBe(present);
}

/** Teardown while still offline (going online first makes reloads race the context's close). */
async function unregisterAndClose(page: Page, context: BrowserContext): Promise<void> {
  await page.evaluate(async () => {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  });
  await context.close();
}

test("[PWA]: the web manifest is served with 192 and 512 px icons (plain and maskable)", async ({ page, request }) => {
  const res = await request.get("/manifest.webmanifest");
  expect(res.ok()).toBe(true);
  expect(res.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await res.json()) as {
    name: string;
    start_url: string;
    display: string;
    theme_color: string;
    icons: Array<{ src: string; sizes: string; purpose?: string }>;
  };
  expect(manifest).toMatchObject({
    name: "ScanTill",
    start_url: "/sale",
    display: "standalone",
    theme_color: "#0f766e",
  });
  for (const [sizes, purpose] of [
    ["192x192", "any"],
    ["512x512", "any"],
    ["192x192", "maskable"],
    ["512x512", "maskable"],
  ]) {
    const icon = manifest.icons.find((i) => i.sizes === sizes && (i.purpose ?? "any") === purpose);
    expect(icon, `${sizes} ${purpose}`).toBeTruthy();
    const png = await request.get(icon!.src);
    expect(png.ok()).toBe(true);
    expect(png.headers()["content-type"]).toBe("image/png");
  }
  await page.goto("/login");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  expect((await request.get("/sw.js")).headers()["service-worker-allowed"]).toBe("/");
});

test("[PWA]: the sale screen opens offline from the service worker, signed in; other pages show the offline page", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "cashier");
  await waitForWorker(page);
  const scriptURL = await page.evaluate(
    async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL,
  );
  expect(scriptURL).toMatch(/\/serwist\/sw\.js$/);

  // The scanner's wasm is precached, its revision being the file's SHA-256.
  const precached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      if (name.includes("precache")) for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
    }
    return urls;
  });
  expect(precached.find((u) => u.includes(WASM_PATH))).toContain(`__WB_REVISION__=${wasmSha256}`);
  expect(precached.some((u) => new URL(u).pathname === "/~offline")).toBe(true);
  expect(precached.some((u) => new URL(u).pathname.startsWith("/_next/static/"))).toBe(true);

  // Signing in reaches /sale without a page load; the page asks the worker to keep a copy.
  await waitForSaleCopy(page, true);
  await page.reload();
  await expect(page.getByTestId("keypad-1")).toBeVisible();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  await context.setOffline(true);
  const offline = await context.newPage();
  await offline.goto("/sale");
  await expect(offline.getByTestId("keypad-1")).toBeVisible();
  await expect(offline.getByTestId("current-user")).toContainText("cashier");
  // Hydrated from precached chunks: the keypad works.
  for (const digit of "125") await offline.getByTestId(`keypad-${digit}`).click();
  await expect(offline.getByTestId("amount-display")).toContainText("1.25");

  const other = await context.newPage();
  await other.goto("/payments");
  await expect(other.getByTestId("offline-page")).toBeVisible();
  await expect(other.getByTestId("offline-message")).toContainText(
    "the till keeps your payments and sends them when the network returns",
  );

  await unregisterAndClose(other, context);
});

test("[PWA]: offline from the worker's copy, the sale's later steps open: keypad, scan step, a typed code queued", async ({
  browser,
}) => {
  // The scan step, the status step, the outbox's engine and the keypad's keyboard input are loaded
  // after the keypad (docs/first-load.md): a page opened with no network gets them from the precache.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "cashier");
  await waitForWorker(page);
  await waitForSaleCopy(page, true);

  await context.setOffline(true);
  const offline = await context.newPage();
  await offline.goto("/sale");
  await expect(offline.locator("section[data-keys]")).toHaveAttribute("data-keys", "ready");
  for (const digit of "870") await offline.getByTestId(`keypad-${digit}`).click();
  await offline.getByTestId("charge-button").click();
  await expect(offline.getByTestId("scan-panel")).toBeVisible();
  await offline.getByTestId("manual-code-toggle").click();
  await offline.getByTestId("manual-code-input").fill("134857901234588557");
  await offline.getByTestId("manual-code-submit").click();
  await expect(offline.getByTestId("payment-status")).toHaveAttribute("data-phase", "queued");
  await expect(offline.getByTestId("outbox-count")).toHaveAttribute("data-count", "1");

  await unregisterAndClose(offline, context);
});

test("[PWA]: after signing out, the worker's copy of the till is gone: online and offline /sale do not open it", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "cashier");
  await waitForWorker(page);
  await waitForSaleCopy(page, true);

  await page.getByTestId("sign-out").click();
  await page.waitForURL("**/login**");
  await waitForSaleCopy(page, false);
  await page.goto("/sale");
  await page.waitForURL("**/login**");
  expect(await hasSaleCopy(page)).toBe(false);

  await context.setOffline(true);
  const offline = await context.newPage();
  await offline.goto("/sale");
  await expect(offline.getByTestId("offline-page")).toBeVisible();
  await expect(offline.getByTestId("current-user")).toHaveCount(0);

  await unregisterAndClose(offline, context);
});

test("[PWA]: a session that ended without a sign-out (cookies gone) drops the copy at the next online load of /sale", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "cashier");
  await waitForWorker(page);
  await waitForSaleCopy(page, true);
  await context.clearCookies();
  await page.goto("/sale");
  await page.waitForURL("**/login**");
  await waitForSaleCopy(page, false);

  await context.setOffline(true);
  const offline = await context.newPage();
  await offline.goto("/sale");
  await expect(offline.getByTestId("offline-page")).toBeVisible();
  await unregisterAndClose(offline, context);
});

test("[PWA]: a slow network gets the copy after the timeout, but a signed-out browser is then sent to sign in", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "cashier");
  await waitForWorker(page);
  await waitForSaleCopy(page, true);
  await context.clearCookies();
  // Every /sale request (the worker's too) answers after the worker's 3 s timeout.
  await context.route(/\/sale(\?.*)?$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await route.continue().catch(() => undefined);
  });
  const slow = await context.newPage();
  await slow.goto("/sale");
  // After 3 s the worker serves its copy (the server's redirect has not arrived yet); the till
  // itself may already have locked on the server's "signed out" for /api/session…
  await expect(slow.getByTestId("amount-display")).toBeAttached();
  // …then the page's check hears "signed out" from the server: copy dropped, off to sign in.
  await slow.waitForURL("**/login**", { timeout: 30_000 });
  await waitForSaleCopy(slow, false);
  await context.unroute(/\/sale(\?.*)?$/);
  await slow.evaluate(async () => {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  });
  await context.close();
});

test("[PWA]: the offline page follows the cashier's language (zh-HK)", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await waitForWorker(page);
  await context.addCookies([{ name: "scantill-locale", value: "zh-HK", url: E2E.appUrl }]);
  await context.setOffline(true);
  const offline = await context.newPage();
  await offline.goto("/payments");
  await expect(offline.getByTestId("offline-message")).toContainText("你已離線");
  await expect(offline.locator("html")).toHaveAttribute("lang", "zh-HK");
  await unregisterAndClose(offline, context);
});
