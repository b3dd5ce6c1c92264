import { useT } from "@/components/i18n/i18n-provider";
import { WALLET_LABEL } from "@/components/payments/payment-labels";
import { Button } from "@/components/ui/button";
import { CheckCircleIcon } from "@/components/ui/icons";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentView } from "@/lib/contract/payments";
import { StatusCard } from "./status-card";
import { StatusFacts } from "./status-facts";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/sale-steps";

type Props = {
  payment: PaymentView;
  /** The cashier asked to cancel, but the customer completed the payment first ("paid after all"). */
  afterCancel?: boolean;
  onNewSale: () => void;
};

export function PaidStatus({ payment, afterCancel = false, onNewSale }: Props) {
  const t = useT();
  const format = useFormatters();
  return (
    <StatusCard
      outTradeNo={payment.outTradeNo}
      status="paid"
      phase={afterCancel ? "after-cancel" : undefined}
      tone="paid"
      icon={<CheckCircleIcon className="size-24" strokeWidth={2.5} />}
      title={afterCancel ? t("sale.paidAfterCancelTitle") : t("sale.paidTitle")}
      amount={format.money(payment.amount, payment.currency)}
      details={
        <StatusFacts
          facts={[
            { label: t("payments.fieldWallet"), value: t(WALLET_LABEL[payment.wallet]) },
            {
              label: t("payments.fieldSyssn"),
              value: payment.syssn ?? t("common.none"),
              testId: "paid-syssn",
              mono: true,
            },
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
    >
      {afterCancel && (
        <p data-testid="paid-after-cancel" className="rounded-xl bg-white/80 p-3 font-semibold text-ink">
          {t("sale.paidAfterCancelBody")}
        </p>
      )}
    </StatusCard>
  );
}
