import Link from "next/link";
import { useT } from "@/components/i18n/i18n-provider";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentView } from "@/lib/contract/payments";
import { OpenRefundBadge } from "./open-refund-badge";
import { WALLET_LABEL } from "./payment-labels";
import { StatusBadge } from "./status-badge";
import "@/lib/i18n/catalog/common";

export const ROW_COLUMNS = "lg:grid-cols-[10rem_8rem_7rem_1fr_8rem_11rem]";

/** One payment: two columns on a phone or a tablet held upright, one line from 1024 px; tap for details. */
export function PaymentListRow({ payment, showDate }: { payment: PaymentView; showDate: boolean }) {
  const t = useT();
  const format = useFormatters();
  return (
    <li
      data-testid="payment-row"
      data-out-trade-no={payment.outTradeNo}
      data-status={payment.status}
      data-open-refunds={payment.openRefunds}
    >
      <Link
        href={`/payments/${encodeURIComponent(payment.outTradeNo)}`}
        className={`grid min-h-touch grid-cols-2 items-center gap-x-4 gap-y-1 px-4 py-3 hover:bg-slate-50 focus-visible:outline-3 focus-visible:-outline-offset-3 focus-visible:outline-brand ${ROW_COLUMNS}`}
      >
        <span className="text-sm text-ink-muted tabular-nums lg:text-base lg:text-ink">
          {showDate ? format.dateTime(payment.createdAt) : format.time(payment.createdAt)}
        </span>
        <span className="flex flex-wrap justify-end gap-1 justify-self-end lg:order-last lg:justify-start lg:justify-self-start">
          <StatusBadge status={payment.status} />
          <OpenRefundBadge payment={payment} wrap />
        </span>
        <span className="text-xl font-semibold tabular-nums lg:text-right lg:text-lg">
          {format.money(payment.amount, payment.currency)}
        </span>
        <span className="justify-self-end text-ink-muted lg:justify-self-start lg:text-ink">
          {t(WALLET_LABEL[payment.wallet])}
        </span>
        <span className="truncate font-mono text-sm text-ink-muted">{payment.syssn ?? t("common.none")}</span>
        <span className="justify-self-end truncate text-sm text-ink-muted lg:justify-self-start">
          {payment.createdBy}
        </span>
      </Link>
    </li>
  );
}
