import { useT } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n/messages";
import { Button } from "@/components/ui/button";
import "@/lib/i18n/catalog/sale-steps";

/** Seconds an open payment is shown before the cashier may move on without waiting for it. */
export const LEAVE_AFTER_SECONDS = 60;

/** A way out when the customer cannot wait; the payment itself keeps being settled by the server. */
export function LeaveOption({ onNewSale, hint = "sale.leaveHint" }: { onNewSale: () => void; hint?: MessageKey }) {
  const t = useT();
  return (
    <div className="space-y-2 rounded-2xl bg-white/70 p-3">
      <p className="text-sm text-ink-muted">{t(hint)}</p>
      <Button data-testid="new-sale-button" variant="secondary" className="w-full" onClick={onNewSale}>
        {t("sale.newSale")}
      </Button>
    </div>
  );
}
