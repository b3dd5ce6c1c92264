import Link from "next/link";
import { useT } from "@/components/i18n/i18n-provider";
import { buttonClasses } from "@/components/ui/button";
import { useFormatters } from "@/components/ui/use-formatters";
import { holdsMoney } from "@/lib/contract/payment-status";
import type { MessageKey } from "@/lib/i18n/messages";
import type { LedgerSide, QfpaySide, ReconcileDifference } from "@/lib/contract/reconcile";
import { KIND_LABEL, STATUS_WORD } from "./reconcile-labels";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/reconcile";

type T = ReturnType<typeof useT>;
type Money = (amount: number | null | undefined, currency: string | null | undefined) => string;

/** QFPay holds (some of) the customer's money under its record. */
const charged = (side: QfpaySide | null) => (side ? holdsMoney(side.status) : false);

/** What happened, in one sentence. */
function explanation(d: ReconcileDifference, t: T, money: Money): string {
  const { ledger, qfpay } = d;
  switch (d.kind) {
    case "missing_in_ledger":
      return t(
        d.record === "refund" ? "reconcile.explainMissingInLedgerRefund" : "reconcile.explainMissingInLedgerPayment",
        {
          amount: money(qfpay?.amount, qfpay?.currency),
          status: qfpay ? t(STATUS_WORD[qfpay.status]) : "",
        },
      );
    case "missing_at_qfpay":
      return t("reconcile.explainMissingAtQfpay", {
        amount: money(ledger?.amount, ledger?.currency),
        status: ledger ? t(STATUS_WORD[ledger.status]) : "",
      });
    case "amount_differs":
      return t("reconcile.explainAmountDiffers", {
        ledger: money(ledger?.amount, ledger?.currency),
        qfpay: money(qfpay?.amount, qfpay?.currency),
      });
    case "status_differs":
      if (d.record === "payment" && charged(qfpay) && (ledger?.status === "failed" || ledger?.status === "cancelled")) {
        return t(
          ledger.status === "failed" ? "reconcile.explainChargedAfterFailed" : "reconcile.explainChargedAfterCancelled",
          { amount: money(qfpay?.amount, qfpay?.currency) },
        );
      }
      return t("reconcile.explainStatusDiffers", {
        ledger: ledger ? t(STATUS_WORD[ledger.status]) : t("reconcile.noRecord"),
        qfpay: qfpay ? t(STATUS_WORD[qfpay.status]) : t("reconcile.noRecord"),
      });
  }
}

/** What the manager should do about it. */
function todo(d: ReconcileDifference): MessageKey {
  if (d.kind === "missing_in_ledger")
    return d.record === "refund" ? "reconcile.todoMissingInLedgerRefund" : "reconcile.todoMissingInLedgerPayment";
  if (d.record === "refund") return "reconcile.todoRefund";
  if (d.kind === "missing_at_qfpay") return "reconcile.todoMissingAtQfpay";
  if (d.kind === "amount_differs") return "reconcile.todoAmountDiffers";
  if (d.flagged || (d.ledger?.status === "needs_attention" && charged(d.qfpay))) return "reconcile.todoFlagged";
  return "reconcile.todoStatusDiffers";
}

function Side({ label, side, testId }: { label: string; side: LedgerSide | QfpaySide | null; testId: string }) {
  const t = useT();
  const format = useFormatters();
  return (
    <div
      data-testid={testId}
      data-status={side?.status ?? "none"}
      className="rounded-xl bg-slate-50 px-3 py-2 ring-1 ring-slate-200"
    >
      <dt className="text-xs font-semibold text-ink-muted uppercase">{label}</dt>
      <dd className="text-sm">
        {side ? (
          <>
            <span className="font-semibold">{t(STATUS_WORD[side.status])}</span>
            {side.amount !== null && side.currency !== null && (
              <span className="tabular-nums"> · {format.money(side.amount, side.currency)}</span>
            )}
            {side.time && <span className="block text-ink-muted">{format.dateTime(side.time)}</span>}
          </>
        ) : (
          <span className="text-ink-muted">{t("reconcile.noRecord")}</span>
        )}
      </dd>
    </div>
  );
}

export function DifferenceItem({ difference: d }: { difference: ReconcileDifference }) {
  const t = useT();
  const format = useFormatters();
  const money: Money = (amount, currency) =>
    amount === null || amount === undefined || !currency ? t("common.none") : format.money(amount, currency);
  return (
    <li
      data-testid="difference-row"
      data-kind={d.kind}
      data-record={d.record}
      data-out-trade-no={d.outTradeNo}
      data-flagged={d.flagged ? "true" : "false"}
      className="space-y-3 px-4 py-4"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded-full bg-failed-light px-2.5 py-0.5 text-sm font-bold text-failed">
          {t(KIND_LABEL[d.kind])}
        </span>
        <span className="text-sm text-ink-muted">
          {t(d.record === "refund" ? "reconcile.recordRefund" : "reconcile.recordPayment")}
        </span>
      </div>
      <p data-testid="difference-explanation" className="text-lg font-semibold">
        {explanation(d, t, money)}
      </p>
      <p data-testid="difference-todo" className="rounded-xl bg-pending-light px-3 py-2 text-pending">
        {t(todo(d))}
      </p>
      <dl className="grid gap-2 sm:grid-cols-2">
        <Side label={t("reconcile.sideLedger")} side={d.ledger} testId="difference-ledger" />
        <Side label={t("reconcile.sideQfpay")} side={d.qfpay} testId="difference-qfpay" />
      </dl>
      <p className="font-mono text-sm break-all text-ink-muted">
        {t("reconcile.fieldOutTradeNo")}: {d.outTradeNo}
        {d.syssn && (
          <>
            <br />
            {t("reconcile.fieldSyssn")}: {d.syssn}
          </>
        )}
      </p>
      {d.paymentOutTradeNo && (
        <Link
          data-testid="difference-open-payment"
          href={`/payments/${encodeURIComponent(d.paymentOutTradeNo)}`}
          className={buttonClasses("secondary", "md", "w-full sm:w-auto")}
        >
          {t("reconcile.openPayment")}
        </Link>
      )}
    </li>
  );
}
