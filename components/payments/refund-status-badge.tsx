import { useT } from "@/components/i18n/i18n-provider";
import type { RefundStatus } from "@/lib/contract/payments";
import { REFUND_STATUS_LABEL } from "./payment-labels";

const TONE: Record<RefundStatus, string> = {
  pending: "bg-pending-light text-pending ring-pending/40",
  succeeded: "bg-slate-100 text-slate-700 ring-slate-400/50",
  failed: "bg-failed-light text-failed ring-failed/40",
  needs_attention: "bg-failed-light text-failed ring-failed",
};

/** A refund's status in colour and words. */
export function RefundStatusBadge({ status }: { status: RefundStatus }) {
  const t = useT();
  return (
    <span
      data-testid="refund-status-badge"
      data-status={status}
      className={`inline-flex items-center rounded-full px-2.5 py-1 text-sm font-semibold whitespace-nowrap ring-1 ${TONE[status]}`}
    >
      {t(REFUND_STATUS_LABEL[status])}
    </span>
  );
}
