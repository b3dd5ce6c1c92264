/**
 * What to tell the cashier about a code the camera or a barcode scanner read that is not a payment
 * code. Apart from scan-messages.ts (the scanner's other messages) because the keypad step needs it
 * too, for a barcode scanner used there, and its first load carries no more of the scanner's text
 * than that (docs/first-load.md).
 */
import type { MessageKey } from "@/lib/i18n/messages";
import type { MessageParams } from "@/lib/i18n/translate";
import type { PaymentCodeProblem } from "@/lib/scan/payment-code";
import "@/lib/i18n/catalog/scan-reads";

export type Message = { key: MessageKey; params?: MessageParams };

/** For a scanned code (camera or barcode scanner): what to scan instead. */
export function scannedCodeProblemMessage(problem: PaymentCodeProblem): Message {
  return { key: problem === "product_barcode" ? "scan.readProductBarcode" : "scan.readNotPaymentCode" };
}
