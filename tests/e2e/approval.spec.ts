/**
 * [APPROVAL] (issue 9): a manager approves on the cashier's till. One browser context is one till:
 * the manager signs in there with their password first (that enrols the manager's PIN on this
 * device), then the cashier signs in with theirs (which ends the manager's session but keeps the
 * manager enrolled; signing out would un-enrol, lib/auth/options.ts). Checked against the local QFPay
 * sandbox's own record as well as the screen.
 */
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { E2E } from "./support/e2e-settings";
import { freshCode, keyAmount, paymentStatus, sandboxTransactions, signIn } from "./support/pos";

/** next-auth's session cookie (http, so not the __Secure- one). The device cookie stays: same till. */
const SESSION_COOKIE = "next-auth.session-token";

type SandboxRefund = { out_trade_no: string; txamt: string; status: string };
type SandboxPayment = {
  out_trade_no: string;
  charged: boolean;
  status: string;
  refunded_amount: string;
  refunds: SandboxRefund[];
};

async function sandboxPayment(request: APIRequestContext, outTradeNo: string): Promise<SandboxPayment | undefined> {
  return (await sandboxTransactions(request)).find((t) => t.out_trade_no === outTradeNo) as unknown as
    SandboxPayment | undefined;
}

/**
 * The next person signs in with their password on this till, as on a till handed over without
 * signing out. The page is left first: an open page polls, and a poll answered 401 once the
 * session cookie is gone sends it to /login by itself (lib/client/session-end.ts), which would race page.goto.
 */
async function handOver(context: BrowserContext, page: Page, username: string): Promise<void> {
  await page.goto("about:blank");
  await context.clearCookies({ name: SESSION_COOKIE });
  await signIn(page, username);
}

/** The manager signs in with their password on this till, then hands it to the cashier (password too). */
async function managerThenCashier(context: BrowserContext, page: Page): Promise<void> {
  await signIn(page, "manager");
  await handOver(context, page, "cashier");
}

async function slowCode(request: APIRequestContext, pendingMs: number): Promise<string> {
  const res = await request.get(
    `${E2E.sandboxUrl}/_sandbox/code?wallet=wechat&outcome=pending_success&pendingMs=${pendingMs}`,
  );
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { code: string }).code;
}

test("[APPROVAL]: a cashier's refund needs the manager's PIN on this till; a wrong PIN refunds nothing", async ({
  browser,
  request,
}) => {
  // A phone-sized till: the dialog must fit 390×844.
  const context = await browser.newContext({ baseURL: E2E.appUrl, viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await managerThenCashier(context, page);

    // A paid payment, taken by the cashier (through the API with the cashier's session).
    const code = await freshCode(request, "wechat", "success");
    const outTradeNo = `E2EAPPROVE${Date.now()}`;
    const taken = await page.request.post("/api/payments", { data: { outTradeNo, amount: 2500, authCode: code } });
    expect(taken.status()).toBe(201);
    expect(await taken.json()).toMatchObject({ status: "paid", createdBy: "cashier" });

    await page.goto(`/payments/${outTradeNo}`);
    const panel = page.getByTestId("refund-panel");
    await expect(panel).toHaveAttribute("data-needs-approval", "true");
    await expect(page.getByTestId("refund-approval-hint")).toBeVisible();
    await expect(page.getByTestId("charged-decision")).toHaveCount(0);

    // Half of it: amount, confirm, then the manager is asked (nothing has been sent yet).
    await page.getByTestId("refund-partial-button").click();
    await page.getByTestId("refund-amount-input").fill("12.50");
    await page.getByTestId("refund-amount-next").click();
    await expect(page.getByTestId("refund-confirm")).toHaveAttribute("data-amount", "1250");
    await page.getByTestId("refund-confirm-button").click();

    const dialog = page.getByRole("dialog", { name: "A manager must approve this" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute("data-testid", "refund-approval");
    await expect(dialog.getByTestId("approval-summary")).toContainText("HK$12.50");
    await expect(dialog.getByTestId("approval-username")).toBeFocused();
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844).toBe(true);
    expect((await sandboxPayment(request, outTradeNo))?.refunds ?? []).toHaveLength(0);

    // The manager enrolled on this till is offered; picking them moves on to the PIN.
    const approver = dialog.locator('[data-testid="approval-approver"][data-username="manager"]');
    await expect(approver).toBeVisible();
    await expect(dialog.locator('[data-testid="approval-approver"][data-username="cashier"]')).toHaveCount(0);
    await approver.click();
    await expect(dialog.getByTestId("approval-username")).toHaveValue("manager");
    await expect(dialog.getByTestId("approval-pin")).toBeFocused();
    await expect(dialog.getByTestId("approval-pin")).toHaveAttribute("type", "password");

    // A wrong PIN: refused in words, the dialog stays, the PIN field is empty again, nothing refunded.
    await dialog.getByTestId("approval-pin").fill("1111");
    await dialog.getByTestId("approval-approve").click();
    await expect(dialog.getByTestId("approval-refused")).toHaveText(
      "That PIN is not right, or that person can't approve this.",
    );
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId("approval-pin")).toHaveValue("");
    await expect(dialog.getByTestId("approval-pin")).toBeFocused();
    expect((await sandboxPayment(request, outTradeNo))?.refunds ?? []).toHaveLength(0);
    const untouched = (await (await page.request.get(`/api/payments/${outTradeNo}`)).json()) as Record<string, unknown>;
    expect(untouched).toMatchObject({ status: "paid", refundedAmount: 0, refundableAmount: 2500, refunds: [] });

    // The manager's PIN: approved, refunded once.
    await dialog.getByTestId("approval-pin").fill("2468");
    await dialog.getByTestId("approval-approve").click();
    await expect(page.getByTestId("refund-result")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("payment-detail")).toHaveAttribute("data-status", "partially_refunded");
    const row = page.getByTestId("refund-row");
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("refund-approved-by")).toHaveAttribute("data-username", "manager");
    await expect(row).toContainText("by cashier");
    await expect(row).toContainText("approved by manager");

    const record = await sandboxPayment(request, outTradeNo);
    expect(record?.refunds).toHaveLength(1);
    expect(record).toMatchObject({ charged: true, refunded_amount: "1250" });
    expect(record?.refunds[0]).toMatchObject({ txamt: "1250", status: "refunded" });
    const view = (await (await page.request.get(`/api/payments/${outTradeNo}`)).json()) as {
      refunds: Array<Record<string, unknown>>;
    };
    expect(view).toMatchObject({ status: "partially_refunded", refundedAmount: 1250, refundableAmount: 1250 });
    expect(view.refunds[0]).toMatchObject({
      amount: 1250,
      status: "succeeded",
      createdBy: "cashier",
      approvedBy: "manager",
    });
  } finally {
    await context.close();
  }
});

