import { useT } from "@/components/i18n/i18n-provider";
import { Spinner } from "@/components/ui/spinner";
import { WaitingDetails } from "./elapsed-seconds";
import { LEAVE_AFTER_SECONDS, LeaveOption } from "./leave-option";
import { StatusCard } from "./status-card";
import "@/lib/i18n/catalog/sale-steps";

type Props = {
  /** `sending`: the cancel request is in flight. `checking`: the server took it; QFPay has not confirmed. */
  stage: "sending" | "checking";
  amount: string;
  seconds: number;
  authCodeLast4: string;
  onNewSale: () => void;
};

/** Between "Cancel" and its outcome: the payment may still end paid, so never say more than we know. */
export function CancellingStatus({ stage, amount, seconds, authCodeLast4, onNewSale }: Props) {
  const t = useT();
  const checking = stage === "checking";
  return (
    <StatusCard
      status="pending"
      phase={checking ? "cancel-checking" : "cancelling"}
      tone="pending"
      icon={<Spinner className="size-14" />}
      title={checking ? t("sale.cancelCheckingTitle") : t("sale.cancellingTitle")}
      amount={amount}
      details={<WaitingDetails seconds={seconds} authCodeLast4={authCodeLast4} />}
      actions={
        checking && seconds >= LEAVE_AFTER_SECONDS ? (
          <LeaveOption onNewSale={onNewSale} hint="sale.cancelCheckingLeave" />
        ) : undefined
      }
    >
      {checking ? (
        <p data-testid="cancel-checking">{t("sale.cancelCheckingBody")}</p>
      ) : (
        <>
          <p>{t("sale.cancellingBody")}</p>
          <p data-testid="do-not-charge-again" className="font-bold">
            {t("sale.doNotChargeAgain")}
          </p>
        </>
      )}
    </StatusCard>
  );
}
