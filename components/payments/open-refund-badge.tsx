import { useT } from "@/components/i18n/i18n-provider";
import type { PaymentView } from "@/lib/contract/payments";
import { openRefundOf } from "./attention-groups";
import "@/lib/i18n/catalog/refunds";

/** "Refund pending" / "Refund needs attention" beside a payment's status while a refund of it is not final. */
export function OpenRefundBadge({
  payment,
  wrap = false,
}: {
  payment: PaymentView;
  /** May break onto two lines (a narrow table column). */ wrap?: boolean;
}) {
  const t = useT();
  const open = openRefundOf(payment);
  if (!open) return null;
  const attention = open.status === "needs_attention";
  return (
    <span
      data-testid="open-refund-badge"
      data-status={open.status}
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-sm font-semibold ring-1 ${wrap ? "leading-tight" : "whitespace-nowrap"} ${
        attention ? "bg-failed-light text-failed ring-failed" : "bg-pending-light text-pending ring-pending/40"
      }`}
    >
      <span
        aria-hidden="true"
        className={`size-2 shrink-0 animate-pulse rounded-full ${attention ? "bg-failed" : "bg-pending"}`}
      />
      {t(attention ? "refunds.badgeAttention" : "refunds.badgePending")}
    </span>
  );
}
