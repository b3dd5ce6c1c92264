/**
 * [SECURITY]: the security headers and the pages' nonce Content-Security-Policy (issue 9,
 * docs/security-headers.md) in real Chromium: the headers are on pages, API and static files; the
 * nonce is fresh per load; and the pages (sign-in, till with the camera and the wasm scanner's
 * worker, payments, a payment, reconciliation, a 404, and the offline page served from the service
 * worker's cache) run with zero policy violations.
 */
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { E2E } from "./support/e2e-settings";
import { cameraVideoFor, openWithCamera, type CameraSession } from "./support/fake-camera";
import { freshCode, keyAmount, paymentStatus, signIn } from "./support/pos";

/**
 * Every CSP violation in the context, from two sources: the page's `securitypolicyviolation`
 * events (through a binding, so they survive navigations) and Chromium's console messages, which
 * also cover the workers and the Permissions-Policy header's own parse errors.
 */
async function watchViolations(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.exposeBinding("__scantillCspViolation", (_source, text: string) => void seen.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __scantillCspViolation?: (text: string) => void }).__scantillCspViolation;
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`);
    });
  });
  const onConsole = (message: { text(): string }) => {
    const text = message.text();
    if (/Content[ -]Security[ -]Policy|Permissions-Policy|Refused to/i.test(text)) seen.push(`console: ${text}`);
  };
  context.on("console", onConsole);
  return seen;
}

function nonceOf(policy: string | undefined): string | undefined {
  return /'nonce-([^']+)'/.exec(policy ?? "")?.[1];
}

let session: CameraSession | undefined;
test.afterEach(async () => {
  await session?.close();
  session = undefined;
});

test("[SECURITY]: pages carry a nonce CSP that changes per load; every response carries the fixed headers", async ({
  request,
}) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  for (const res of [first, second]) {
    const headers = res.headers();
    expect(res.status()).toBe(200);
    const policy = headers["content-security-policy"]!;
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).toContain("'wasm-unsafe-eval'");
    expect(policy).not.toContain("'unsafe-inline'");
    expect(policy).not.toContain("'unsafe-eval'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["permissions-policy"]).toContain("camera=(self)");
    expect(headers["x-frame-options"]).toBe("DENY");
    // Plain http here: no HSTS, no upgrade of the page's own requests.
    expect(headers["strict-transport-security"]).toBeUndefined();
    expect(policy).not.toContain("upgrade-insecure-requests");
    // Next put this request's nonce on its scripts.
    expect(await res.text()).toContain(`nonce="${nonceOf(policy)}"`);
  }
  const [a, b] = [
    nonceOf(first.headers()["content-security-policy"]),
    nonceOf(second.headers()["content-security-policy"]),
  ];
  expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(b).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(a).not.toBe(b);

  // A client that claims HTTPS itself is not believed (no TRUSTED_PROXY here): no HSTS. The trusted
  // proxy's word is believed: tests/e2e/live-mode.spec.ts.
  const claimed = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(claimed.headers()["strict-transport-security"]).toBeUndefined();
  expect(claimed.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");

  // API, the service worker, the manifest, the scanner binary and a build file: the fixed set, and
  // no page policy (a policy on a worker's own script would bind the worker).
  const page = await (await request.get("/login")).text();
  const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(page)?.[1];
  expect(chunk).toBeTruthy();
  for (const path of [
    "/api/health",
    "/sw.js",
    "/serwist/sw.js",
    "/manifest.webmanifest",
    "/scanner/zxing_reader.wasm",
    "/icons/icon-192.png",
    chunk!,
  ]) {
    const res = await request.get(path);
    const headers = res.headers();
    expect(res.ok(), path).toBe(true);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=(self)");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["cross-origin-opener-policy"], path).toBe("same-origin");
    expect(headers["content-security-policy"], path).toBeUndefined();
  }
  // The worker's own no-cache rule is still there.
  expect((await request.get("/sw.js")).headers()["cache-control"]).toContain("no-cache");
});

test("[SECURITY]: sign-in, the till (camera, wasm scanner worker), payments and a 404 run with no CSP violation", async ({
  request,
}) => {
  const code = await freshCode(request, "wechat", "success");
  session = await openWithCamera(cameraVideoFor("csp-wasm-qr", { code, format: "qrcode" }));
  const { page, context } = session;
  const violations = await watchViolations(context);

  await page.goto("/login");
  await expect(page.getByTestId("login-submit")).toBeEnabled();
  await signIn(page);
  await expect(page.getByTestId("amount-display")).toBeVisible();
  // A reload renders /sale itself with a fresh nonce (sign-in reached it by client navigation).
  await page.reload();
  await keyAmount(page, 1250);
  await expect(page.getByTestId("amount-display")).toContainText("12.50");
  await page.getByTestId("charge-button").click();
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  // Read by the wasm engine (it falls back to zxing-js when its worker or binary cannot load).
  const timing = await page.evaluate(() => window.__scantillScan);
  expect(timing).toMatchObject({ engine: "wasm", requestedEngine: "wasm", state: "decoded" });
  expect(page.workers().some((worker) => worker.url().includes("/_next/static/"))).toBe(true);

  await page.goto("/payments");
  const row = page.getByTestId("payment-row").first();
  await expect(row).toHaveAttribute("data-status", "paid");
  await row.getByRole("link").click();
  await page.waitForURL(/\/payments\/ST/);
  await page.reload();
  await expect(page.getByTestId("payment-detail")).toBeVisible();

  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId("not-found-page")).toBeVisible();

  expect(violations).toEqual([]);
});

test("[SECURITY]: the manager's reconciliation page runs with no CSP violation", async ({ browser }) => {
  const context = await browser.newContext();
  const violations = await watchViolations(context);
  const page = await context.newPage();
  await signIn(page, "manager");
  await page.goto("/reconcile");
  await page.waitForURL("**/reconcile");
  // Enabled once hydrated: the page's scripts ran.
  await expect(page.getByTestId("reconcile-run")).toBeEnabled();
  await expect(page.getByTestId("last-auto-run")).toBeVisible();
  expect(violations).toEqual([]);
  await context.close();
});

test.describe("with the service worker", () => {
  test.use({ serviceWorkers: "allow" });

  test("[SECURITY]: the offline page served from the worker's cache runs its scripts under its own nonce", async ({
    browser,
  }) => {
    const context = await browser.newContext();
    const violations = await watchViolations(context);
    const page = await context.newPage();
    await page.goto("/login");
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated", null, {
      timeout: 60_000,
    });
    // Chosen after the page was precached: only the page's own script can switch its language.
    await context.addCookies([{ name: "scantill-locale", value: "zh-HK", url: E2E.appUrl }]);
    await context.setOffline(true);
    const offline: Page = await context.newPage();
    await offline.goto("/payments");
    await expect(offline.getByTestId("offline-page")).toBeVisible();
    await expect(offline.getByTestId("offline-message")).toContainText("你已離線");
    expect(violations).toEqual([]);
    // Teardown while still offline (pwa.spec.ts explains why).
    await offline.evaluate(async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    });
    await context.close();
  });
});
