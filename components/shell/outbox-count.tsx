import { useT } from "@/components/i18n/i18n-provider";
import { useOutbox } from "@/components/payments/outbox-provider";

/** How many payments on this till are not sent or not settled yet; hidden at zero. */
export function OutboxCount() {
  const t = useT();
  const { open } = useOutbox();
  const count = open.length;
  return (
    <span
      data-testid="outbox-count"
      data-count={count}
      hidden={count === 0}
      aria-label={t("outbox.countLabel", { count })}
      className="flex min-h-touch items-center gap-1.5 rounded-xl bg-pending px-3 text-sm font-bold text-white"
    >
      <span aria-hidden="true">{t("outbox.count", { count })}</span>
    </span>
  );
}
