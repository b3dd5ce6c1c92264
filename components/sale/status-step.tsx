/**
 * Step 3 of the sale, from "Sending…" to how the payment ended, with the cashier's cancel and its
 * approval dialog. Loaded apart from the keypad (sale-screen.tsx fetches it while the amount is
 * keyed), together with TanStack Query, which only this step of the sale uses (docs/first-load.md).
 */
import { ApprovalDialog } from "@/components/approval/approval-dialog";
import { useT } from "@/components/i18n/i18n-provider";
import { isOpen } from "@/lib/contract/payment-status";
import { QueryProvider } from "@/components/providers/query-provider";
import { useFormatters } from "@/components/ui/use-formatters";
import { PaymentStatusView } from "./payment-status-view";
import type { SaleFlow } from "./use-sale-flow";
import { useSaleStatus, type SaleStatus } from "./use-sale-status";
import "@/lib/i18n/catalog/approval";

type Props = { flow: SaleFlow; currency: string };

export function StatusStep(props: Props) {
  return (
    <QueryProvider>
      <StatusStepView {...props} />
    </QueryProvider>
  );
}

function StatusStepView({ flow, currency }: Props) {
  const status = useSaleStatus(flow);
  const { state } = flow;
  if (state.step !== "sending" && state.step !== "status" && state.step !== "rejected" && state.step !== "expired")
    return null;
  const cancelHandlers = {
    onAsk: status.askCancel,
    onKeep: status.keepWaiting,
    onConfirm: () => void status.confirmCancel(),
  };
  return (
    <>
      <PaymentStatusView
        state={state}
        currency={currency}
        outboxItem={flow.outboxItem}
        payment={state.step === "status" ? status.payment.data : undefined}
        paymentError={status.payment.error}
        canResend={flow.canResend}
        onResend={flow.resend}
        onRescan={flow.rescan}
        onNewSale={flow.newSale}
        cancelHandlers={cancelHandlers}
      />
      <CancelApproval flow={flow} status={status} currency={currency} />
    </>
  );
}

/**
 * Cancelling someone else's payment (issue 9): while the server wants a manager's approval, the
 * approval dialog; its Approve sends the cancel again with that approval. It stays open (busy)
 * while that request runs, and goes if the payment ends meanwhile (there is nothing to cancel).
 */
function CancelApproval({ flow, status, currency }: { flow: SaleFlow; status: SaleStatus; currency: string }) {
  const t = useT();
  const format = useFormatters();
  const { state } = flow;
  if (state.step !== "status") return null;
  const { cancel } = state;
  const approving = cancel.phase === "approving" || (cancel.phase === "sending" && cancel.withApproval === true);
  const payment = status.payment.data;
  if (!approving || (payment && !isOpen(payment.status))) return null;
  const amount = format.money(payment?.amount ?? state.amount, payment?.currency ?? currency);
  return (
    <ApprovalDialog
      testId="cancel-approval"
      summary={
        payment?.createdBy
          ? t("approval.summaryCancel", { amount, username: payment.createdBy })
          : t("approval.summaryCancelCode", { amount, code: state.attempt.authCodeLast4 })
      }
      busy={cancel.phase === "sending"}
      refused={cancel.phase === "approving" && cancel.refused}
      onApprove={(approval) => void status.confirmCancel(approval)}
      onCancel={status.dismissCancelApproval}
    />
  );
}
