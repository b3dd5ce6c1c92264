import { useEffect, useRef } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { ScanPanel } from "@/components/scan/scan-panel";
import { Button } from "@/components/ui/button";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { useFormatters } from "@/components/ui/use-formatters";
import { rulesForCodeFormat } from "@/lib/scan/payment-code";
import type { ScanCodeFormat, ScanEngineName } from "@/lib/scan/scan-settings";
import type { CodeSource } from "./sale-machine";
import "@/lib/i18n/catalog/sale-steps";

type Props = {
  amount: number;
  currency: string;
  scanEngine: ScanEngineName;
  /** `SCAN_CODE_FORMAT`: what a payment code looks like. */
  scanCodeFormat: ScanCodeFormat;
  onCode: (code: string, source: CodeSource) => void;
  onBack: () => void;
};

/**
 * Step 2: the amount, big, above the scanner (camera, wedge or typed code). Loaded apart from the
 * keypad, with the scanner (sale-screen.tsx).
 */
export function ScanStep({ amount, currency, scanEngine, scanCodeFormat, onCode, onBack }: Props) {
  const t = useT();
  const format = useFormatters();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (panelRef.current?.contains(document.activeElement)) return;
    headingRef.current?.focus();
  }, []);

  return (
    <section aria-labelledby="scan-title" className="mx-auto flex w-full max-w-5xl flex-col gap-3 sm:gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3 rounded-2xl bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:p-4">
        <Button data-testid="scan-back" variant="secondary" size="md" onClick={onBack}>
          <ArrowLeftIcon className="size-5" /> {t("sale.scanBack")}
        </Button>
        <div className="ml-auto text-right">
          <p className="text-sm font-semibold text-ink-muted">{t("sale.amountToCharge")}</p>
          <p data-testid="scan-amount" className="text-5xl font-bold tabular-nums">
            {format.money(amount, currency)}
          </p>
        </div>
      </div>
      <div>
        <h1 id="scan-title" ref={headingRef} tabIndex={-1} className="text-xl font-bold focus:outline-none">
          {t("sale.scanTitle")}
        </h1>
        <p className="mt-1 text-ink-muted">{t("sale.scanHint")}</p>
      </div>
      <div ref={panelRef}>
        <ScanPanel onCode={onCode} engine={scanEngine} rules={rulesForCodeFormat(scanCodeFormat)} />
      </div>
    </section>
  );
}
