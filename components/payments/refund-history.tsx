import { useT } from "@/components/i18n/i18n-provider";
import { useFormatters } from "@/components/ui/use-formatters";
import type { RefundView } from "@/lib/contract/payments";
import { isRefundOpen } from "@/lib/contract/payment-status";
import { REFUND_FAILURE_TEXT } from "./payment-labels";
import { RefundStatusBadge } from "./refund-status-badge";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/refunds";

function RefundRow({ refund }: { refund: RefundView }) {
  const t = useT();
  const format = useFormatters();
  return (
    <li
      data-testid="refund-row"
      data-status={refund.status}
      data-out-trade-no={refund.outTradeNo}
      data-amount={refund.amount}
      className="grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1 px-4 py-3"
    >
      <span className="text-lg font-semibold tabular-nums">{format.money(refund.amount, refund.currency)}</span>
      <span className="justify-self-end">
        <RefundStatusBadge status={refund.status} />
      </span>
      <span className="text-sm text-ink-muted">
        {format.dateTime(refund.createdAt)} · {t("refunds.historyBy", { username: refund.createdBy })}
        {refund.approvedBy && (
          <>
            {" · "}
            <span data-testid="refund-approved-by" data-username={refund.approvedBy}>
              {t("refunds.historyApprovedBy", { username: refund.approvedBy })}
            </span>
          </>
        )}
      </span>
      <span
        className="justify-self-end font-mono text-sm break-all text-ink-muted"
        title={t("refunds.fieldRefundSyssn")}
      >
        <span className="sr-only">{t("refunds.fieldRefundSyssn")}: </span>
        {refund.syssn ?? t("common.none")}
      </span>
      {isRefundOpen(refund.status) && (
        <p
          data-testid="refund-row-open"
          className={`col-span-2 text-sm font-semibold ${refund.status === "pending" ? "text-pending" : "text-failed"}`}
        >
          {t(refund.status === "pending" ? "refunds.historyPending" : "refunds.historyAttention")}
        </p>
      )}
      {refund.status === "failed" && (
        <p className="col-span-2 text-sm text-failed">
          {t(REFUND_FAILURE_TEXT[refund.failureReason ?? "refused"])}
          {refund.message && (
            <span className="text-ink-muted"> {t("payments.qfpaySays", { message: refund.message })}</span>
          )}
        </p>
      )}
    </li>
  );
}

/** Every refund of the payment, oldest first: amount, status (an open one says so in words), time, who (and the manager who approved it), QFPay's refund number. */
export function RefundHistory({ refunds }: { refunds: RefundView[] }) {
  const t = useT();
  return (
    <section
      aria-labelledby="refund-history-title"
      data-testid="refund-history"
      className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200"
    >
      <h2
        id="refund-history-title"
        className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm font-semibold text-ink-muted"
      >
        {t("refunds.historyTitle")}
      </h2>
      <ul className="divide-y divide-slate-200">
        {refunds.map((refund) => (
          <RefundRow key={refund.outTradeNo} refund={refund} />
        ))}
      </ul>
    </section>
  );
}
