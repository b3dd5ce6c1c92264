import Link from "next/link";
import type { ReactNode } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { useFormatters } from "@/components/ui/use-formatters";
import type { WalletGuess } from "@/lib/contract/payments";
import type { ReconciliationReport } from "@/lib/contract/reconcile";
import { DifferenceItem } from "./difference-item";
import { WALLET_LABEL } from "@/components/payments/payment-labels";
import { STATUS_WORD } from "./reconcile-labels";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/reconcile";

function Card({
  title,
  testId,
  tone = "plain",
  children,
}: {
  title: string;
  testId: string;
  tone?: "plain" | "alert";
  children: ReactNode;
}) {
  const alert = tone === "alert";
  return (
    <section
      data-testid={testId}
      aria-label={title}
      className={`overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ${alert ? "ring-failed" : "ring-slate-200"}`}
    >
      <h3
        className={`border-b px-4 py-2 text-sm font-semibold ${alert ? "border-failed/40 bg-failed-light text-failed" : "border-slate-200 bg-slate-50 text-ink-muted"}`}
      >
        {title}
      </h3>
      {children}
    </section>
  );
}

/** One day's reconciliation: the verdict, what matched, every difference with what to do, what was settled, what is still open. */
export function ReconcileResult({ report }: { report: ReconciliationReport }) {
  const t = useT();
  const format = useFormatters();
  const m = report.matched;
  const money = (amount: number) => (m.currency ? format.money(amount, m.currency) : String(amount));
  const wallets = Object.entries(m.byWallet) as Array<[WalletGuess, { count: number; amount: number }]>;

  return (
    <div
      data-testid="reconcile-result"
      data-date={report.date}
      data-clean={report.clean ? "true" : "false"}
      data-differences={report.differences.length}
      className="space-y-4"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4">
        <h2 className="text-xl font-bold">{t("reconcile.resultTitle", { date: report.date })}</h2>
        <span className="text-sm text-ink-muted">
          {t("reconcile.checkedAt", { time: format.dateTime(report.ranAt) })}
        </span>
      </div>

      <p
        role="status"
        data-testid="reconcile-verdict"
        className={`rounded-2xl px-4 py-3 text-lg font-semibold ${report.clean ? "bg-paid-light text-paid" : "bg-failed-light text-failed"}`}
      >
        {report.clean ? t("reconcile.clean") : t("reconcile.notClean", { count: report.differences.length })}
      </p>

      <Card title={t("reconcile.matchedTitle")} testId="reconcile-matched">
        <div className="space-y-2 px-4 py-3">
          <p className="flex flex-wrap items-baseline justify-between gap-x-4">
            <span className="font-semibold" data-testid="matched-count" data-count={m.count}>
              {t("reconcile.matchedPayments", { count: m.count })}
            </span>
            <span data-testid="matched-amount" data-amount={m.amount} className="text-2xl font-bold tabular-nums">
              {money(m.amount)}
            </span>
          </p>
          {wallets.length > 0 && (
            <ul
              aria-label={t("reconcile.byWallet")}
              className="divide-y divide-slate-100 rounded-xl ring-1 ring-slate-200"
            >
              {wallets.map(([wallet, totals]) => (
                <li
                  key={wallet}
                  data-testid="matched-wallet"
                  data-wallet={wallet}
                  className="flex justify-between gap-4 px-3 py-2 text-sm"
                >
                  <span>
                    {t(WALLET_LABEL[wallet] ?? "payments.walletUnknown")} · {totals.count}
                  </span>
                  <span className="tabular-nums">{money(totals.amount)}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="text-sm text-ink-muted">
            {t("reconcile.matchedRefunds", { count: m.refunds.count, amount: money(m.refunds.amount) })}
          </p>
          <p className="text-sm text-ink-muted">{t("reconcile.matchedNotCharged", { count: m.notCharged })}</p>
          <p className="text-xs text-ink-muted">
            {t("reconcile.records", { qfpay: report.counts.qfpay, ledger: report.counts.ledger })}
          </p>
        </div>
      </Card>

      {report.differences.length > 0 && (
        <Card
          title={`${t("reconcile.differencesTitle")} (${report.differences.length})`}
          testId="reconcile-differences"
          tone="alert"
        >
          <ul className="divide-y divide-slate-200">
            {report.differences.map((d) => (
              <DifferenceItem key={`${d.kind}:${d.record}:${d.outTradeNo}:${d.syssn ?? ""}`} difference={d} />
            ))}
          </ul>
        </Card>
      )}

      {report.settled.length > 0 && (
        <Card title={t("reconcile.settledTitle")} testId="reconcile-settled">
          <p className="px-4 pt-3 text-sm text-ink-muted">{t("reconcile.settledIntro")}</p>
          <ul className="divide-y divide-slate-200">
            {report.settled.map((s) => (
              <li key={s.outTradeNo} data-testid="settled-row" data-out-trade-no={s.outTradeNo} data-to={s.to}>
                <Link
                  href={`/payments/${encodeURIComponent(s.outTradeNo)}`}
                  className="flex min-h-touch flex-wrap items-center justify-between gap-x-4 px-4 py-2 hover:bg-slate-50 focus-visible:outline-3 focus-visible:-outline-offset-3 focus-visible:outline-brand"
                >
                  <span className="font-semibold">
                    {t("reconcile.settledItem", { from: t(STATUS_WORD[s.from]), to: t(STATUS_WORD[s.to]) })}
                  </span>
                  <span className="tabular-nums">{format.money(s.amount, s.currency)}</span>
                  <span className="w-full font-mono text-sm break-all text-ink-muted">{s.outTradeNo}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {report.open.length > 0 && (
        <Card title={t("reconcile.openTitle")} testId="reconcile-open">
          <p className="px-4 pt-3 text-sm text-ink-muted">{t("reconcile.openIntro")}</p>
          <ul className="divide-y divide-slate-200">
            {report.open.map((o) => (
              <li key={`${o.record}:${o.outTradeNo}`} data-testid="open-row" data-out-trade-no={o.outTradeNo}>
                <Link
                  href={`/payments/${encodeURIComponent(o.paymentOutTradeNo)}`}
                  className="flex min-h-touch flex-wrap items-center justify-between gap-x-4 px-4 py-2 hover:bg-slate-50 focus-visible:outline-3 focus-visible:-outline-offset-3 focus-visible:outline-brand"
                >
                  <span>
                    <span className="font-semibold">
                      {t(o.record === "refund" ? "reconcile.recordRefund" : "reconcile.recordPayment")}
                    </span>{" "}
                    · {t(STATUS_WORD[o.status])}
                    {" · "}
                    {t("reconcile.sideQfpay")}:{" "}
                    {o.qfpayStatus ? t(STATUS_WORD[o.qfpayStatus]) : t("reconcile.noRecord")}
                  </span>
                  <span className="tabular-nums">{format.money(o.amount, o.currency)}</span>
                  <span className="w-full font-mono text-sm break-all text-ink-muted">{o.outTradeNo}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
