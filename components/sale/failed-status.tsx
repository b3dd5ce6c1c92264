import { useT } from "@/components/i18n/i18n-provider";
import { FailureMessage } from "@/components/payments/failure-message";
import { AlertIcon } from "@/components/ui/icons";
import { useFormatters } from "@/components/ui/use-formatters";
import type { FailureKind, PaymentView } from "@/lib/contract/payments";
import { StatusCard } from "./status-card";
import { OutcomeActions, OutcomeDetails } from "./outcome-parts";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/sale-steps";

/** Failures where another scan may succeed (a fresh code, another wallet). */
function offersRescan(kind: FailureKind | null): boolean {
  return kind !== "declined" && kind !== "configuration";
}

type Props = { payment: PaymentView; onRescan: () => void; onNewSale: () => void };

export function FailedStatus({ payment, onRescan, onNewSale }: Props) {
  const t = useT();
  const format = useFormatters();
  const rescan = offersRescan(payment.failureKind);
  return (
    <StatusCard
      outTradeNo={payment.outTradeNo}
      status="failed"
      phase={payment.failureKind ?? "unknown"}
      tone="failed"
      icon={<AlertIcon className="size-16" />}
      title={t("sale.failedTitle")}
      amount={format.money(payment.amount, payment.currency)}
      details={<OutcomeDetails payment={payment} />}
      actions={<OutcomeActions rescan={rescan} onRescan={onRescan} onNewSale={onNewSale} />}
    >
      <FailureMessage kind={payment.failureKind} className="text-lg font-semibold text-failed sm:text-xl" />
      <p>{t("payments.noMoneyTaken")}</p>
    </StatusCard>
  );
}
