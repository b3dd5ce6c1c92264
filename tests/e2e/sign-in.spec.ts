import { expect, test } from "@playwright/test";
import { signIn } from "./support/pos";

test("[AUTH]: the sign-in page shows the demo staff; a wrong password is refused", async ({ page }) => {
  await page.goto("/sale");
  await page.waitForURL("**/login**");
  await expect(page.getByText("cashier123")).toBeVisible();
  await page.getByTestId("login-username").fill("cashier");
  await page.getByTestId("login-password").fill("wrong-password");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("[I18N]: the cashier can switch the till to Traditional Chinese", async ({ page }) => {
  await signIn(page, "manager");
  await page.getByTestId("language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-HK");
  await expect(page.getByTestId("charge-button")).toContainText(/收|付/);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-HK");
});
