import { useEffect, useRef } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { ScanPanel } from "@/components/scan/scan-panel";
import { Button } from "@/components/ui/button";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { useFormatters } from "@/components/ui/use-formatters";
import { rulesForCodeFormat } from "@/lib/scan/payment-code";
import type { ScanCodeFormat, ScanEngineName } from "@/lib/scan/scan-settings";
import type { CodeSource } from "@/lib/scan/payment-code";
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
 * Step 2: the amount, big, above the scanner (camera, wedge or typed code). Below `md` the step
 * fills the screen under the top bar and the camera takes what the rest leaves, so a notice or the
 * typed-code field never pushes anything below the fold (docs/phone-layout.md §3).
 *
 * Loaded apart from the keypad, with the scanner (sale-screen.tsx).
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
    <section
      aria-labelledby="scan-title"
      className="mx-auto flex w-full max-w-5xl flex-col gap-3 short:gap-2 sm:gap-4 max-md:flex-1"
    >
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-2xl bg-white p-3 shadow-sm ring-1 ring-slate-200 short:py-2 sm:items-end sm:p-4">
        {/* Below sm the arrow alone, so the amount keeps its size on the same line (docs/phone-layout.md §3). */}
        <Button
          data-testid="scan-back"
          variant="secondary"
          size="md"
          className="short:min-h-11 max-sm:px-3"
          onClick={onBack}
        >
          <ArrowLeftIcon className="size-5" /> <span className="max-sm:sr-only">{t("sale.scanBack")}</span>
        </Button>
        <div className="ml-auto text-right">
          <p className="text-xs font-semibold text-ink-muted sm:text-sm">{t("sale.amountToCharge")}</p>
          <p data-testid="scan-amount" className="text-4xl font-bold tabular-nums sm:text-5xl">
            {format.money(amount, currency)}
          </p>
        </div>
      </div>
      <div>
        <h1
          id="scan-title"
          ref={headingRef}
          tabIndex={-1}
          className="text-lg font-bold focus:outline-none short:text-base sm:text-xl"
        >
          {t("sale.scanTitle")}
        </h1>
        {/* A short screen keeps its room for the camera and the notices (docs/phone-layout.md §3). */}
        <p className="mt-1 text-sm text-ink-muted short:hidden sm:text-base">{t("sale.scanHint")}</p>
      </div>
      <div ref={panelRef} className="max-md:flex max-md:flex-1 max-md:flex-col">
        <ScanPanel onCode={onCode} engine={scanEngine} rules={rulesForCodeFormat(scanCodeFormat)} />
      </div>
    </section>
  );
}
