"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { PaymentView } from "@/lib/contract/payments";
import { isPaymentOrRefundOpen } from "@/lib/contract/payment-status";
import { AttentionList } from "./attention-list";
import { PaymentListRow, ROW_COLUMNS } from "./payment-list-row";
import { usePayments } from "./use-payment";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/payments";

function isToday(iso: string, now: Date): boolean {
  const d = new Date(iso);
  return d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
}

function ColumnHeadings() {
  const t = useT();
  return (
    <div
      aria-hidden="true"
      className={`hidden gap-x-4 px-4 py-2 text-xs font-semibold text-ink-muted uppercase lg:grid ${ROW_COLUMNS}`}
    >
      <span>{t("payments.fieldTime")}</span>
      <span className="text-right">{t("payments.fieldAmount")}</span>
      <span>{t("payments.fieldWallet")}</span>
      <span>{t("payments.fieldSyssn")}</span>
      <span>{t("payments.fieldCashier")}</span>
      <span>{t("payments.fieldStatus")}</span>
    </div>
  );
}

function PaymentGroup({ title, payments, showDate }: { title: string; payments: PaymentView[]; showDate: boolean }) {
  return (
    <section aria-label={title} className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm font-semibold text-ink-muted">{title}</h2>
      <ColumnHeadings />
      <ul className="divide-y divide-slate-200 border-t border-slate-200 lg:border-t-0">
        {payments.map((payment) => (
          <PaymentListRow key={payment.outTradeNo} payment={payment} showDate={showDate} />
        ))}
      </ul>
    </section>
  );
}

/**
 * The latest payments, newest first, split into today and earlier; for managers and owners, the
 * payments that need attention come first.
 */
export function PaymentsList({ showAttention = false }: { showAttention?: boolean }) {
  const t = useT();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("payments.title")}</h1>
      {showAttention && <AttentionList />}
      <PaymentsListBody />
    </div>
  );
}

function PaymentsListBody() {
  const t = useT();
  const { data, isPending, isError, refetch, isFetching } = usePayments();

  if (isPending) {
    return (
      <p className="flex items-center gap-3 text-ink-muted" role="status">
        <Spinner /> {t("common.loading")}
      </p>
    );
  }
  if (isError) {
    return (
      <div role="alert" className="space-y-3 rounded-2xl bg-failed-light p-4 text-failed">
        <p className="font-semibold">{t("payments.loadError")}</p>
        <Button variant="secondary" onClick={() => void refetch()} disabled={isFetching}>
          {t("common.retry")}
        </Button>
      </div>
    );
  }

  const now = new Date();
  const today = data.filter((p) => isToday(p.createdAt, now));
  const earlier = data.filter((p) => !isToday(p.createdAt, now));
  const anyOpen = data.some(isPaymentOrRefundOpen);

  return (
    <div data-testid="payments-list" className="space-y-4">
      {anyOpen && (
        <p className="flex items-center gap-2 text-sm text-pending" data-testid="payments-auto-refresh">
          <Spinner className="size-4" /> {t("payments.autoRefresh")}
        </p>
      )}
      {today.length === 0 ? (
        <div data-testid="payments-empty" className="rounded-2xl bg-white p-8 text-center ring-1 ring-slate-200">
          <p className="text-lg font-semibold">{t("payments.empty")}</p>
          <p className="mt-1 text-ink-muted">{t("payments.emptyHint")}</p>
        </div>
      ) : (
        <PaymentGroup title={t("payments.today")} payments={today} showDate={false} />
      )}
      {earlier.length > 0 && <PaymentGroup title={t("payments.earlier")} payments={earlier} showDate />}
    </div>
  );
}
