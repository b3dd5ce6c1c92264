import { useT } from "@/components/i18n/i18n-provider";
import { WALLET_LABEL } from "@/components/payments/payment-labels";
import { ClockIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import type { PaymentView } from "@/lib/contract/payments";
import { CancelControl, type CancelHandlers } from "./cancel-control";
import { ElapsedSeconds } from "./elapsed-seconds";
import { LEAVE_AFTER_SECONDS, LeaveOption } from "./leave-option";
import type { CancelState } from "./sale-machine";
import { StatusCard } from "./status-card";
import { StatusFacts } from "./status-facts";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/sale-steps";

/** After this long a pending payment gets the stronger "check the wallet" wording. */
const LONG_WAIT_SECONDS = 30;

type Props = {
  payment: PaymentView;
  amount: string;
  seconds: number;
  cancel: CancelState;
  cancelHandlers: CancelHandlers;
  onNewSale: () => void;
};

/**
 * QFPay has not decided yet: the customer may be confirming in the wallet, or may walk away
 * (Cancel). `checking`: QFPay's first answer was a failure it has not confirmed (or unreadable),
 * so the server is asking QFPay; the customer may well have been charged, so the screen never
 * says "ask for another method" until QFPay proves it failed.
 */
export function PendingStatus({ payment, amount, seconds, cancel, cancelHandlers, onNewSale }: Props) {
  const t = useT();
  const checking = payment.checking;
  const long = seconds >= LONG_WAIT_SECONDS;
  const body = checking
    ? long
      ? "sale.checkingLong"
      : "sale.checkingBody"
    : long
      ? "sale.pendingLong"
      : "sale.pendingBody";
  return (
    <StatusCard
      outTradeNo={payment.outTradeNo}
      status="pending"
      phase={checking ? "checking" : undefined}
      tone="pending"
      icon={checking ? <Spinner className="size-14" /> : <ClockIcon className="size-14 animate-pulse" />}
      title={checking ? t("sale.checkingTitle") : t("sale.pendingTitle")}
      amount={amount}
      details={
        <div className="space-y-3">
          <ElapsedSeconds seconds={seconds} />
          <StatusFacts
            facts={[
              { label: t("payments.fieldWallet"), value: t(WALLET_LABEL[payment.wallet]) },
              { label: t("payments.fieldCode"), value: `…${payment.authCodeLast4}`, mono: true },
            ]}
          />
        </div>
      }
      actions={
        <>
          <CancelControl cancel={cancel} {...cancelHandlers} />
          {seconds >= LEAVE_AFTER_SECONDS && cancel.phase !== "confirming" && <LeaveOption onNewSale={onNewSale} />}
        </>
      }
    >
      <p data-testid="pending-body">{t(body)}</p>
      <p data-testid="do-not-charge-again" className="font-bold">
        {t("sale.doNotChargeAgain")}
      </p>
    </StatusCard>
  );
}
