import Link from "next/link";
import { useT } from "@/components/i18n/i18n-provider";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentView } from "@/lib/payments/types";
import { WALLET_LABEL } from "./payment-labels";
import { StatusBadge } from "./status-badge";

export const ROW_COLUMNS = "md:grid-cols-[10rem_8rem_7rem_1fr_8rem_11rem]";

/** One payment: two columns on a phone, one line on a tablet; tap for details. */
export function PaymentRow({ payment, showDate }: { payment: PaymentView; showDate: boolean }) {
  const t = useT();
  const format = useFormatters();
  return (
    <li data-testid="payment-row" data-out-trade-no={payment.outTradeNo} data-status={payment.status}>
      <Link
        href={`/payments/${encodeURIComponent(payment.outTradeNo)}`}
        className={`grid min-h-touch grid-cols-2 items-center gap-x-4 gap-y-1 px-4 py-3 hover:bg-slate-50 focus-visible:outline-3 focus-visible:-outline-offset-3 focus-visible:outline-brand ${ROW_COLUMNS}`}
      >
        <span className="text-sm text-ink-muted tabular-nums md:text-base md:text-ink">
          {showDate ? format.dateTime(payment.createdAt) : format.time(payment.createdAt)}
        </span>
        <span className="justify-self-end md:order-last md:justify-self-start">
          <StatusBadge status={payment.status} />
        </span>
        <span className="text-xl font-semibold tabular-nums md:text-right md:text-lg">
          {format.money(payment.amount, payment.currency)}
        </span>
        <span className="justify-self-end text-ink-muted md:justify-self-start md:text-ink">
          {t(WALLET_LABEL[payment.wallet])}
        </span>
        <span className="truncate font-mono text-sm text-ink-muted">{payment.syssn ?? t("common.none")}</span>
        <span className="justify-self-end truncate text-sm text-ink-muted md:justify-self-start">{payment.createdBy}</span>
      </Link>
    </li>
  );
}
