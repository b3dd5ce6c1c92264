import { useT } from "@/components/i18n/i18n-provider";
import { STATUS_LABEL } from "@/components/payments/payment-labels";
import { AlertIcon } from "@/components/ui/icons";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentView } from "@/lib/payments/types";
import { StatusCard } from "./status-card";
import { OutcomeActions, OutcomeDetails } from "./outcome-parts";

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
          {attention && payment.attentionReason && (
            <p data-testid="attention-reason" className="text-center text-sm text-ink-muted">
              {t("sale.attentionReason", { reason: payment.attentionReason })}
            </p>
          )}
          <OutcomeDetails payment={payment} showSyssn />
        </div>
      }
      actions={<OutcomeActions rescan={cancelled} onRescan={onRescan} onNewSale={onNewSale} />}
    >
      {cancelled && (
        <>
          <p data-testid="nothing-charged" className="text-xl font-bold">
            {t("sale.nothingCharged")}
          </p>
          <p>{t("sale.cancelledBody")}</p>
        </>
      )}
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
