import Link from "next/link";
import { useT } from "@/components/i18n/i18n-provider";
import { useAttentionPayments } from "@/components/payments/use-payment";

/** For managers and owners: how many payments need attention, shown only when there are some. */
export function AttentionCount() {
  const t = useT();
  const { data } = useAttentionPayments(true);
  const count = data?.length ?? 0;
  if (count === 0) return null;
  return (
    <Link
      href="/payments#attention"
      data-testid="attention-count"
      data-count={count}
      aria-label={t("common.attentionCountLabel", { count })}
      className="flex min-h-touch items-center gap-1.5 rounded-xl bg-failed px-3 text-sm font-bold text-white hover:brightness-95 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand"
    >
      <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-white" />
      <span aria-hidden="true">{t("common.attentionCount", { count })}</span>
    </Link>
  );
}
