import { useT } from "@/components/i18n/i18n-provider";
import { useOutbox } from "@/components/payments/outbox-provider";
import { isUnsent } from "@/lib/offline/outbox-item";
import "@/lib/i18n/catalog/outbox";

/**
 * How many payments on this till the server does not have yet; hidden at zero. (Signing out still
 * waits for every unsettled one too: sign-out-button.tsx.)
 */
export function OutboxCount() {
  const t = useT();
  const { items } = useOutbox();
  const count = items.filter(isUnsent).length;
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
