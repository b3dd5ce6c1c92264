import { ApiError } from "@/lib/client/api-error";
import { isOpen } from "@/lib/contract/payment-status";
import { useFormatters } from "@/components/ui/use-formatters";
import type { OutboxItem } from "@/lib/offline/outbox-item";
import type { PaymentView } from "@/lib/contract/payments";
import type { CancelHandlers } from "./cancel-control";
import { CancellingStatus } from "./cancelling-status";
import { ClosedStatus } from "./closed-status";
import { ExpiredStatus } from "./expired-status";
import { FailedStatus } from "./failed-status";
import { PaidStatus } from "./paid-status";
import { PendingStatus } from "./pending-status";
import { QueuedStatus } from "./queued-status";
import { RejectedStatus } from "./rejected-status";
import { cancelWasSent, NO_CANCEL, type SaleState } from "./sale-machine";
import { SendingStatus } from "./sending-status";
import { UnconfirmedStatus } from "./unconfirmed-status";
import { useElapsedSeconds } from "./use-elapsed-seconds";
import { MAX_SEND_TRIES } from "./use-sale-flow";

type Props = {
  state: Extract<SaleState, { step: "sending" | "status" | "rejected" | "expired" }>;
  currency: string;
  /** The outbox's record of this payment (absent for a moment after the scan). */
  outboxItem: OutboxItem | undefined;
  payment: PaymentView | undefined;
  paymentError: Error | null;
  canResend: boolean;
  onResend: () => void;
  onRescan: () => void;
  onNewSale: () => void;
  cancelHandlers: CancelHandlers;
};

/** Step 3: from "Sending…" to Paid or a failure that says what to do next, or a cancel and how it ended. */
export function PaymentStatusView({
  state,
  currency,
  outboxItem,
  payment,
  paymentError,
  canResend,
  onResend,
  onRescan,
  onNewSale,
  cancelHandlers,
}: Props) {
  const format = useFormatters();
  const cancel = state.step === "status" ? state.cancel : NO_CANCEL;
  const open = state.step === "sending" || (state.step === "status" && (!payment || isOpen(payment.status)));
  const seconds = useElapsedSeconds(state.attempt.scannedAt, open);
  const amount = format.money(payment?.amount ?? state.amount, payment?.currency ?? currency);

  if (state.step === "expired") {
    return (
      <ExpiredStatus
        amount={amount}
        authCodeLast4={state.attempt.authCodeLast4}
        onRescan={onRescan}
        onNewSale={onNewSale}
      />
    );
  }
  if (state.step === "rejected") {
    return <RejectedStatus amount={amount} error={state.error} onRescan={onRescan} onNewSale={onNewSale} />;
  }
  if (state.step === "sending" && outboxItem?.phase === "queued") {
    return <QueuedStatus amount={amount} seconds={seconds} authCodeLast4={state.attempt.authCodeLast4} />;
  }
  if (state.step === "sending") {
    return (
      <SendingStatus
        amount={amount}
        tryNumber={state.try}
        totalTries={MAX_SEND_TRIES}
        seconds={seconds}
        authCodeLast4={state.attempt.authCodeLast4}
      />
    );
  }
  const cancelling = (stage: "sending" | "checking") => (
    <CancellingStatus
      stage={stage}
      amount={amount}
      seconds={seconds}
      authCodeLast4={state.attempt.authCodeLast4}
      onNewSale={onNewSale}
    />
  );
  if (!payment) {
    if (cancel.phase === "sending") return cancelling("sending");
    return (
      <UnconfirmedStatus
        amount={amount}
        seconds={seconds}
        authCodeLast4={state.attempt.authCodeLast4}
        noRecord={
          (paymentError instanceof ApiError && paymentError.status === 404) || (outboxItem?.notFoundAt ?? null) !== null
        }
        canResend={canResend}
        onResend={onResend}
        cancel={cancel}
        cancelHandlers={cancelHandlers}
        onNewSale={onNewSale}
      />
    );
  }
  switch (payment.status) {
    case "pending":
      if (cancel.phase === "sending") return cancelling("sending");
      if (payment.cancelRequested || cancel.phase === "requested") return cancelling("checking");
      return (
        <PendingStatus
          payment={payment}
          amount={amount}
          seconds={seconds}
          cancel={cancel}
          cancelHandlers={cancelHandlers}
          onNewSale={onNewSale}
        />
      );
    case "paid":
      return (
        <PaidStatus
          payment={payment}
          afterCancel={payment.cancelRequested || cancelWasSent(cancel)}
          onNewSale={onNewSale}
        />
      );
    case "failed":
      return <FailedStatus payment={payment} onRescan={onRescan} onNewSale={onNewSale} />;
    default:
      return <ClosedStatus payment={payment} onRescan={onRescan} onNewSale={onNewSale} />;
  }
}
