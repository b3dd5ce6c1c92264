import { useT } from "@/components/i18n/i18n-provider";
import type { PaymentStatus } from "@/lib/contract/payments";
import { STATUS_LABEL } from "./payment-labels";

const TONE: Record<PaymentStatus, string> = {
  pending: "bg-pending-light text-pending ring-pending/40",
  paid: "bg-paid-light text-paid ring-paid/40",
  failed: "bg-failed-light text-failed ring-failed/40",
  cancelled: "bg-slate-100 text-slate-700 ring-slate-400/50",
  refunded: "bg-slate-100 text-slate-700 ring-slate-400/50",
  partially_refunded: "bg-slate-100 text-slate-700 ring-slate-400/50",
  needs_attention: "bg-failed-light text-failed ring-failed",
};

const DOT: Record<PaymentStatus, string> = {
  pending: "bg-pending animate-pulse",
  paid: "bg-paid",
  failed: "bg-failed",
  cancelled: "bg-slate-500",
  refunded: "bg-slate-500",
  partially_refunded: "bg-slate-500",
  needs_attention: "bg-failed animate-pulse",
};

/** Status in colour and words, so it reads without colour too. */
export function StatusBadge({ status, className = "" }: { status: PaymentStatus; className?: string }) {
  const t = useT();
  return (
    <span
      data-testid="status-badge"
      data-status={status}
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-sm font-semibold whitespace-nowrap ring-1 ${TONE[status]} ${className}`}
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${DOT[status]}`} />
      {t(STATUS_LABEL[status])}
    </span>
  );
}
