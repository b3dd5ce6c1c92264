"use client";
/**
 * Typing the payment code by hand, with the same rules as a scan.
 */
import { useId, useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { checkPaymentCode, WALLET_CODE_RULES, type PaymentCodeRules } from "@/lib/scan/payment-code";
import type { Message } from "./read-messages";
import { typedCodeProblemMessage } from "./scan-messages";
import "@/lib/i18n/catalog/scan";

type ManualCodeEntryProps = {
  /** A valid, normalised code. Return false if the caller refused it: the text stays for editing. */
  onCode(code: string): boolean | void;
  rules?: PaymentCodeRules;
  disabled?: boolean;
  autoFocus?: boolean;
};

export function ManualCodeEntry({
  onCode,
  rules = WALLET_CODE_RULES,
  disabled = false,
  autoFocus = false,
}: ManualCodeEntryProps) {
  const t = useT();
  const inputId = useId();
  const errorId = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<Message | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const check = checkPaymentCode(value, rules);
    if (!check.ok) {
      setError(typedCodeProblemMessage(check.reason, rules));
      return;
    }
    setError(null);
    if (onCode(check.code) !== false) setValue("");
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-2" data-testid="manual-code-entry">
      {/* On a short screen the placeholder and the button above say it: the label's room goes to the camera. */}
      <label htmlFor={inputId} className="text-sm font-medium text-ink short:sr-only">
        {t("scan.manualLabel")}
      </label>
      {/* One row on a short screen too, beside a notice and the camera (docs/phone-layout.md §3). */}
      <div className="flex flex-col gap-2 short:flex-row sm:flex-row">
        <input
          id={inputId}
          data-testid="manual-code-input"
          data-wedge-ok=""
          type="text"
          inputMode={rules.charset === "digits" ? "numeric" : "text"}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="go"
          autoFocus={autoFocus}
          disabled={disabled}
          value={value}
          placeholder={t(rules.charset === "digits" ? "scan.manualPlaceholder" : "scan.manualPlaceholderAlphanumeric", {
            min: rules.minLength,
            max: rules.maxLength,
          })}
          onChange={(event) => {
            setValue(event.target.value);
            if (error) setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="min-h-touch w-full min-w-0 flex-1 rounded-xl border-2 border-ink-muted/40 bg-white px-4 font-mono text-xl tracking-wider short:px-3 short:text-lg short:tracking-normal text-ink outline-none focus:border-brand disabled:opacity-50 aria-invalid:border-failed"
        />
        <button
          type="submit"
          data-testid="manual-code-submit"
          disabled={disabled}
          className="min-h-touch shrink-0 rounded-xl bg-brand px-6 text-lg font-semibold text-white short:px-4 short:text-base hover:bg-brand-dark focus-visible:outline-4 focus-visible:outline-brand-light disabled:opacity-50"
        >
          {t("scan.manualSubmit")}
        </button>
      </div>
      {error && (
        <p id={errorId} role="alert" data-testid="manual-code-error" className="text-base font-medium text-failed">
          {t(error.key, error.params)}
        </p>
      )}
    </form>
  );
}
