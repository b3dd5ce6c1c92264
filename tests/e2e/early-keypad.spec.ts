/**
 * [EARLY]: the sale screen's keypad answers before the app has hydrated (issue 10,
 * components/sale/early-keypad.ts). The app's scripts are held back at the network, as on a slow
 * tablet; taps then key the amount on the server-rendered page, and when the scripts arrive the
 * app carries on from that amount, and a Charge tapped early opens the scan step. No tap is lost or
 * applied twice, and React reports no hydration error.
 */
import { chromium, expect, test, type Browser, type Page, type Route } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E } from "./support/e2e-settings";
import { signIn } from "./support/pos";

let browser: Browser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** Holds every script of the app until `release`: the page is painted, nothing hydrates. */
async function holdScripts(page: Page) {
  const held: Route[] = [];
  let holding = true;
  await page.route(/\/_next\/static\/.*\.js(\?.*)?$/, (route) => (holding ? held.push(route) : route.continue()));
  return {
    count: () => held.length,
    release: async () => {
      holding = false;
      await Promise.all(held.splice(0).map((route) => route.continue()));
    },
  };
}

/** Console errors and uncaught exceptions: a hydration mismatch React cannot accept shows here. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

const early = (page: Page) =>
  page.evaluate(() => {
    const state = window.__scantillEarlyKeypad;
    return state
      ? { amount: state.amount, taps: state.taps, taken: state.takenAt !== null, charge: state.charge }
      : null;
  });

async function openHeldSale(locale: "en" | "zh-HK", viewport: { width: number; height: number }) {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ baseURL: E2E.appUrl, viewport, serviceWorkers: "block" });
  await context.addCookies([{ name: "scantill-locale", value: locale, url: E2E.appUrl }]);
  const page = await context.newPage();
  await signIn(page);
  const errors = collectErrors(page);
  const scripts = await holdScripts(page);
  await page.goto("/sale", { waitUntil: "domcontentloaded" });
  await expect.poll(() => scripts.count()).toBeGreaterThan(0);
  return { page, errors, scripts };
}

test("[EARLY]: taps before hydration key the amount; Charge tapped then opens the scan step once the app is there", async () => {
  const { page, errors, scripts } = await openHeldSale("en", { width: 1024, height: 768 });
  const display = page.getByTestId("amount-display");
  const charge = page.getByTestId("charge-button");
  await expect(display).toHaveAttribute("data-amount", "0");
  await expect(charge).toBeDisabled();

  for (const key of ["1", "2", "5", "backspace", "5", "0"]) await page.getByTestId(`keypad-${key}`).click();
  await expect(display).toHaveAttribute("data-amount", "1250");
  await expect(display).toHaveText("HK$12.50");
  await expect(charge).toBeEnabled();
  await expect(charge).toHaveText("Charge HK$12.50");
  // Still before hydration: the keypad step's scripts have not run.
  expect(await early(page)).toEqual({ amount: 1250, taps: 6, taken: false, charge: false });
  await expect(page.locator("section[data-keys]")).toHaveAttribute("data-keys", "loading");

  await charge.click();
  expect(await early(page)).toMatchObject({ charge: true, taken: false });
  // A key after Charge does nothing: the cashier has moved on to the scan.
  await page.getByTestId("keypad-9").click();
  await expect(display).toHaveAttribute("data-amount", "1250");

  await scripts.release();
  await expect(page.getByTestId("camera-scanner")).toBeVisible();
  await expect(page.getByTestId("scan-amount")).toContainText("HK$12.50");
  expect(await early(page)).toMatchObject({ amount: 1250, taken: true });
  expect(errors).toEqual([]);
});

test("[EARLY]: zh-HK on a phone: the app carries on from the amount keyed early, in the same words", async () => {
  const { page, errors, scripts } = await openHeldSale("zh-HK", { width: 390, height: 844 });
  const display = page.getByTestId("amount-display");
  const charge = page.getByTestId("charge-button");
  await page.getByTestId("keypad-1").click();
  await page.getByTestId("keypad-2").click();
  await expect(display).toHaveAttribute("data-amount", "12");
  const earlyText = await display.textContent();
  const earlyLabel = await charge.textContent();
  expect(earlyLabel).toContain("收款");

  await scripts.release();
  await expect(page.locator("section[data-keys]")).toHaveAttribute("data-keys", "ready");
  expect(await early(page)).toMatchObject({ amount: 12, taps: 2, taken: true });
  // React renders the handed-over amount exactly as the script did.
  await expect(display).toHaveText(earlyText ?? "");
  await expect(charge).toHaveText(earlyLabel ?? "");

  // Now React's keypad: it goes on from 12, and the script no longer answers.
  await page.getByTestId("keypad-5").click();
  await expect(display).toHaveAttribute("data-amount", "125");
  await expect(charge).toHaveText(earlyLabel!.replace(earlyText!, (await display.textContent()) ?? ""));
  expect(await early(page)).toMatchObject({ amount: 12, taps: 2 });
  await page.getByTestId("keypad-clear").click();
  await expect(display).toHaveAttribute("data-amount", "0");
  await expect(charge).toBeDisabled();
  expect(errors).toEqual([]);
});
