/**
 * Helpers for driving ScanTill like a cashier: sign in, key an amount, ask the sandbox for a
 * customer's code and read the sandbox's own record of what it charged.
 */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E } from "./e2e-settings";

export type SandboxOutcome =
  "success" | "pending_success" | "pending_failure" | "expired" | "insufficient" | "risk" | "slow";
export type Wallet = "wechat" | "alipay" | "unionpay";

export async function signIn(page: Page, username = "cashier", password = `${username}123`): Promise<void> {
  // The password form even where this browser already knows staff (its PIN screen comes first).
  await page.goto("/login?mode=password");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL("**/sale");
}

/** Keys `minor` on the keypad the way a cashier does (1250 → 1, 2, 5, 0 → HK$12.50). */
/** Signs `request` in over next-auth's credentials endpoint, without the sign-in page. */
export async function apiSignIn(
  request: APIRequestContext,
  username = "cashier",
  password = `${username}123`,
): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, username, password, json: "true" },
  });
  expect(res.ok()).toBe(true);
}

export async function keyAmount(page: Page, minor: number): Promise<void> {
  for (const digit of String(minor)) await page.getByTestId(`keypad-${digit}`).click();
}

export async function freshCode(request: APIRequestContext, wallet: Wallet, outcome: SandboxOutcome): Promise<string> {
  const res = await request.get(`${E2E.sandboxUrl}/_sandbox/code?wallet=${wallet}&outcome=${outcome}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { code: string }).code;
}

type SandboxTransaction = {
  out_trade_no: string;
  auth_code: string;
  txamt: string;
  status: string;
  charged: boolean;
};

export async function sandboxTransactions(request: APIRequestContext): Promise<SandboxTransaction[]> {
  const res = await request.get(`${E2E.sandboxUrl}/_sandbox/transactions`);
  return (await res.json()) as SandboxTransaction[];
}

/** What the sandbox recorded for this code: tests check it as well as the screen. */
export async function sandboxRecordsFor(request: APIRequestContext, authCode: string): Promise<SandboxTransaction[]> {
  return (await sandboxTransactions(request)).filter((t) => t.auth_code === authCode);
}

export function paymentStatus(page: Page) {
  return page.getByTestId("payment-status");
}
