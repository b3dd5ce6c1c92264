import { useT } from "@/components/i18n/i18n-provider";
import { AlertIcon, ClockIcon } from "@/components/ui/icons";
import type { PaymentView } from "@/lib/payments/types";

/** On an open payment's page: why it is open and what to do, so nobody charges the customer twice. */
export function AttentionHelp({ payment }: { payment: PaymentView }) {
  const t = useT();
  if (payment.status === "needs_attention") {
    return (
      <div data-testid="attention-help" role="note" className="flex gap-3 border-b border-slate-200 bg-failed-light p-4 text-failed">
        <AlertIcon className="size-6 shrink-0" />
        <div className="space-y-1">
          {payment.attentionReason && (
            <p data-testid="attention-reason" className="font-semibold">
              {t("payments.attentionReason", { reason: payment.attentionReason })}
            </p>
          )}
          <p className="text-ink">{t("payments.attentionWhatToDo")}</p>
        </div>
      </div>
    );
  }
  if (payment.status === "pending") {
    return (
      <div data-testid="pending-help" role="note" className="flex gap-3 border-b border-slate-200 bg-pending-light p-4">
        <ClockIcon className="size-6 shrink-0 text-pending" />
        <p>{t("payments.pendingHint")}</p>
      </div>
    );
  }
  return null;
}
