import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentView } from "@/lib/contract/payments";
import { WALLET_LABEL } from "./payment-labels";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/refunds";

type Props = { payment: PaymentView; amount: number; onConfirm: () => void; onBack: () => void };

/** The last look before money goes back: the amount, where it goes, and that it cannot be undone. */
export function RefundConfirm({ payment, amount, onConfirm, onBack }: Props) {
  const t = useT();
  const format = useFormatters();
  const headingRef = useFocusOnChange<HTMLHeadingElement>(amount);
  const money = format.money(amount, payment.currency);
  return (
    <div
      role="group"
      aria-labelledby="refund-confirm-title"
      data-testid="refund-confirm"
      data-amount={amount}
      className="space-y-3 rounded-2xl bg-failed-light/60 p-4 ring-2 ring-failed/50"
    >
      <h3 id="refund-confirm-title" ref={headingRef} tabIndex={-1} className="text-2xl font-bold focus:outline-none">
        {t("refunds.confirmTitle", { amount: money })}
      </h3>
      <p>{t("refunds.confirmBody", { wallet: t(WALLET_LABEL[payment.wallet]) })}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Button data-testid="refund-confirm-button" variant="danger" size="lg" onClick={onConfirm}>
          {t("refunds.confirmButton", { amount: money })}
        </Button>
        <Button data-testid="refund-back-button" variant="secondary" size="lg" onClick={onBack}>
          {t("common.back")}
        </Button>
      </div>
    </div>
  );
}
