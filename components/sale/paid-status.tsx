import { useT } from "@/components/i18n/i18n-provider";
import { WALLET_LABEL } from "@/components/payments/payment-labels";
import { Button } from "@/components/ui/button";
import { CheckCircleIcon } from "@/components/ui/icons";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentView } from "@/lib/payments/types";
import { StatusCard } from "./status-card";
import { StatusFacts } from "./status-facts";

export function PaidStatus({ payment, onNewSale }: { payment: PaymentView; onNewSale: () => void }) {
  const t = useT();
  const format = useFormatters();
  return (
    <StatusCard
      status="paid"
      tone="paid"
      icon={<CheckCircleIcon className="size-24" strokeWidth={2.5} />}
      title={t("sale.paidTitle")}
      amount={format.money(payment.amount, payment.currency)}
      details={
        <StatusFacts
          facts={[
            { label: t("payments.fieldWallet"), value: t(WALLET_LABEL[payment.wallet]) },
            { label: t("payments.fieldSyssn"), value: payment.syssn ?? t("common.none"), testId: "paid-syssn", mono: true },
            { label: t("payments.fieldTime"), value: format.time(payment.updatedAt) },
            { label: t("payments.fieldCode"), value: `…${payment.authCodeLast4}`, mono: true },
          ]}
        />
      }
      actions={
        <Button data-testid="new-sale-button" size="xl" className="w-full" onClick={onNewSale}>
          {t("sale.newSale")}
        </Button>
      }
    />
  );
}
