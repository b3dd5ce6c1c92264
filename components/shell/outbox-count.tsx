import { useT } from "@/components/i18n/i18n-provider";
import { useOutbox } from "@/components/payments/outbox-provider";
import { OutboxIcon } from "@/components/ui/icons";
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
      title={t("outbox.countLabel", { count })}
      // Below md: an icon and the count in a 44 px box, so the bar keeps one row (docs/phone-layout.md §2).
      className="flex min-h-touch items-center gap-1.5 rounded-xl bg-pending px-3 text-sm font-bold text-white max-md:min-h-11 max-md:min-w-11 max-md:justify-center max-md:gap-1 max-md:px-2"
    >
      <OutboxIcon className="size-5 md:hidden" />
      <span aria-hidden="true" className="max-md:hidden">
        {t("outbox.count", { count })}
      </span>
      <span aria-hidden="true" className="tabular-nums md:hidden">
        {count}
      </span>
    </span>
  );
}
