import { useId, useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import { useFormatters } from "@/components/ui/use-formatters";
import type { MessageKey } from "@/lib/i18n/messages";
import { currencyExponent, parseDecimalToMinor } from "@/lib/money";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/refunds";

type Problem = { key: MessageKey; params?: Record<string, string> };

/** The amount typed in the currency's units ("12.5" → 1250), never more than what is left. */
function checkRefundAmount(
  text: string,
  currency: string,
  refundable: number,
  formatMoney: (n: number) => string,
): number | Problem {
  const minor = parseDecimalToMinor(text, currency);
  if (minor === null) return { key: "refunds.amountInvalid" };
  if (minor <= 0) return { key: "refunds.amountZero" };
  if (minor > refundable) return { key: "refunds.amountTooMuch", params: { amount: formatMoney(refundable) } };
  return minor;
}

type Props = { currency: string; refundable: number; onReview: (amount: number) => void; onBack: () => void };

/** "Refund part": type the amount (a tablet shows its number pad), then review it before anything is sent. */
export function RefundAmountForm({ currency, refundable, onReview, onBack }: Props) {
  const t = useT();
  const format = useFormatters();
  const headingRef = useFocusOnChange<HTMLHeadingElement>("amount");
  const inputId = useId();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const money = (n: number) => format.money(n, currency);
  const decimals = currencyExponent(currency) > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkRefundAmount(text, currency, refundable, money);
    if (typeof checked === "number") onReview(checked);
    else setProblem(checked);
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby="refund-amount-title" className="space-y-3">
      <h3 id="refund-amount-title" ref={headingRef} tabIndex={-1} className="text-xl font-bold focus:outline-none">
        {t("refunds.amountTitle")}
      </h3>
      <div className="space-y-1">
        <label htmlFor={inputId} className="block font-semibold">
          {t("refunds.amountLabel", { currency })}
        </label>
        <input
          id={inputId}
          data-testid="refund-amount-input"
          type="text"
          inputMode={decimals ? "decimal" : "numeric"}
          autoComplete="off"
          placeholder={decimals ? "0.00" : "0"}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setProblem(null);
          }}
          aria-invalid={problem !== null}
          aria-describedby={`${inputId}-hint ${inputId}-problem`}
          className="min-h-touch w-full rounded-xl border-2 border-slate-300 bg-white px-4 text-right text-3xl font-bold tabular-nums focus-visible:border-brand focus-visible:outline-3 focus-visible:outline-brand aria-invalid:border-failed"
        />
        <p id={`${inputId}-hint`} className="text-sm text-ink-muted">
          {t("refunds.amountHint", { amount: money(refundable) })}
        </p>
        <p
          id={`${inputId}-problem`}
          data-testid="refund-amount-problem"
          role="alert"
          className="min-h-6 text-sm font-semibold text-failed"
        >
          {problem ? t(problem.key, problem.params) : ""}
        </p>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Button type="submit" data-testid="refund-amount-next" size="lg">
          {t("refunds.amountNext")}
        </Button>
        <Button data-testid="refund-back-button" variant="secondary" size="lg" onClick={onBack}>
          {t("common.back")}
        </Button>
      </div>
    </form>
  );
}
