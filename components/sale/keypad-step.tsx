import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import { useFormatters } from "@/components/ui/use-formatters";
import { wouldExceedLimit, type KeypadKey } from "./amount-entry";
import { AmountDisplay } from "./amount-display";
import { Keypad } from "./keypad";
import { useKeypadKeyboard } from "./use-keypad-keyboard";

type Props = {
  amount: number;
  currency: string;
  onKey: (key: KeypadKey) => void;
  onRestore: (amount: number) => void;
  onCharge: () => void;
};

/** Step 1: key in the amount, then Charge. Side by side on a landscape tablet. */
export function KeypadStep({ amount, currency, onKey, onRestore, onCharge }: Props) {
  const t = useT();
  const format = useFormatters();
  const [limitReached, setLimitReached] = useState(false);
  const headingRef = useFocusOnChange<HTMLHeadingElement>("keypad");

  const press = (key: KeypadKey) => {
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
      className="mx-auto grid w-full max-w-md gap-3 [grid-template-areas:'display'_'keypad'_'charge'] sm:landscape:max-w-4xl sm:landscape:grid-cols-2 sm:landscape:gap-x-6 sm:landscape:[grid-template-areas:'display_keypad'_'charge_keypad']"
    >
      <h1 id="keypad-title" ref={headingRef} tabIndex={-1} className="sr-only">
        {t("sale.title")}
      </h1>
      <div className="[grid-area:display]">
        <AmountDisplay amount={amount} currency={currency} limitReached={limitReached} onClear={() => press("clear")} />
      </div>
      <div className="[grid-area:keypad]">
        <Keypad onKey={press} />
      </div>
      <div className="[grid-area:charge] sm:landscape:self-end">
        <Button data-testid="charge-button" size="xl" className="w-full" disabled={amount === 0} onClick={charge}>
          {t("sale.charge", { amount: format.money(amount, currency) })}
        </Button>
      </div>
    </section>
  );
}
