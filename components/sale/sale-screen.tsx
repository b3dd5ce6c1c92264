"use client";

import { KeypadStep } from "./keypad-step";
import { PaymentStatusView } from "./payment-status-view";
import { ScanStep } from "./scan-step";
import { useSaleFlow } from "./use-sale-flow";
import { useWarnBeforeUnload } from "./use-warn-before-unload";

/** The cashier screen: amount → scan → outcome, one step at a time. */
export function SaleScreen({ currency }: { currency: string }) {
  const flow = useSaleFlow(currency);
  const { state } = flow;
  const cancelling = state.step === "status" && state.cancel.phase === "sending";
  useWarnBeforeUnload(state.step === "sending" || cancelling);
  const cancelHandlers = { onAsk: flow.askCancel, onKeep: flow.keepWaiting, onConfirm: () => void flow.confirmCancel() };

  switch (state.step) {
    case "keypad":
      return (
        <KeypadStep amount={state.amount} currency={currency} onKey={flow.press} onRestore={flow.restore} onCharge={flow.charge} />
      );
    case "scanning":
      return <ScanStep amount={state.amount} currency={currency} onCode={flow.onCode} onBack={flow.back} />;
    default:
      return (
        <PaymentStatusView
          state={state}
          currency={currency}
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