test("[APPROVAL]: a cashier cancelling the manager's pending payment is asked for approval; the manager's password approves it", async ({
  browser,
  request,
}) => {
  // A tablet till with no camera: the code is typed (manual entry).
  const context = await browser.newContext({ baseURL: E2E.appUrl, viewport: { width: 1024, height: 768 } });
  try {
    const page = await context.newPage();
    const code = await slowCode(request, 60_000);

    // The manager takes a payment that stays pending, then hands the till to the cashier.
    await signIn(page, "manager");
    await keyAmount(page, 1800);
    await page.getByTestId("charge-button").click();
    await expect(page.getByTestId("camera-scanner")).toHaveAttribute("data-error", /.+/);
    await page.getByTestId("manual-code-toggle").click();
    await page.getByTestId("manual-code-input").fill(code);
    await page.getByTestId("manual-code-submit").click();
    await expect(paymentStatus(page)).toHaveAttribute("data-status", "pending", { timeout: 30_000 });
    await handOver(context, page, "cashier");

    // The till shows the open payment again; the cashier's cancel is answered "a manager must approve".
    await expect(paymentStatus(page)).toHaveAttribute("data-status", "pending", { timeout: 30_000 });
    await page.getByTestId("cancel-payment-button").click();
    await page.getByTestId("cancel-confirm-button").click();
    const dialog = page.getByRole("dialog", { name: "A manager must approve this" });
    await expect(dialog).toHaveAttribute("data-testid", "cancel-approval");
    await expect(dialog.getByTestId("approval-summary")).toContainText("taken by manager");

    // Closing it cancels nothing, says why, and gives focus back to "Cancel payment".
    await dialog.getByTestId("approval-cancel").click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("cancel-refused")).toHaveAttribute("data-reason", "approval_required");
    await expect(page.getByTestId("cancel-payment-button")).toBeFocused();
    await expect(paymentStatus(page)).toHaveAttribute("data-status", "pending");

    // Again, and this time the manager types their password.
    await page.getByTestId("cancel-payment-button").click();
    await page.getByTestId("cancel-confirm-button").click();
    await expect(dialog).toBeVisible();
    await dialog.getByTestId("approval-username").fill("manager");
    await dialog.getByTestId("approval-mode-toggle").click();
    await expect(dialog.getByTestId("approval-pin")).toHaveCount(0);
    await expect(dialog.getByTestId("approval-password")).toBeFocused();
    await dialog.getByTestId("approval-password").fill("manager123");
    await dialog.getByTestId("approval-approve").click();
    await expect(paymentStatus(page)).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("nothing-charged")).toBeVisible();

    const records = (await sandboxTransactions(request)).filter((t) => t.auth_code === code);
    expect(records).toHaveLength(1);
    expect(records[0]?.charged).toBe(false);
    const view = (await (await page.request.get(`/api/payments/${records[0]?.out_trade_no}`)).json()) as Record<
      string,
      unknown
    >;
    expect(view).toMatchObject({ status: "cancelled", cancelRequested: true, createdBy: "manager" });
  } finally {
    await context.close();
  }
});
