"use client";

import { useEffect } from "react";
import type { ScanCodeFormat, ScanEngineName } from "@/lib/scan/scan-settings";
import { useOutbox } from "@/components/payments/outbox-provider";
import { clientLazy } from "@/components/ui/client-lazy";
import { Spinner } from "@/components/ui/spinner";
import { whenIdle } from "@/components/ui/when-idle";
import { KeypadStep } from "./keypad-step";
import { useSaleFlow } from "./use-sale-flow";
import { useWarnBeforeUnload } from "./use-warn-before-unload";

/**
 * The keypad is all the sale screen needs to answer its first key; the scan step (the scanner), the
 * status step (polling, cancel, approval) and the list of the till's other open payments are loaded
 * apart (docs/first-load.md), fetched as soon as the page is idle so they open at once — and are
 * there if the network then goes, even before the service worker (which precaches every chunk) is
 * installed.
 */
const loadScanStep = () => import("./scan-step").then((m) => m.ScanStep);
const loadStatusStep = () => import("./status-step").then((m) => m.StatusStep);
const stepLoading = (
  <div className="flex min-h-48 items-center justify-center text-ink-muted">
    <Spinner className="size-8" />
  </div>
);
const ScanStep = clientLazy(loadScanStep, stepLoading);
const StatusStep = clientLazy(loadStatusStep, stepLoading);
const loadOutboxList = () => import("@/components/payments/outbox-list").then((m) => m.OutboxList);
const OutboxList = clientLazy(loadOutboxList);

type Props = {
  currency: string;
  /** `SCAN_ENGINE`, passed down to the camera scanner. */
  scanEngine: ScanEngineName;
  /** `SCAN_CODE_FORMAT`: what a payment code looks like. */
  scanCodeFormat: ScanCodeFormat;
  /** `PAYMENT_CODE_LIFETIME_MS`: a code older than this is never sent for the first time, nor resent. */
  codeLifetimeMs: number;
};

/** The cashier screen: amount → scan → outcome, one step at a time. */
export function SaleScreen({ currency, scanEngine, scanCodeFormat, codeLifetimeMs }: Props) {
  const flow = useSaleFlow(currency, codeLifetimeMs);
  useEffect(() => whenIdle(() => Promise.all([loadScanStep(), loadStatusStep(), loadOutboxList()])), []);
  // The decoder's code and the wasm binary load while the cashier keys the amount.
  useEffect(
    () => whenIdle(() => import("@/lib/scan/decoder").then((m) => m.preloadScanEngine(scanEngine))),
    [scanEngine],
  );
  const { state } = flow;
  const cancelling = state.step === "status" && state.cancel.phase === "sending";
  useWarnBeforeUnload(state.step === "sending" || cancelling);

  const current = "attempt" in state ? state.attempt.outTradeNo : null;
  const othersOpen = useOutbox().outstanding.some((item) => item.outTradeNo !== current);
  return (
    <>
      {renderStep()}
      {othersOpen && <OutboxList exclude={current} className="mx-auto mt-6 w-full max-w-xl" />}
    </>
  );

  function renderStep() {
    switch (state.step) {
      case "keypad":
        return (
          <KeypadStep
            amount={state.amount}
            currency={currency}
            scanCodeFormat={scanCodeFormat}
            onKey={flow.press}
            onRestore={flow.restore}
            onCharge={flow.charge}
            onChargeWithCode={(amount, code) => flow.chargeWithCode(amount, code, "wedge")}
          />
        );
      case "scanning":
        return (
          <ScanStep
            amount={state.amount}
            currency={currency}
            scanEngine={scanEngine}
            scanCodeFormat={scanCodeFormat}
            onCode={flow.onCode}
            onBack={flow.back}
          />
        );
      default:
        return <StatusStep flow={flow} currency={currency} />;
    }
  }
}
