import { useT } from "@/components/i18n/i18n-provider";
import { Spinner } from "@/components/ui/spinner";
import { WaitingDetails } from "./elapsed-seconds";
import { StatusCard } from "./status-card";
import "@/lib/i18n/catalog/sale-steps";

type Props = { amount: string; tryNumber: number; totalTries: number; seconds: number; authCodeLast4: string };

/** The POST is in flight; after a lost answer, the same request is being resent. */
export function SendingStatus({ amount, tryNumber, totalTries, seconds, authCodeLast4 }: Props) {
  const t = useT();
  const retrying = tryNumber > 1;
  return (
    <StatusCard
      status="sending"
      phase={retrying ? "retrying" : "sending"}
      tone="pending"
      icon={<Spinner className="size-14" />}
      title={retrying ? t("sale.connectionTrouble") : t("sale.sendingTitle")}
      amount={amount}
      details={<WaitingDetails seconds={seconds} authCodeLast4={authCodeLast4} />}
    >
      {retrying ? (
        <>
          <p data-testid="connection-trouble">{t("sale.retryAttempt", { attempt: tryNumber, total: totalTries })}</p>
          <p className="font-bold">{t("sale.doNotChargeAgain")}</p>
        </>
      ) : (
        <p>{t("sale.sendingBody")}</p>
      )}
    </StatusCard>
  );
}
