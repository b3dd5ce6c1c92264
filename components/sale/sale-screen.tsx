"use client";

import { useEffect } from "react";
import { preloadScanEngine } from "@/lib/scan/decoder";
import { rulesForCodeFormat } from "@/lib/scan/payment-code";
import type { ScanCodeFormat, ScanEngineName } from "@/lib/scan/scan-settings";
import { ApprovalDialog } from "@/components/approval/approval-dialog";
import { useT } from "@/components/i18n/i18n-provider";
import { OutboxList } from "@/components/payments/outbox-list";
import { isSettledStatus } from "@/components/payments/payment-labels";
import { useFormatters } from "@/components/ui/use-formatters";
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
      <CancelApproval flow={flow} currency={currency} />
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

/**
 * Cancelling someone else's payment (issue 9): while the server wants a manager's approval, the
 * approval dialog; its Approve sends the cancel again with that approval. It stays open (busy)
 * while that request runs, and goes if the payment ends meanwhile (there is nothing to cancel).
 */
function CancelApproval({ flow, currency }: { flow: ReturnType<typeof useSaleFlow>; currency: string }) {
  const t = useT();
  const format = useFormatters();
  const { state } = flow;
  if (state.step !== "status") return null;
  const { cancel } = state;
  const approving = cancel.phase === "approving" || (cancel.phase === "sending" && cancel.withApproval === true);
  const payment = flow.payment.data;
  if (!approving || (payment && isSettledStatus(payment.status))) return null;
  const amount = format.money(payment?.amount ?? state.amount, payment?.currency ?? currency);
  return (
    <ApprovalDialog
      testId="cancel-approval"
      summary={
        payment?.createdBy
          ? t("approval.summaryCancel", { amount, username: payment.createdBy })
          : t("approval.summaryCancelCode", { amount, code: state.attempt.codeLast4 })
      }
      busy={cancel.phase === "sending"}
      refused={cancel.phase === "approving" && cancel.refused}
      onApprove={(approval) => void flow.confirmCancel(approval)}
      onCancel={flow.dismissCancelApproval}
    />
  );
}
