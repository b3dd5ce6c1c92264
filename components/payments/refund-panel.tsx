import { useEffect, useRef } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { AlertIcon, ClockIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import { useFormatters } from "@/components/ui/use-formatters";
import { isSupportedCurrency } from "@/lib/money";
import type { PaymentView } from "@/lib/payments/types";
import { openRefundOf } from "./attention-groups";
import { RefundAmountForm } from "./refund-amount-form";
import { RefundConfirm } from "./refund-confirm";
import { RefundResult } from "./refund-result";
import { useRefund, type RefundFlow } from "./use-refund";

/** "Refund all (HK$x)" and "Refund part", or why no refund can be started right now. */
function RefundChooser({ payment, refund }: { payment: PaymentView; refund: RefundFlow }) {
  const t = useT();
  const format = useFormatters();
  const left = format.money(payment.refundableAmount, payment.currency);
  const open = openRefundOf(payment);

  // QFPay refuses a second refund while one is processing (API-FACTS §5), and a refund it has not
  // confirmed may yet go through: nothing new is offered until it is final.
  if (open && refund.liveRefund?.outTradeNo === open.outTradeNo) {
    // This screen's own refund: its result above already says where it stands.
    return (
      <p data-testid="refund-in-progress" data-status={open.status} data-out-trade-no={open.outTradeNo} className="font-semibold text-pending">
        {t("refunds.inProgress")}
      </p>
    );
  }
  if (open) {
    const attention = open.status === "needs_attention";
    const amount = format.money(open.amount, open.currency);
    return (
      <div
        data-testid="refund-in-progress"
        data-status={open.status}
        data-out-trade-no={open.outTradeNo}
        role="status"
        className={`flex gap-3 rounded-2xl p-4 ring-2 ${attention ? "bg-failed-light ring-failed/60" : "bg-pending-light ring-pending/50"}`}
      >
        {attention ? <AlertIcon className="size-7 shrink-0 text-failed" /> : <ClockIcon className="size-7 shrink-0 text-pending" />}
        <div className="min-w-0 space-y-1">
          <p className="text-lg font-bold">{attention ? t("refunds.openAttentionTitle") : t("refunds.openPendingTitle")}</p>
          <p>{attention ? t("refunds.attentionBody", { amount }) : t("refunds.pendingBody", { amount })}</p>
          <p className="text-sm text-ink-muted">
            {format.dateTime(open.createdAt)} · {t("refunds.historyBy", { username: open.createdBy })}
          </p>
          <p className="text-sm">{attention ? t("refunds.keepsChecking") : t("refunds.inProgress")}</p>
        </div>
      </div>
    );
  }
  if (payment.refundableAmount <= 0) {
    return <p data-testid="refund-nothing-left">{t("refunds.nothingLeft")}</p>;
  }
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-ink-muted">{t("refunds.leftToRefund")}</span>
        <span className="text-2xl font-bold tabular-nums">{left}</span>
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Button data-testid="refund-full-button" variant="secondary" size="lg" onClick={refund.chooseAll}>
          {payment.refundedAmount > 0 ? t("refunds.refundRest", { amount: left }) : t("refunds.refundAll", { amount: left })}
        </Button>
        {isSupportedCurrency(payment.currency) && (
          <Button data-testid="refund-partial-button" variant="secondary" size="lg" onClick={refund.choosePart}>
            {t("refunds.refundPart")}
          </Button>
        )}
      </div>
      <p className="text-sm text-ink-muted">{t("refunds.rulesHint")}</p>
    </div>
  );
}

function RefundSending({ amount }: { amount: string }) {
  const t = useT();
  const headingRef = useFocusOnChange<HTMLHeadingElement>("sending");
  return (
    <div data-testid="refund-sending" role="status" aria-live="polite" className="flex items-center gap-3 rounded-2xl bg-pending-light p-4">
      <Spinner className="size-8 text-pending" />
      <div>
        <h3 ref={headingRef} tabIndex={-1} className="text-xl font-bold focus:outline-none">
          {t("refunds.sendingTitle")} <span className="tabular-nums">{amount}</span>
        </h3>
        <p>{t("refunds.sendingBody")}</p>
      </div>
    </div>
  );
}

/**
 * Refunds for managers and owners: all or part of what is left, a confirm step, then the outcome
 * (followed live while QFPay processes it). The server checks the role and the amount again.
 */
export function RefundPanel({ payment }: { payment: PaymentView }) {
  const t = useT();
  const format = useFormatters();
  const refund = useRefund(payment);
  const { flow, outcome } = refund;
  const titleRef = useRef<HTMLHeadingElement>(null);

  // Back from the amount or confirm step: focus returns to the top of the panel.
  const previousStep = useRef(flow.step);
  useEffect(() => {
    if ((previousStep.current === "amount" || previousStep.current === "confirm") && flow.step === "choose") titleRef.current?.focus();
    previousStep.current = flow.step;
  }, [flow.step]);

  return (
    <section
      data-testid="refund-panel"
      data-step={flow.step}
      aria-labelledby="refund-panel-title"
      className="space-y-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="refund-panel-title" ref={titleRef} tabIndex={-1} className="text-lg font-bold focus:outline-none">
        {t("refunds.panelTitle")}
      </h2>
      {outcome && flow.step === "choose" && (
        <RefundResult outcome={outcome} refund={refund.liveRefund} currency={payment.currency} onResend={refund.resend} />
      )}
      {flow.step === "choose" && !refund.unresolved && <RefundChooser payment={payment} refund={refund} />}
      {flow.step === "amount" && (
        <RefundAmountForm currency={payment.currency} refundable={payment.refundableAmount} onReview={refund.review} onBack={refund.back} />
      )}
      {flow.step === "confirm" && <RefundConfirm payment={payment} amount={flow.amount} onConfirm={refund.confirm} onBack={refund.back} />}
      {flow.step === "sending" && <RefundSending amount={format.money(flow.attempt.amount, payment.currency)} />}
    </section>
  );
}
