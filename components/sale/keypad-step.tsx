import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { useKeypadWedge } from "@/components/scan/use-keypad-wedge";
import { Button } from "@/components/ui/button";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentCodeRules } from "@/lib/scan/payment-code";
import { wouldExceedLimit, type KeypadKey } from "./amount-entry";
import { AmountDisplay } from "./amount-display";
import { Keypad } from "./keypad";
import { useKeypadKeyboard } from "./use-keypad-keyboard";

type Props = {
  amount: number;
  currency: string;
  /** What a payment code looks like (`SCAN_CODE_FORMAT`), for a barcode scanner used on this step. */
  codeRules: PaymentCodeRules;
  onKey: (key: KeypadKey) => void;
  onRestore: (amount: number) => void;
  onCharge: () => void;
  /** A barcode scanner read a payment code here: charge `amount` with it at once. */
  onChargeWithCode: (amount: number, code: string) => void;
};

/** Step 1: key in the amount, then Charge. Side by side on a landscape tablet. */
export function KeypadStep({ amount, currency, codeRules, onKey, onRestore, onCharge, onChargeWithCode }: Props) {
  const t = useT();
  const format = useFormatters();
  const [limitReached, setLimitReached] = useState(false);
  const headingRef = useFocusOnChange<HTMLHeadingElement>("keypad");
  const wedge = useKeypadWedge({ enabled: true, amount, rules: codeRules, onRestore, onPay: onChargeWithCode });

  const press = (key: KeypadKey) => {
    wedge.noteKey();
    wedge.dismiss();
    setLimitReached(wouldExceedLimit(amount, key));
    onKey(key);
  };
  const charge = () => {
    if (amount > 0) onCharge();
  };
  useKeypadKeyboard({ enabled: true, amount, onKey: press, onRestore, onSubmit: charge });

  return (
    <section
      aria-labelledby="keypad-title"
      className="mx-auto grid w-full max-w-md gap-3 short:gap-2 [grid-template-areas:'display'_'keypad'_'charge'] sm:landscape:max-w-4xl sm:landscape:grid-cols-2 sm:landscape:gap-x-6 sm:landscape:[grid-template-areas:'display_keypad'_'charge_keypad']"
    >
      <h1 id="keypad-title" ref={headingRef} tabIndex={-1} className="sr-only">
        {t("sale.title")}
      </h1>
      <div className="flex flex-col gap-3 short:gap-2 [grid-area:display]">
        <AmountDisplay amount={amount} currency={currency} limitReached={limitReached} onClear={() => press("clear")} />
        {wedge.notice && (
          <p role="alert" data-testid="keypad-scan-notice" className="rounded-xl bg-pending-light p-2 text-base font-medium text-pending sm:p-3 sm:text-lg">
            {t(wedge.notice.key, wedge.notice.params)}
          </p>
        )}
      </div>
      <div className="[grid-area:keypad]">
        <Keypad onKey={press} />
      </div>
      <div className="[grid-area:charge] sm:landscape:self-end">
        <Button data-testid="charge-button" size="xl" className="w-full short:min-h-14" disabled={amount === 0} onClick={charge}>
          {t("sale.charge", { amount: format.money(amount, currency) })}
        </Button>
      </div>
    </section>
  );
}
