/**
 * [POLL]: one poller per pending payment (issue 10). While the customer confirms in their wallet the
 * payment is pending on the server; the till's outbox looks it up (GET /api/payments/{outTradeNo})
 * about once a second and the sale screen shows what the outbox learns: nothing else asks. Counted
 * from the browser's own requests. Also: the top bar's "Unsent" badge never counts a payment the
 * server has, and nothing is asked after the payment is final.
 */
import {
  chromium,
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type Page,
  type Request,
} from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E } from "./support/e2e-settings";
import { keyAmount, paymentStatus, signIn } from "./support/pos";

let browser: Browser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** A customer who takes `pendingMs` to confirm (1143 meanwhile), then pays. */
async function slowCode(request: APIRequestContext, pendingMs: number): Promise<string> {
  const res = await request.get(
    `${E2E.sandboxUrl}/_sandbox/code?wallet=wechat&outcome=pending_success&pendingMs=${pendingMs}`,
  );
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { code: string }).code;
}

/** Every GET /api/payments/{outTradeNo} this page sends, with when it left. */
function countStatusReads(page: Page) {
  const reads: Array<{ outTradeNo: string; at: number }> = [];
  page.on("request", (request: Request) => {
    const path = new URL(request.url()).pathname;
    const match = /^\/api\/payments\/([^/]+)$/.exec(path);
    if (request.method() === "GET" && match) reads.push({ outTradeNo: decodeURIComponent(match[1]!), at: Date.now() });
  });
  return {
    between: (outTradeNo: string, from: number, to: number) =>
      reads.filter((r) => r.outTradeNo === outTradeNo && r.at >= from && r.at < to).length,
    all: (outTradeNo: string) => reads.filter((r) => r.outTradeNo === outTradeNo).length,
  };
}

test("[POLL]: a pending payment is looked up about once a second, by the outbox alone; the badge never counts it", async ({
  request,
}) => {
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, "--use-fake-ui-for-media-stream"],
  });
  const context = await browser.newContext({
    baseURL: E2E.appUrl,
    viewport: { width: 1024, height: 768 },
    serviceWorkers: "block",
  });
  const page = await context.newPage();
  const reads = countStatusReads(page);
  const code = await slowCode(request, 14_000);
  await signIn(page);

  await keyAmount(page, 1850);
  await page.getByTestId("charge-button").click();
  await expect(page.getByTestId("camera-scanner")).toHaveAttribute("data-error", /.+/);
  await page.getByTestId("manual-code-toggle").click();
  await page.getByTestId("manual-code-input").fill(code);
  const created = page.waitForResponse(
    (res) => res.request().method() === "POST" && new URL(res.url()).pathname === "/api/payments",
  );
  await page.getByTestId("manual-code-submit").click();
  const { outTradeNo } = (await (await created).json()) as { outTradeNo: string };
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "pending");
  // The server has it: not "unsent", whatever the outbox still owes it.
  await expect(page.getByTestId("outbox-count")).toHaveAttribute("data-count", "0");
  await expect(page.getByTestId("outbox-count")).toBeHidden();

  // Eight seconds of a pending payment on screen: one lookup a second (the outbox's), not two.
  const from = Date.now();
  await page.waitForTimeout(8_000);
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "pending");
  const lookups = reads.between(outTradeNo, from, Date.now());
  test.info().annotations.push({ type: "lookups in 8 s", description: String(lookups) });
  expect(lookups, `GET /api/payments/${outTradeNo} in 8 s`).toBeGreaterThanOrEqual(5);
  expect(lookups, `GET /api/payments/${outTradeNo} in 8 s`).toBeLessThanOrEqual(10);

  // The screen learns "paid" from the outbox's lookup; then nobody asks again.
  await expect(paymentStatus(page)).toHaveAttribute("data-status", "paid", { timeout: 20_000 });
  await expect(page.getByTestId("outbox-count")).toHaveAttribute("data-count", "0");
  const settled = reads.all(outTradeNo);
  await page.waitForTimeout(3_000);
  expect(reads.all(outTradeNo), "lookups after the payment was final").toBe(settled);
});
