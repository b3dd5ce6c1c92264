import { useT } from "@/components/i18n/i18n-provider";
import { useFormatters } from "@/components/ui/use-formatters";
import "@/lib/i18n/catalog/sale";

type Props = { amount: number; currency: string; limitReached: boolean; onClear: () => void };

export function AmountDisplay({ amount, currency, limitReached, onClear }: Props) {
  const t = useT();
  const format = useFormatters();
  return (
    <div className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 short:p-3">
      <div className="flex items-center justify-between gap-2">
        <span id="amount-label" className="text-sm font-semibold text-ink-muted">
          {t("sale.amountLabel")}
        </span>
        {/* The early keypad (early-keypad.ts) enables it before hydration; React adopts that. */}
        <button
          type="button"
          data-testid="keypad-clear"
          data-early="clear"
          data-early-key="clear"
          suppressHydrationWarning
          aria-label={t("sale.keyClear")}
          disabled={amount === 0}
          onClick={onClear}
          className="min-h-touch min-w-touch rounded-xl px-4 text-xl short:min-h-11 short:min-w-11 font-bold text-failed hover:bg-failed-light focus-visible:outline-3 focus-visible:outline-brand disabled:text-slate-300 disabled:hover:bg-transparent"
        >
          C
        </button>
      </div>
      {/* The early keypad may have keyed an amount here before hydration (early-keypad.ts). */}
      <output
        data-testid="amount-display"
        data-early="display"
        suppressHydrationWarning
        data-amount={amount}
        aria-labelledby="amount-label"
        aria-live="polite"
        className={`block text-right text-5xl font-bold tracking-tight tabular-nums sm:text-6xl ${amount === 0 ? "text-slate-400" : "text-ink"}`}
      >
        {format.money(amount, currency)}
      </output>
      <p
        data-early="hint"
        suppressHydrationWarning
        className={`mt-1 min-h-6 text-right text-sm ${limitReached ? "font-semibold text-failed" : "text-ink-muted"}`}
        role={limitReached ? "alert" : undefined}
      >
        {limitReached ? t("sale.maxAmount") : amount === 0 ? t("sale.enterAmount") : " "}
      </p>
    </div>
  );
}
