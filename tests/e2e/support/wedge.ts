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
    // A real scanner's keys carry the time the device sent them (KeyboardEvent.timeStamp), however
    // late a busy page gets to them; a synthetic event is stamped when it is made, after the page
    // reacted to the last one. So each key gets the scanner's time: 4 ms apart, from the first.
    const start = performance.now();
    const stamped = (type: string, key: string, at: number) => {
      const event = new KeyboardEvent(type, { key, bubbles: true, cancelable: true });
      Object.defineProperty(event, "timeStamp", { value: at });
      return event;
    };
    for (const [i, key] of [...text, "Enter"].entries()) {
      target.dispatchEvent(stamped("keydown", key, start + 4 * i));
      target.dispatchEvent(stamped("keyup", key, start + 4 * i + 1));
      // The page is free to react in between, as it is to a real scanner.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }, code);
}
