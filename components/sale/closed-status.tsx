import { useT } from "@/components/i18n/i18n-provider";
import { STATUS_LABEL, WALLET_LABEL } from "@/components/payments/payment-labels";
import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentView } from "@/lib/payments/types";
import { StatusCard } from "./status-card";
import { StatusFacts } from "./status-facts";

type Props = { payment: PaymentView; onRescan: () => void; onNewSale: () => void };

/** Cancelled, needs attention, refunded: rarer endings, each with what to do next. */
export function ClosedStatus({ payment, onRescan, onNewSale }: Props) {
  const t = useT();
  const format = useFormatters();
  const cancelled = payment.status === "cancelled";
  const attention = payment.status === "needs_attention";
  const title = cancelled
    ? t("sale.cancelledTitle")
    : attention
      ? t("sale.needsAttentionTitle")
      : t("sale.otherStatusTitle", { status: t(STATUS_LABEL[payment.status]) });
  return (
    <StatusCard
      status={payment.status}
      tone={attention ? "failed" : "neutral"}
      icon={<AlertIcon className="size-14" />}
      title={title}
      amount={format.money(payment.amount, payment.currency)}
      details={
        <div className="space-y-3">
          {payment.message && (
            <p data-testid="qfpay-message" className="text-center text-sm text-ink-muted">
              {t("payments.qfpaySays", { message: payment.message })}
            </p>
          )}
          <StatusFacts
            facts={[
              { label: t("payments.fieldWallet"), value: t(WALLET_LABEL[payment.wallet]) },
              { label: t("payments.fieldSyssn"), value: payment.syssn ?? t("common.none"), mono: true },
              { label: t("payments.fieldCode"), value: `…${payment.authCodeLast4}`, mono: true },
            ]}
          />
        </div>
      }
      actions={
        <>
          {cancelled && (
            <Button data-testid="scan-again-button" size="xl" className="w-full" onClick={onRescan}>
              {t("sale.scanAgain")}
            </Button>
          )}
          <Button data-testid="new-sale-button" variant={cancelled ? "secondary" : "primary"} className="w-full" onClick={onNewSale}>
            {t("sale.newSale")}
          </Button>
        </>
      }
    >
      {cancelled && <p>{t("sale.cancelledBody")}</p>}
      {attention && (
        <>
          <p>{t("sale.needsAttentionBody")}</p>
          <p data-testid="do-not-charge-again" className="font-bold">
            {t("sale.doNotChargeAgain")}
          </p>
        </>
      )}
    </StatusCard>
  );
}
