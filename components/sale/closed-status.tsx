import { useT } from "@/components/i18n/i18n-provider";
import { STATUS_LABEL } from "@/components/payments/payment-labels";
import { AlertIcon } from "@/components/ui/icons";
import { useFormatters } from "@/components/ui/use-formatters";
import type { MessageKey } from "@/lib/i18n/messages";
import type { AttentionKind, PaymentView } from "@/lib/contract/payments";
import { StatusCard } from "./status-card";
import { OutcomeActions, OutcomeDetails } from "./outcome-parts";
import "@/lib/i18n/catalog/sale-steps";

type Props = { payment: PaymentView; onRescan: () => void; onNewSale: () => void };

const ATTENTION_TITLE: Record<AttentionKind, MessageKey> = {
  unsettled: "sale.needsAttentionTitle",
  charged_after_failure: "sale.chargedAfterFailureTitle",
  mismatch: "sale.mismatchTitle",
};

const ATTENTION_BODY: Record<AttentionKind, MessageKey> = {
  unsettled: "sale.needsAttentionBody",
  charged_after_failure: "sale.chargedAfterFailureBody",
  mismatch: "sale.mismatchBody",
};

/** Cancelled, needs attention, refunded: rarer endings, each with what to do next. */
export function ClosedStatus({ payment, onRescan, onNewSale }: Props) {
  const t = useT();
  const format = useFormatters();
  const cancelled = payment.status === "cancelled";
  const attention = payment.status === "needs_attention";
  const kind = attention ? (payment.attentionKind ?? "unsettled") : null;
  const title = cancelled
    ? t("sale.cancelledTitle")
    : kind
      ? t(ATTENTION_TITLE[kind])
      : t("sale.otherStatusTitle", { status: t(STATUS_LABEL[payment.status]) });
  return (
    <StatusCard
      outTradeNo={payment.outTradeNo}
      status={payment.status}
      phase={kind ?? undefined}
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
      {kind && (
        <>
          <p data-testid="attention-body">{t(ATTENTION_BODY[kind])}</p>
          <p data-testid="do-not-charge-again" className="font-bold">
            {t("sale.doNotChargeAgain")}
          </p>
        </>
      )}
    </StatusCard>
  );
}
