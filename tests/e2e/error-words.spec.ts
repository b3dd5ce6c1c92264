/**
 * [WORDS]: a refusal from our server reaches the cashier in the cashier's language (issue 11,
 * lib/contract/errors.ts). The server answers a reused payment code with a reason and its facts; the
 * Chinese screen says it in Chinese, and never shows the server's English words.
 */
import { chromium, expect, test, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E } from "./support/e2e-settings";
import { freshCode, keyAmount, paymentStatus, signIn } from "./support/pos";

let browser: Browser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

test("[WORDS]: a payment code used on another till is refused in zh-HK words, with the reason in the API's answer", async ({
  request,
}) => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const code = await freshCode(request, "wechat", "success");
  // Two tills: this one would know its own codes; the other one learns of the reuse from the server only.
  const till = async (locale: "en" | "zh-HK") => {
    const context = await browser!.newContext({
      baseURL: E2E.appUrl,
      viewport: { width: 1024, height: 768 },
      serviceWorkers: "block",
    });
    await context.addCookies([{ name: "scantill-locale", value: locale, url: E2E.appUrl }]);
    const page = await context.newPage();
    await signIn(page);
    return page;
  };
  const pay = async (page: Page, amount: number) => {
    await keyAmount(page, amount);
    await page.getByTestId("charge-button").click();
    await page.getByTestId("manual-code-toggle").click();
    await page.getByTestId("manual-code-input").fill(code);
    const answer = page.waitForResponse(
      (res) => res.request().method() === "POST" && new URL(res.url()).pathname === "/api/payments",
    );
    await page.getByTestId("manual-code-submit").click();
    return answer;
  };

  const first = await till("en");
  await pay(first, 1200);
  await expect(paymentStatus(first)).toHaveAttribute("data-status", "paid");

  const second = await till("zh-HK");
  const refused = await pay(second, 1300);
  expect(refused.status()).toBe(409);
  const body = (await refused.json()) as {
    error: { code: string; reason?: string; message: string; params?: Record<string, unknown> };
  };
  expect(body.error).toMatchObject({ code: "conflict", reason: "code_already_used" });
  expect(body.error.message).toMatch(/already used/);

  const words = second.getByTestId("server-message");
  await expect(words).toContainText("這個付款碼已使用過");
  await expect(words).not.toContainText(body.error.message);
  await expect(words).not.toContainText(/[a-z]{4,}/);
});
