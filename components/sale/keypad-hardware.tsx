/**
 * A keyboard and a barcode scanner (keyboard wedge) on the keypad step: number keys, Backspace,
 * Escape and Enter key the amount and charge, and a payment code scanned here pays the keyed amount
 * at once (with its notice when the scan is refused). Loaded just after the keypad, which answers
 * taps first (keypad-step.tsx, docs/first-load.md): until it is here, keys and scans do nothing, as
 * before the page was interactive.
 */
import { useImperativeHandle, type Ref } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { useKeypadWedge } from "@/components/scan/use-keypad-wedge";
import { rulesForCodeFormat } from "@/lib/scan/payment-code";
import type { ScanCodeFormat } from "@/lib/scan/scan-settings";
import type { KeypadKey } from "./amount-entry";
import { useKeypadKeyboard } from "./use-keypad-keyboard";

/** What the on-screen keypad tells the barcode scanner's logic of each tap. */
export type KeypadHardwareHandle = {
  /** Call before applying any key to the amount (keyboard or on-screen keypad). */
  noteKey(): void;
  /** Clears the last scan's notice. */
  dismiss(): void;
};

type Props = {
  amount: number;
  scanCodeFormat: ScanCodeFormat;
  /** Applies a key as the on-screen keypad does (and tells this component through `handle`). */
  onKey: (key: KeypadKey) => void;
  onRestore: (amount: number) => void;
  onCharge: () => void;
  onChargeWithCode: (amount: number, code: string) => void;
  /** A barcode scanner read a product barcode (normalised); absent: refused as a wrong code. */
  onProductCode?: (code: string) => void;
  handle: Ref<KeypadHardwareHandle>;
};

export function KeypadHardware({
  amount,
  scanCodeFormat,
  onKey,
  onRestore,
  onCharge,
  onChargeWithCode,
  onProductCode,
  handle,
}: Props) {
  const t = useT();
  const wedge = useKeypadWedge({
    enabled: true,
    amount,
    rules: rulesForCodeFormat(scanCodeFormat),
    onRestore,
    onPay: onChargeWithCode,
    onProductCode,
  });
  // One handle for good: the wedge's methods only touch its refs and its state setter.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- one handle for good, see above
  useImperativeHandle(handle, () => ({ noteKey: wedge.noteKey, dismiss: wedge.dismiss }), []);
  useKeypadKeyboard({ enabled: true, amount, onKey, onRestore, onSubmit: onCharge });
  if (!wedge.notice) return null;
  return (
    <p
      role="alert"
      data-testid="keypad-scan-notice"
      className="rounded-xl bg-pending-light p-2 text-base font-medium text-pending sm:p-3 sm:text-lg"
    >
      {t(wedge.notice.key, wedge.notice.params)}
    </p>
  );
}
