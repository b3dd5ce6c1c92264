import Link from "next/link";
import { useT } from "@/components/i18n/i18n-provider";
import { Spinner } from "@/components/ui/spinner";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentView } from "@/lib/payments/types";
import { WALLET_LABEL } from "./payment-labels";
import { useAttentionPayments } from "./use-payment";

function AttentionRow({ payment }: { payment: PaymentView }) {
  const t = useT();
  const format = useFormatters();
  return (
    <li data-testid="attention-row" data-out-trade-no={payment.outTradeNo}>
      <Link
        href={`/payments/${encodeURIComponent(payment.outTradeNo)}`}
        className="block min-h-touch space-y-1 px-4 py-3 hover:bg-failed-light/60 focus-visible:outline-3 focus-visible:-outline-offset-3 focus-visible:outline-brand"
      >
        <span className="flex flex-wrap items-baseline justify-between gap-x-4">
          <span className="text-xl font-semibold tabular-nums">{format.money(payment.amount, payment.currency)}</span>
          <span className="text-sm text-ink-muted">
            {format.dateTime(payment.createdAt)} · {t(WALLET_LABEL[payment.wallet])} · {payment.createdBy}
          </span>
        </span>
        {payment.attentionReason && (
          <span data-testid="attention-reason" className="block font-semibold text-failed">
            {t("payments.attentionReason", { reason: payment.attentionReason })}
          </span>
        )}
        <span className="block font-mono text-sm break-all text-ink-muted">
          {t("payments.fieldOutTradeNo")}: {payment.outTradeNo}
        </span>
      </Link>
    </li>
  );
}

/** For managers: payments whose outcome QFPay has not confirmed, with what to do about them. */
export function AttentionList() {
  const t = useT();
  const { data, isPending, isError } = useAttentionPayments(true);
  const count = data?.length ?? 0;
  return (
    <section
      id="attention"
      data-testid="attention-list"
      data-count={data ? count : undefined}
      aria-labelledby="attention-title"
      className={`overflow-hidden rounded-2xl shadow-sm ring-1 ${count > 0 ? "bg-white ring-failed" : "bg-white ring-slate-200"}`}
    >
      <h2
        id="attention-title"
        className={`flex items-center gap-2 border-b px-4 py-2 text-sm font-semibold ${count > 0 ? "border-failed/40 bg-failed-light text-failed" : "border-slate-200 bg-slate-50 text-ink-muted"}`}
      >
        {t("payments.attentionTitle")}
        {count > 0 && <span className="rounded-full bg-failed px-2 text-xs text-white tabular-nums">{count}</span>}
      </h2>
      {isPending ? (
        <p role="status" className="flex items-center gap-2 px-4 py-3 text-ink-muted">
          <Spinner className="size-4" /> {t("common.loading")}
        </p>
      ) : isError ? (
        <p role="alert" className="px-4 py-3 font-semibold text-failed">
          {t("payments.attentionLoadError")}
        </p>
      ) : count === 0 ? (
        <p data-testid="attention-empty" className="px-4 py-3 text-ink-muted">
          {t("payments.attentionEmpty")}
        </p>
      ) : (
        <>
          <p className="px-4 pt-3 text-sm">{t("payments.attentionIntro")}</p>
          <ul className="divide-y divide-slate-200">
            {data.map((payment) => (
              <AttentionRow key={payment.outTradeNo} payment={payment} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
