/** A keyboard-wedge barcode scanner, as the sale screen hears one. */
import type { Page } from "@playwright/test";

/**
 * The whole code and Enter as one burst of key events. Sent from inside the page, because keys
 * typed through the browser protocol arrive tens of milliseconds apart when the test machine is
 * busy, which is how a person types, not how a scanner does.
 */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.evaluate(async (text) => {
    const target = document.activeElement ?? document.body;
    for (const key of [...text, "Enter"]) {
      target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
      target.dispatchEvent(new KeyboardEvent("keyup", { key, bubbles: true, cancelable: true }));
      // A scanner's pace: a few milliseconds a key, with the page free to react in between.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }, code);
}
