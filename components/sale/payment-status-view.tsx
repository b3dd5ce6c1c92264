import { ApiError } from "@/components/payments/payments-api";
import { isSettledStatus } from "@/components/payments/payment-labels";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentView } from "@/lib/payments/types";
import { ClosedStatus } from "./closed-status";
import { FailedStatus } from "./failed-status";
import { PaidStatus } from "./paid-status";
import { PendingStatus } from "./pending-status";
import { RejectedStatus } from "./rejected-status";
import type { SaleState } from "./sale-machine";
import { SendingStatus } from "./sending-status";
import { UnconfirmedStatus } from "./unconfirmed-status";
import { useElapsedSeconds } from "./use-elapsed-seconds";
import { MAX_SEND_TRIES } from "./use-sale-flow";

type Props = {
  state: Extract<SaleState, { step: "sending" | "status" | "rejected" }>;
  currency: string;
  payment: PaymentView | undefined;
  paymentError: Error | null;
  canResend: boolean;
  onResend: () => void;
  onRescan: () => void;
  onNewSale: () => void;
};

/** Step 3: from "Sending…" to Paid or a failure that says what to do next. */
export function PaymentStatusView({ state, currency, payment, paymentError, canResend, onResend, onRescan, onNewSale }: Props) {
  const format = useFormatters();
  const open = state.step === "sending" || (state.step === "status" && (!payment || !isSettledStatus(payment.status)));
  const seconds = useElapsedSeconds(state.attempt.scannedAt, open);
  const amount = format.money(payment?.amount ?? state.amount, payment?.currency ?? currency);

  if (state.step === "rejected") {
    return <RejectedStatus amount={amount} error={state.error} onRescan={onRescan} onNewSale={onNewSale} />;
  }
  if (state.step === "sending") {
    return (
      <SendingStatus
        amount={amount}
        tryNumber={state.try}
        totalTries={MAX_SEND_TRIES}
        seconds={seconds}
        codeLast4={state.attempt.codeLast4}
      />
    );
  }
  if (!payment) {
    return (
      <UnconfirmedStatus
        amount={amount}
        seconds={seconds}
        codeLast4={state.attempt.codeLast4}
        noRecord={paymentError instanceof ApiError && paymentError.status === 404}
        canResend={canResend}
        onResend={onResend}
        onNewSale={onNewSale}
      />
    );
  }
  switch (payment.status) {
    case "pending":
      return <PendingStatus payment={payment} amount={amount} seconds={seconds} onNewSale={onNewSale} />;
    case "paid":
      return <PaidStatus payment={payment} onNewSale={onNewSale} />;
    case "failed":
      return <FailedStatus payment={payment} onRescan={onRescan} onNewSale={onNewSale} />;
    default:
      return <ClosedStatus payment={payment} onRescan={onRescan} onNewSale={onNewSale} />;
  }
}
