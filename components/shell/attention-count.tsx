import Link from "next/link";
import { useT } from "@/components/i18n/i18n-provider";
import { attentionGroup, needsManager } from "@/components/payments/attention-groups";
import { useAttentionPayments } from "@/components/payments/use-payment";
import { AlertIcon } from "@/components/ui/icons";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/attention-count";

// Below md: an icon and the count in a 44 px target, so the bar keeps one row (docs/phone-layout.md §2).
const PILL =
  "flex min-h-touch items-center gap-1.5 rounded-xl px-3 text-sm font-bold hover:brightness-95 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand max-md:min-h-11 max-md:min-w-11 max-md:justify-center max-md:gap-1 max-md:px-2";

/**
 * For managers and owners: how many payments need them (a payment needing attention, or a refund
 * QFPay has not confirmed), shown only when there are some; else, refunds still processing, so an
 * unfinished refund never looks like "nothing to see".
 */
export function AttentionCount() {
  const t = useT();
  const { data = [] } = useAttentionPayments(true);
  const count = data.filter(needsManager).length;
  const refunds = data.filter((p) => attentionGroup(p) === "refund_in_progress").length;
  if (count > 0) {
    return (
      <Link
        href="/payments#attention"
        data-testid="attention-count"
        data-count={count}
        data-refunds={refunds}
        aria-label={t("common.attentionCountLabel", { count })}
        title={t("common.attentionCountLabel", { count })}
        className={`${PILL} bg-failed text-white`}
      >
        <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-white max-md:hidden" />
        <AlertIcon className="size-5 md:hidden" />
        <span aria-hidden="true" className="max-md:hidden">
          {t("common.attentionCount", { count })}
        </span>
        <span aria-hidden="true" className="tabular-nums md:hidden">
          {count}
        </span>
      </Link>
    );
  }
  if (refunds === 0) return null;
  return (
    <Link
      href="/payments#attention"
      data-testid="refunds-in-progress-count"
      data-count={refunds}
      aria-label={t("payments.refundsInProgressCountLabel", { count: refunds })}
      title={t("payments.refundsInProgressCountLabel", { count: refunds })}
      className={`${PILL} bg-pending-light text-pending ring-1 ring-pending/40`}
    >
      <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-pending" />
      <span aria-hidden="true" className="max-md:hidden">
        {t("payments.refundsInProgressCount", { count: refunds })}
      </span>
      <span aria-hidden="true" className="tabular-nums md:hidden">
        {refunds}
      </span>
    </Link>
  );
}
