import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { clientLazy } from "@/components/ui/client-lazy";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import { useFormatters } from "@/components/ui/use-formatters";
import type { ScanCodeFormat } from "@/lib/scan/scan-settings";
import { wouldExceedLimit, type KeypadKey } from "./amount-entry";
import { AmountDisplay } from "./amount-display";
import { takeEarlyKeypad } from "./early-keypad";
import { Keypad } from "./keypad";
import type { KeypadHardwareHandle } from "./keypad-hardware";
import "@/lib/i18n/catalog/sale";

/**
 * The keyboard and the barcode scanner on this step come just after the on-screen keypad: taps are
 * what must work first (docs/first-load.md). Fetched as soon as the keypad is interactive;
 * `data-keys` on the step says when they are there.
 */
const loadHardware = () => import("./keypad-hardware").then((m) => m.KeypadHardware);
const KeypadHardware = clientLazy(loadHardware);

type Props = {
  amount: number;
  currency: string;
  /** What a payment code looks like (`SCAN_CODE_FORMAT`), for a barcode scanner used on this step. */
  scanCodeFormat: ScanCodeFormat;
  onKey: (key: KeypadKey) => void;
  onRestore: (amount: number) => void;
  onCharge: () => void;
  /** A barcode scanner read a payment code here: charge `amount` with it at once. */
  onChargeWithCode: (amount: number, code: string) => void;
  /**
   * A barcode scanner read a product barcode here (normalised, `normaliseProductBarcode`): for the
   * cart (issue 12). Absent, a product barcode is refused with its notice, as before.
   */
  onProductCode?: (code: string) => void;
};

/** Step 1: key in the amount, then Charge. Side by side on a landscape tablet. */
export function KeypadStep({
  amount,
  currency,
  scanCodeFormat,
  onKey,
  onRestore,
  onCharge,
  onChargeWithCode,
  onProductCode,
}: Props) {
  const t = useT();
  const format = useFormatters();
  const [limitReached, setLimitReached] = useState(false);
  const headingRef = useFocusOnChange<HTMLHeadingElement>("keypad");
  const hardware = useRef<KeypadHardwareHandle | null>(null);
  const [keysReady, setKeysReady] = useState(false);
  const attachHardware = useCallback((handle: KeypadHardwareHandle | null) => {
    hardware.current = handle;
    setKeysReady(handle !== null);
  }, []);

  const press = (key: KeypadKey) => {
    hardware.current?.noteKey();
    hardware.current?.dismiss();
    setLimitReached(wouldExceedLimit(amount, key));
    onKey(key);
  };
  const charge = () => {
    if (amount > 0) onCharge();
  };
  // What was keyed before hydration (early-keypad.ts) becomes the sale's amount, and a Charge tapped
  // then opens the scan step. A layout effect: the script stops before the browser can deliver
  // another tap, so no tap is lost or applied twice. `onCharge` is the flow's own, which charges the
  // amount just restored (this render's `amount` is still 0).
  useLayoutEffect(() => {
    const early = takeEarlyKeypad();
    if (!early || early.amount === 0) return;
    onRestore(early.amount);
    if (early.charge) onCharge();
    // Once, on the first mount: the script is stopped after it.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run once, see above
  }, []);

  return (
    <section
      aria-labelledby="keypad-title"
      data-keys={keysReady ? "ready" : "loading"}
      className="mx-auto grid w-full max-w-md gap-3 short:gap-2 [grid-template-areas:'display'_'keypad'_'charge'] sm:landscape:max-w-4xl sm:landscape:grid-cols-2 sm:landscape:gap-x-6 sm:landscape:[grid-template-areas:'display_keypad'_'charge_keypad']"
    >
      <h1 id="keypad-title" ref={headingRef} tabIndex={-1} className="sr-only">
        {t("sale.title")}
      </h1>
      <div className="flex flex-col gap-3 short:gap-2 [grid-area:display]">
        <AmountDisplay amount={amount} currency={currency} limitReached={limitReached} onClear={() => press("clear")} />
        <KeypadHardware
          amount={amount}
          scanCodeFormat={scanCodeFormat}
          onKey={press}
          onRestore={onRestore}
          onCharge={charge}
          onChargeWithCode={onChargeWithCode}
          onProductCode={onProductCode}
          handle={attachHardware}
        />
      </div>
      <div className="[grid-area:keypad]">
        <Keypad onKey={press} />
      </div>
      <div className="[grid-area:charge] sm:landscape:self-end">
        <Button
          data-testid="charge-button"
          data-early="charge"
          data-early-key="charge"
          suppressHydrationWarning
          size="xl"
          className="w-full short:min-h-14"
          disabled={amount === 0}
          onClick={charge}
        >
          {t("sale.charge", { amount: format.money(amount, currency) })}
        </Button>
      </div>
    </section>
  );
}
