import { useEffect, useRef } from "react";
import { ApprovalDialog } from "@/components/approval/approval-dialog";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { AlertIcon, ClockIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import { useFormatters } from "@/components/ui/use-formatters";
import { isSupportedCurrency } from "@/lib/money";
import type { PaymentView } from "@/lib/contract/payments";
import { openRefundOf } from "./attention-groups";
import { RefundAmountForm } from "./refund-amount-form";
import { RefundConfirm } from "./refund-confirm";
import { RefundResult } from "./refund-result";
import { useRefund, type RefundFlow } from "./use-refund";
import "@/lib/i18n/catalog/approval";
import "@/lib/i18n/catalog/refunds";

/** "Refund all (HK$x)" and "Refund part", or why no refund can be started right now. */
function RefundChooser({
  payment,
  refund,
  needsApproval,
}: {
  payment: PaymentView;
  refund: RefundFlow;
  needsApproval: boolean;
}) {
  const t = useT();
  const format = useFormatters();
  const left = format.money(payment.refundableAmount, payment.currency);
  const open = openRefundOf(payment);

  // QFPay refuses a second refund while one is processing (docs/qfpay.md §5), and a refund it has not
  // confirmed may yet go through: nothing new is offered until it is final.
  if (open && refund.liveRefund?.outTradeNo === open.outTradeNo) {
    // This screen's own refund: its result above already says where it stands.
    return (
      <p
        data-testid="refund-in-progress"
        data-status={open.status}
        data-out-trade-no={open.outTradeNo}
        className="font-semibold text-pending"
      >
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
        {attention ? (
          <AlertIcon className="size-7 shrink-0 text-failed" />
        ) : (
          <ClockIcon className="size-7 shrink-0 text-pending" />
        )}
        <div className="min-w-0 space-y-1">
          <p className="text-lg font-bold">
            {attention ? t("refunds.openAttentionTitle") : t("refunds.openPendingTitle")}
          </p>
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
          {payment.refundedAmount > 0
            ? t("refunds.refundRest", { amount: left })
            : t("refunds.refundAll", { amount: left })}
        </Button>
        {isSupportedCurrency(payment.currency) && (
          <Button data-testid="refund-partial-button" variant="secondary" size="lg" onClick={refund.choosePart}>
            {t("refunds.refundPart")}
          </Button>
        )}
      </div>
      <p className="text-sm text-ink-muted">{t("refunds.rulesHint")}</p>
      {needsApproval && (
        <p data-testid="refund-approval-hint" className="text-sm font-semibold">
          {t("refunds.approvalHint")}
        </p>
      )}
    </div>
  );
}

function RefundSending({ amount }: { amount: string }) {
  const t = useT();
  const headingRef = useFocusOnChange<HTMLHeadingElement>("sending");
  return (
    <div
      data-testid="refund-sending"
      role="status"
      aria-live="polite"
      className="flex items-center gap-3 rounded-2xl bg-pending-light p-4"
    >
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
 * Refunds: all or part of what is left, a confirm step, then the outcome (followed live while QFPay
 * processes it). `needsApproval` (a cashier, from the server page): after the confirm step a
 * manager approves on this till (ApprovalDialog) and the refund is sent with that approval. The
 * server checks the role, the approval and the amount again.
 */
export function RefundPanel({ payment, needsApproval = false }: { payment: PaymentView; needsApproval?: boolean }) {
  const t = useT();
  const format = useFormatters();
  const refund = useRefund(payment, needsApproval);
  const { flow, outcome } = refund;
  const titleRef = useRef<HTMLHeadingElement>(null);

  // Back from the amount or confirm step: focus returns to the top of the panel.
  const previousStep = useRef(flow.step);
  useEffect(() => {
    if ((previousStep.current === "amount" || previousStep.current === "confirm") && flow.step === "choose")
      titleRef.current?.focus();
    previousStep.current = flow.step;
  }, [flow.step]);

  const money = (amount: number) => format.money(amount, payment.currency);
  // The dialog stays open (busy) while its request runs, so a refusal comes back to the same dialog.
  const approving = flow.step === "approval" || (flow.step === "sending" && flow.approving);
  // Behind the dialog the step it came from stays in place (and keeps the button that opened it,
  // which gets focus back): the confirm step, or the unanswered refund's "send it again".
  const confirmAmount = flow.step === "confirm" ? flow.amount : approving && !flow.unsure ? flow.attempt.amount : null;
  const showOutcome = outcome && (flow.step === "choose" || flow.step === "approval");
  return (
    <section
      data-testid="refund-panel"
      data-step={flow.step}
      data-needs-approval={needsApproval}
      aria-labelledby="refund-panel-title"
      className="space-y-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="refund-panel-title" ref={titleRef} tabIndex={-1} className="text-lg font-bold focus:outline-none">
        {t("refunds.panelTitle")}
      </h2>
      {showOutcome && (
        <RefundResult
          outcome={outcome}
          refund={refund.liveRefund}
          currency={payment.currency}
          onResend={refund.resend}
        />
      )}
      {flow.step === "choose" && !refund.unresolved && (
        <RefundChooser payment={payment} refund={refund} needsApproval={needsApproval} />
      )}
      {flow.step === "amount" && (
        <RefundAmountForm
          currency={payment.currency}
          refundable={payment.refundableAmount}
          onReview={refund.review}
          onBack={refund.back}
        />
      )}
      {confirmAmount !== null && (
        <RefundConfirm payment={payment} amount={confirmAmount} onConfirm={refund.confirm} onBack={refund.back} />
      )}
      {flow.step === "sending" && confirmAmount === null && <RefundSending amount={money(flow.attempt.amount)} />}
      {approving && (
        <ApprovalDialog
          testId="refund-approval"
          summary={t("approval.summaryRefund", {
            amount: money(flow.attempt.amount),
            total: money(payment.amount),
            code: payment.authCodeLast4,
          })}
          busy={flow.step === "sending"}
          refused={flow.step === "approval" && flow.refused}
          onApprove={refund.approve}
          onCancel={refund.dismissApproval}
        />
      )}
    </section>
  );
}
