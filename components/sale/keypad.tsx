import type { ReactNode } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { BackspaceIcon } from "@/components/ui/icons";
import { DIGIT_KEYS, type KeypadKey } from "./amount-entry";
import "@/lib/i18n/catalog/sale";

// 48 px keys on a short screen, so the keypad, a notice and Charge fit it (docs/phone-layout.md §1).
const KEY_CLASS =
  "flex min-h-16 short:min-h-12 items-center justify-center rounded-2xl bg-white text-3xl font-semibold text-ink shadow-sm ring-1 ring-slate-200 select-none hover:bg-slate-100 active:bg-brand-light focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand sm:min-h-18";

function Key({
  value,
  label,
  onKey,
  children,
}: {
  value: KeypadKey;
  label?: string;
  onKey: (key: KeypadKey) => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      data-testid={`keypad-${value}`}
      data-early-key={value}
      aria-label={label}
      className={KEY_CLASS}
      onClick={() => onKey(value)}
    >
      {children}
    </button>
  );
}

/** 1–9, 00, 0, ⌫: cash-register entry, no decimal point. */
export function Keypad({ onKey }: { onKey: (key: KeypadKey) => void }) {
  const t = useT();
  return (
    <div role="group" aria-label={t("sale.keypadLabel")} className="grid grid-cols-3 gap-2 sm:gap-3">
      {DIGIT_KEYS.map((digit) => (
        <Key key={digit} value={digit} onKey={onKey}>
          {digit}
        </Key>
      ))}
      <Key value="00" onKey={onKey}>
        00
      </Key>
      <Key value="0" onKey={onKey}>
        0
      </Key>
      <Key value="backspace" label={t("sale.keyBackspace")} onKey={onKey}>
        <BackspaceIcon className="size-8" />
      </Key>
    </div>
  );
}
