"use client";

import { useEffect } from "react";
import { preloadScanEngine } from "@/lib/scan/decoder";
import { rulesForCodeFormat } from "@/lib/scan/payment-code";
import type { ScanCodeFormat, ScanEngineName } from "@/lib/scan/scan-settings";
import { OutboxList } from "@/components/payments/outbox-list";
import { KeypadStep } from "./keypad-step";
import { PaymentStatusView } from "./payment-status-view";
import { ScanStep } from "./scan-step";
import { useSaleFlow } from "./use-sale-flow";
import { useWarnBeforeUnload } from "./use-warn-before-unload";

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
  const codeRules = rulesForCodeFormat(scanCodeFormat);
  // The decoder's code and the wasm binary load while the cashier keys the amount.
  useEffect(() => preloadScanEngine(scanEngine), [scanEngine]);
  const { state } = flow;
  const cancelling = state.step === "status" && state.cancel.phase === "sending";
  useWarnBeforeUnload(state.step === "sending" || cancelling);
  const cancelHandlers = { onAsk: flow.askCancel, onKeep: flow.keepWaiting, onConfirm: () => void flow.confirmCancel() };

  const current = "attempt" in state ? state.attempt.outTradeNo : null;
  return (
    <>
      {renderStep()}
      <OutboxList exclude={current} className="mx-auto mt-6 w-full max-w-xl" />
    </>
  );

  function renderStep() {
    switch (state.step) {
      case "keypad":
        return (
          <KeypadStep
            amount={state.amount}
            currency={currency}
            codeRules={codeRules}
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
            codeRules={codeRules}
            onCode={flow.onCode}
            onBack={flow.back}
          />
        );
      default:
        return (
          <PaymentStatusView
            state={state}
            currency={currency}
            outboxItem={flow.outboxItem}
            payment={state.step === "status" ? flow.payment.data : undefined}
            paymentError={flow.payment.error}
            canResend={flow.canResend}
            onResend={flow.resend}
            onRescan={flow.rescan}
            onNewSale={flow.newSale}
            cancelHandlers={cancelHandlers}
          />
        );
    }
  }
}
