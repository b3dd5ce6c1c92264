/**
 * Staff management and the audit trail (issue 9), as an owner and a manager use them: add a cashier
 * with a PIN, that cashier signs in and changes their own PIN, the owner disables them and their
 * open session ends at its next request; a manager sees only what the rules let them do; the audit
 * screen and its CSV show the sign-ins and the staff changes.
 *
 * Signs in only through the /login username + password form, and leaves the demo accounts as they
 * were (other specs share this server).
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

const NEW_CASHIER = `e2e-${Date.now().toString(36)}`;
const NEW_PASSWORD = "first-password-1";

async function signInWithPassword(page: Page, username: string, password: string): Promise<void> {
  // The password form even where this browser already knows staff (its PIN screen comes first).
  await page.goto("/login?mode=password");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL("**/sale");
}

/** True when the page is no wider than the screen (nothing to scroll sideways on a phone). */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

test.describe.serial("[STAFF] staff management and the audit trail", () => {
  test("owner adds a cashier with a PIN; they sign in and change their PIN; disabled, their open session ends", async ({
    page,
    browser,
  }) => {
    await signInWithPassword(page, "owner", "owner123");
    await page.getByTestId("nav-staff").click();
    await expect(page.getByTestId("staff-screen")).toBeVisible();
    await page.getByTestId("staff-add-open").click();
    await page.getByTestId("staff-add-username").fill(NEW_CASHIER);
    await expect(page.getByTestId("staff-add-role")).toHaveValue("cashier");
    await page.getByTestId("staff-add-password").fill(NEW_PASSWORD);
    // A PIN anyone would try first is refused with words, not a generic error.
    await page.getByTestId("staff-add-pin").fill("1234");
    await page.getByTestId("staff-add-submit").click();
    await expect(page.getByTestId("staff-add-error")).toContainText("too easy");
    await page.getByTestId("staff-add-pin").fill("4826");
    await page.getByTestId("staff-add-submit").click();
    await expect(page.getByTestId("staff-add-result")).toContainText(NEW_CASHIER);
    const row = page.getByTestId(`staff-row-${NEW_CASHIER}`);
    await expect(row).toHaveAttribute("data-role", "cashier");
    await expect(row).toHaveAttribute("data-has-pin", "true");
    await expect(row).toHaveAttribute("data-state", "active");

    // The new cashier, on another till.
    const till = await browser.newContext();
    const cashier = await till.newPage();
    try {
      await signInWithPassword(cashier, NEW_CASHIER, NEW_PASSWORD);
      await expect(cashier.getByTestId("current-user")).toContainText(NEW_CASHIER);
      await expect(cashier.getByTestId("nav-staff")).toHaveCount(0);
      await expect(cashier.getByTestId("nav-audit")).toHaveCount(0);
      // Their own PIN, from the top bar: needs the current password; they stay signed in.
      await cashier.getByTestId("current-user").click();
      await expect(cashier.getByTestId("my-account-screen")).toBeVisible();
      await cashier.getByTestId("me-pin-current").fill("not-my-password");
      await cashier.getByTestId("me-pin-new").fill("603917");
      await cashier.getByTestId("me-pin-repeat").fill("603917");
      await cashier.getByTestId("me-pin-submit").click();
      await expect(cashier.getByTestId("me-pin-error")).toBeVisible();
      await cashier.getByTestId("me-pin-current").fill(NEW_PASSWORD);
      await cashier.getByTestId("me-pin-new").fill("603917");
      await cashier.getByTestId("me-pin-repeat").fill("603917");
      await cashier.getByTestId("me-pin-submit").click();
      await expect(cashier.getByTestId("me-pin-result")).toBeVisible();
      expect((await cashier.request.get("/api/payments?limit=1")).status()).toBe(200);
      // A cashier cannot use the staff API.
      expect((await cashier.request.get("/api/staff")).status()).toBe(403);

      // The owner disables them: the cashier's open session stops at its next request.
      await page.getByTestId(`staff-manage-${NEW_CASHIER}`).click();
      await row.getByTestId("staff-disable").click();
      await row.getByTestId("staff-confirm").click();
      await expect(row.getByTestId("staff-result")).toContainText(NEW_CASHIER);
      await expect(row).toHaveAttribute("data-state", "disabled");

      const refused = await cashier.request.get("/api/payments?limit=1");
      expect(refused.status()).toBe(401);
      await cashier.goto("/sale");
      await cashier.waitForURL("**/login**");
    } finally {
      await till.close();
    }
  });

  test("a manager sees only what a manager may do: no role changes, cashiers only", async ({ browser }) => {
    // On a phone.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();
    try {
      await signInWithPassword(page, "manager", "manager123");
      await page.goto("/staff");
      await expect(page.getByTestId("staff-list")).toBeVisible();
      // Owners and other managers have no "Manage"; the manager themselves neither.
      await expect(page.getByTestId("staff-row-owner")).toBeVisible();
      await expect(page.getByTestId("staff-manage-owner")).toHaveCount(0);
      await expect(page.getByTestId("staff-manage-manager")).toHaveCount(0);
      await page.getByTestId("staff-manage-cashier").click();
      const panel = page.getByTestId("staff-panel-cashier");
      await expect(panel.getByTestId("staff-set-password")).toBeVisible();
      await expect(panel.getByTestId("staff-revoke")).toBeVisible();
      await expect(page.getByTestId("staff-make-owner")).toHaveCount(0);
      await expect(page.getByTestId("staff-make-manager")).toHaveCount(0);
      await page.getByTestId("staff-add-open").click();
      await expect(page.getByTestId("staff-add-role").locator("option")).toHaveText(["Cashier"]);
      expect(await fitsWidth(page)).toBe(true);

      // The server refuses it anyway.
      const promote = await page.request.patch("/api/staff/cashier", { data: { role: "owner" } });
      expect(promote.status()).toBe(403);
      expect((await promote.json()).error.code).toBe("forbidden");
      const addOwner = await page.request.post("/api/staff", {
        data: { username: "sneaky", password: "password-123", role: "owner" },
      });
      expect(addOwner.status()).toBe(403);
      // Bad input is a 4xx with a reason, never a 500.
      expect(
        (await page.request.patch("/api/staff/cashier", { data: { role: "owner", disabled: true } })).status(),
      ).toBe(400);
      expect((await page.request.patch("/api/staff/%E0%A4%A", { data: { disabled: true } })).status()).toBe(400);
      expect((await page.request.patch("/api/staff/NoSuch..User", { data: { disabled: true } })).status()).toBe(404);
    } finally {
      await phone.close();
    }
  });

  test("the audit screen shows the sign-ins and staff changes, and the CSV has them", async ({ page }) => {
    await signInWithPassword(page, "owner", "owner123");
    await page.getByTestId("nav-audit").click();
    await expect(page.getByTestId("audit-screen")).toBeVisible();
    const rows = page.getByTestId("audit-row");
    await expect(rows.first()).toBeVisible();
    await expect(
      page.locator(`[data-testid="audit-row"][data-action="sign_in"][data-actor="${NEW_CASHIER}"]`),
    ).toHaveCount(1);
    await expect(
      page.locator(
        `[data-testid="audit-row"][data-action="staff_add"][data-subject="${NEW_CASHIER}"][data-outcome="ok"]`,
      ),
    ).toHaveCount(1);
    await expect(
      page.locator(`[data-testid="audit-row"][data-action="staff_add"][data-subject="${NEW_CASHIER}"]`),
    ).toContainText("Added a person");
    await expect(
      page.locator(`[data-testid="audit-row"][data-action="staff_disable"][data-subject="${NEW_CASHIER}"]`),
    ).toHaveCount(1);
    await expect(
      page.locator(
        `[data-testid="audit-row"][data-action="staff_pin"][data-actor="${NEW_CASHIER}"][data-outcome="refused"]`,
      ),
    ).toHaveCount(1);
    await expect(
      page.locator(`[data-testid="audit-row"][data-action="staff_role"][data-actor="manager"][data-outcome="refused"]`),
    ).toHaveCount(1);

    // Filtered to the staff changes of the new cashier's day, made by the owner.
    await page.getByTestId("audit-actor").fill("owner");
    await page.getByTestId("audit-action").selectOption("staff_add");
    await page.getByTestId("audit-apply").click();
    await expect(
      page.locator(`[data-testid="audit-row"][data-action="staff_add"][data-subject="${NEW_CASHIER}"]`),
    ).toHaveCount(1);
    await expect(page.locator('[data-testid="audit-row"]:not([data-action="staff_add"])')).toHaveCount(0);
    await page.getByTestId("audit-clear").click();
    await expect(
      page.locator(`[data-testid="audit-row"][data-action="staff_disable"][data-subject="${NEW_CASHIER}"]`),
    ).toHaveCount(1);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-download").click()]);
    expect(download.suggestedFilename()).toMatch(/^scantill-audit-start-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.split("\r\n");
    expect(lines[0]).toContain("Action code");
    expect(lines.some((l) => l.includes(",sign_in,") && l.includes(`,${NEW_CASHIER},`))).toBe(true);
    expect(
      lines.some((l) => l.includes(",staff_add,") && l.includes(",owner,") && l.includes(`,${NEW_CASHIER},`)),
    ).toBe(true);
    expect(lines.some((l) => l.includes(",staff_disable,") && l.includes(`,${NEW_CASHIER},`))).toBe(true);
    expect(csv).not.toContain(NEW_PASSWORD);
    // The PIN as a number of its own: other tests' rows share the database, and a barcode such as
    // 0072806039171 holds the same six digits inside a longer number.
    expect(csv).not.toMatch(/(^|\D)603917(\D|$)/);

    // The same screen on a phone: nothing to scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(rows.first()).toBeVisible();
    expect(await fitsWidth(page)).toBe(true);
  });
});
