import { useT } from "@/components/i18n/i18n-provider";
import { Spinner } from "@/components/ui/spinner";
import { WaitingDetails } from "./elapsed-seconds";
import { StatusCard } from "./status-card";
import "@/lib/i18n/catalog/sale-steps";
import "@/lib/i18n/catalog/outbox-status";

type Props = { amount: string; seconds: number; authCodeLast4: string };

/** Offline: the payment is stored on the till and has not left it; it is sent when the network is back. */
export function QueuedStatus({ amount, seconds, authCodeLast4 }: Props) {
  const t = useT();
  return (
    <StatusCard
      status="sending"
      phase="queued"
      tone="pending"
      icon={<Spinner className="size-14" />}
      title={t("outbox.queuedTitle")}
      amount={amount}
      details={<WaitingDetails seconds={seconds} authCodeLast4={authCodeLast4} />}
    >
      <p>{t("outbox.queuedBody")}</p>
      <p className="font-bold">{t("sale.doNotChargeAgain")}</p>
    </StatusCard>
  );
}
