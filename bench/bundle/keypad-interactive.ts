/**
 * "Keypad interactive" on /sale, as on the budget tablet: Chromium's CPU slowed 4×
 * (CDP Emulation.setCPUThrottlingRate) and its network held to 10 Mbit/s each way with LATENCY_MS
 * added to every request (CDP Network.emulateNetworkConditions), from a cold cache (a fresh browser
 * context: empty HTTP cache, no service worker, no IndexedDB) with a signed-in cashier.
 *
 * Defined as: the time from navigation start (performance.timeOrigin) until the amount display
 * first shows a key press, measured in the page. From the moment the navigation commits, the place
 * of the "1" key (`keyCentre`) is tapped again and again with real input events (CDP
 * Input.dispatchMouseEvent, each one acknowledged by the renderer before the next, 10 ms apart), as
 * a cashier tapping an unresponsive screen would; a tap that lands before the keypad is painted, or
 * before the page handles clicks, is lost, as it would be on the tablet. A MutationObserver, installed before any of the page's scripts run, notes
 * performance.now() when the display's `data-amount` first turns non-zero and tells the benchmark
 * through a binding (React has
 * committed the key press, or the early keypad has keyed it before hydration; the paint follows in
 * the same frame).
 *
 * Also reported: "app ready", when the app took the keypad over from the early keypad
 * (components/sale/early-keypad.ts `takenAt`: React has hydrated the keypad step). A build without
 * the early keypad answers its first tap through React, so there the two are the same moment.
 */
import type { Browser, Page } from "@playwright/test";
// The page's `window.__scantillEarlyKeypad` (its type declares the global).
import type {} from "@/components/sale/early-keypad";

export const CPU_SLOWDOWN = 4;
export const MBIT_PER_S = 10;
export const LATENCY_MS = 20;
const TAP_GAP_MS = 10;
const GIVE_UP_MS = 30_000;

declare global {
  interface Window {
    __keypadInteractiveAt?: number;
  }
}

const VIEWPORT = { width: 1024, height: 768 };
const centres = new Map<string, { x: number; y: number }>();

/**
 * Where the "1" key is on the painted page, from a load at full speed before the measured ones (the
 * layout is the same every time). The measured loads tap there from the start, asking the page
 * nothing: a busy page answers a question only between its tasks, and asking before each tap (an
 * earlier version looked the key up and polled for the result) spaced the taps out by the page's
 * longest tasks, so the benchmark measured itself.
 */
async function keyCentre(browser: Browser, baseUrl: string, cookies: { name: string; value: string; url: string }[]) {
  const known = centres.get(baseUrl);
  if (known) return known;
  const context = await browser.newContext({ baseURL: baseUrl, viewport: VIEWPORT, serviceWorkers: "block" });
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto("/sale");
    const box = await page.getByTestId("keypad-1").boundingBox();
    if (!box) throw new Error(`${baseUrl}: no keypad on /sale`);
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    centres.set(baseUrl, centre);
    return centre;
  } finally {
    await context.close();
  }
}

/** First contentful paint, and when the page's HTML had arrived (responseEnd), for the report. */
async function paintTimes(page: Page): Promise<{ firstPaintMs: number; htmlMs: number }> {
  return page.evaluate(() => ({
    firstPaintMs: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1,
    htmlMs:
      (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.responseEnd ?? -1,
  }));
}

/** When React took the keypad over (see above); `interactiveMs` for a build without the early keypad. */
async function appReady(page: Page, interactiveMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const early = window.__scantillEarlyKeypad;
      return early ? (early.takenAt ?? false) : -1;
    },
    undefined,
    { timeout: GIVE_UP_MS, polling: 20 },
  );
  const takenAt = (await handle.jsonValue()) as number;
  return takenAt < 0 ? interactiveMs : takenAt;
}

/** Runs in the page before its own scripts. */
function observeAmount(): void {
  const observer = new MutationObserver(() => {
    const display = document.querySelector("[data-testid='amount-display']");
    if (display && Number(display.getAttribute("data-amount")) > 0 && window.__keypadInteractiveAt === undefined) {
      window.__keypadInteractiveAt = performance.now();
      observer.disconnect();
      void (window as unknown as { __keypadAnswered?: () => Promise<void> }).__keypadAnswered?.();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-amount"] });
}

type KeypadRun = {
  interactiveMs: number;
  appReadyMs: number;
  firstPaintMs: number;
  htmlMs: number;
  taps: number;
};

export async function measureKeypadInteractive(
  browser: Browser,
  baseUrl: string,
  cookies: { name: string; value: string; url: string }[],
): Promise<KeypadRun> {
  const centre = await keyCentre(browser, baseUrl, cookies);
  const context = await browser.newContext({ baseURL: baseUrl, viewport: VIEWPORT, serviceWorkers: "block" });
  try {
    await context.addCookies(cookies);
    await context.addInitScript(observeAmount);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const bytesPerSecond = (MBIT_PER_S * 1_000_000) / 8;
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: LATENCY_MS,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });

    let answered = false;
    await page.exposeBinding("__keypadAnswered", () => {
      answered = true;
    });
    await page.goto("/sale", { waitUntil: "commit" });
    const started = Date.now();
    let taps = 0;
    while (Date.now() - started < GIVE_UP_MS) {
      if (answered) {
        const at = await page.evaluate(() => window.__keypadInteractiveAt);
        if (at !== undefined)
          return { interactiveMs: at, appReadyMs: await appReady(page, at), ...(await paintTimes(page)), taps };
      }
      await page.mouse.click(centre.x, centre.y);
      taps++;
      await new Promise((resolve) => setTimeout(resolve, TAP_GAP_MS));
    }
    const seen = await page
      .evaluate(() => ({
        url: location.pathname,
        amount: document.querySelector("[data-testid='amount-display']")?.getAttribute("data-amount") ?? null,
        locked: document.querySelector("[data-testid='lock-screen']")?.getAttribute("data-reason") ?? null,
        alert: document.querySelector("[role='alert']")?.textContent ?? null,
      }))
      .catch((error: Error) => ({ error: error.message }));
    throw new Error(
      `${baseUrl}: the keypad did not answer within ${GIVE_UP_MS} ms (${taps} taps; page: ${JSON.stringify(seen)})`,
    );
  } finally {
    await context.close();
  }
}
