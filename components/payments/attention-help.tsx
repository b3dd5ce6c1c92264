import { useT } from "@/components/i18n/i18n-provider";
import { AlertIcon, ClockIcon } from "@/components/ui/icons";
import type { PaymentView } from "@/lib/contract/payments";
import { ATTENTION_KIND_TEXT, ATTENTION_KIND_TODO } from "./attention-groups";
import "@/lib/i18n/catalog/payments";

/**
 * On an open payment's page: why it is open and what to do, so nobody charges the customer twice.
 * `canDecide`: a manager or owner, who gets the refund/keep choice below it.
 */
export function AttentionHelp({ payment, canDecide = false }: { payment: PaymentView; canDecide?: boolean }) {
  const t = useT();
  if (payment.status === "needs_attention") {
    const kind = payment.attentionKind ?? "unsettled";
    return (
      <div
        data-testid="attention-help"
        data-kind={kind}
        role="note"
        className="flex gap-3 border-b border-slate-200 bg-failed-light p-4 text-failed"
      >
        <AlertIcon className="size-6 shrink-0" />
        <div className="min-w-0 space-y-1">
          <p data-testid="attention-kind" className="font-bold">
            {t(ATTENTION_KIND_TEXT[kind])}
          </p>
          {payment.attentionReason && (
            <p data-testid="attention-reason" className="text-sm break-words">
              {t("payments.attentionDetail", { reason: payment.attentionReason })}
            </p>
          )}
          <p className="text-ink">{t(ATTENTION_KIND_TODO[kind])}</p>
          {kind === "charged_after_failure" && !canDecide && (
            <p className="font-semibold text-ink">{t("payments.chargedAskManager")}</p>
          )}
        </div>
      </div>
    );
  }
  if (payment.status === "pending") {
    return (
      <div
        data-testid="pending-help"
        data-checking={payment.checking}
        role="note"
        className="flex gap-3 border-b border-slate-200 bg-pending-light p-4"
      >
        <ClockIcon className="size-6 shrink-0 text-pending" />
        <p>{payment.checking ? t("payments.checkingHint") : t("payments.pendingHint")}</p>
      </div>
    );
  }
  return null;
}
