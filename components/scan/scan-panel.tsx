"use client";
/**
 * Everything the sale screen needs to take the customer's payment code: the camera (first and
 * largest), a keyboard-wedge scanner listening on the whole page, and typing as the fallback.
 */
import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import type { WalletGuess } from "@/lib/contract/payments";
import { checkPaymentCode, WALLET_CODE_RULES, type CodeSource, type PaymentCodeRules } from "@/lib/scan/payment-code";
import { recentPaymentCodes } from "@/lib/scan/recent-codes";
import { DEFAULT_SCAN_ENGINE, type ScanEngineName } from "@/lib/scan/scan-settings";
import { CameraScanner } from "./camera-scanner";
import { ManualCodeEntry } from "./manual-code-entry";
import { scannedCodeProblemMessage, type Message } from "./read-messages";
import { WALLET_NAME } from "./scan-messages";
import { useWedgeScanner } from "./use-wedge-scanner";
import "@/lib/i18n/catalog/scan";
import "@/lib/i18n/catalog/scan-reads";

type ScanPanelProps = {
  /** A valid payment code, at most once per code within 60 s. */
  onCode(code: string, source: CodeSource): void;
  /** While true (e.g. a payment is in progress) nothing is read; turning it off readies a new scan. */
  disabled?: boolean;
  /** Default: 16–24 digits (`WALLET_CODE_RULES`); `SCAN_CODE_FORMAT` picks the rules. */
  rules?: PaymentCodeRules;
  /** The camera decoder (`SCAN_ENGINE`). */
  engine?: ScanEngineName;
};

type Accepted = { code: string; wallet: WalletGuess; source: CodeSource };

export function ScanPanel({
  onCode,
  disabled = false,
  rules = WALLET_CODE_RULES,
  engine = DEFAULT_SCAN_ENGINE,
}: ScanPanelProps) {
  const t = useT();
  const [accepted, setAccepted] = useState<Accepted | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [manualOpen, setManualOpen] = useState(false);
  const [manualResets, setManualResets] = useState(0);

  const [wasDisabled, setWasDisabled] = useState(disabled);
  if (disabled !== wasDisabled) {
    setWasDisabled(disabled);
    if (!disabled) {
      setAccepted(null);
      setNotice(null);
    }
  }

  const take = (raw: string, source: CodeSource): boolean => {
    const check = checkPaymentCode(raw, rules);
    if (!check.ok) {
      setNotice(scannedCodeProblemMessage(check.reason));
      return false;
    }
    // One guard for the whole tab: the sale screen mounts a new panel for each attempt.
    if (!recentPaymentCodes.accept(check.code)) {
      setNotice({ key: "scan.readDuplicate" });
      return false;
    }
    setAccepted({ code: check.code, wallet: check.wallet, source });
    setNotice(null);
    // A scanner burst into the focused manual field also typed the code there.
    setManualResets((n) => n + 1);
    onCode(check.code, source);
    return true;
  };

  useWedgeScanner((raw) => take(raw, "wedge"), { enabled: !disabled });

  const last4 = accepted?.code.slice(-4) ?? "";
  const walletName = accepted && accepted.wallet !== "unknown" ? t(WALLET_NAME[accepted.wallet]) : null;

  return (
    <section
      data-testid="scan-panel"
      data-disabled={disabled ? "" : undefined}
      // Below md a column whose camera grows into the room left (docs/phone-layout.md §3).
      className="flex flex-col gap-4 max-md:flex-1 max-md:gap-2 md:landscape:flex-row md:landscape:items-start"
    >
      <CameraScanner
        active={!disabled && !accepted}
        rules={rules}
        engine={engine}
        onCode={(code) => take(code, "camera")}
        className="w-full max-md:flex-1 md:landscape:flex-[3]"
      />

      <div className="flex w-full flex-col gap-3 short:gap-2 md:landscape:flex-[2]">
        {accepted && (
          <div
            role="status"
            data-testid="scan-accepted"
            data-wallet={accepted.wallet}
            data-source={accepted.source}
            className="flex flex-col gap-3 rounded-2xl border-2 border-paid bg-paid-light p-4 text-ink"
          >
            <p className="text-xl font-semibold">
              {walletName ? t("scan.acceptedWallet", { last4, wallet: walletName }) : t("scan.accepted", { last4 })}
            </p>
            {!disabled && (
              <button
                type="button"
                data-testid="scan-another"
                onClick={() => setAccepted(null)}
                className="min-h-touch rounded-xl border-2 border-brand bg-white px-5 text-lg font-semibold text-brand hover:bg-brand-light"
              >
                {t("scan.scanAnother")}
              </button>
            )}
          </div>
        )}

        {notice && (
          <p
            role="alert"
            data-testid="scan-notice"
            className="rounded-xl bg-pending-light p-2 text-base font-medium text-pending sm:p-3 sm:text-lg"
          >
            {t(notice.key, notice.params)}
          </p>
        )}

        {!disabled && (
          // A barcode scanner on a short phone is rare: its hint gives its room to the camera.
          <p data-testid="wedge-hint" className="flex items-center gap-2 text-base text-ink-muted short:hidden">
            <span aria-hidden className="inline-block h-3 w-3 shrink-0 rounded-full bg-paid" />
            {t("scan.wedgeReady")}
          </p>
        )}

        <button
          type="button"
          data-testid="manual-code-toggle"
          aria-expanded={manualOpen}
          disabled={disabled}
          onClick={() => setManualOpen((open) => !open)}
          className="min-h-touch rounded-xl border-2 border-ink-muted/40 bg-white px-5 text-lg font-semibold text-ink hover:border-brand disabled:opacity-50"
        >
          {t(manualOpen ? "scan.hideManualEntry" : "scan.showManualEntry")}
        </button>

        {manualOpen && (
          <ManualCodeEntry
            key={manualResets}
            rules={rules}
            disabled={disabled}
            autoFocus
            onCode={(code) => take(code, "manual")}
          />
        )}
      </div>
    </section>
  );
}
