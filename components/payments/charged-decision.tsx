import Link from "next/link";
import { useEffect, useRef } from "react";
import { useApiErrorText } from "@/components/errors/error-text";
import { useT } from "@/components/i18n/i18n-provider";
import { Button, buttonClasses } from "@/components/ui/button";
import { AlertIcon, CheckCircleIcon, ClockIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import { useFormatters } from "@/components/ui/use-formatters";
import type { ApiErrorDetail } from "@/lib/contract/error-body";
import type { PaymentView, RefundView } from "@/lib/contract/payments";
import { isChargedAfterFailure } from "@/lib/contract/payment-status";
import { REFUND_FAILURE_TEXT, WALLET_LABEL } from "./payment-labels";
import { useChargedDecision, type ChargedOutcome } from "./use-charged-decision";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/payments";

type Tone = "ok" | "wait" | "bad";

const TONE: Record<Tone, string> = {
  ok: "bg-paid-light ring-paid text-ink",
  wait: "bg-pending-light ring-pending/50 text-ink",
  bad: "bg-failed-light ring-failed/60 text-ink",
};

type Translate = ReturnType<typeof useT>;

function describeOutcome(
  t: Translate,
  errorText: (error: ApiErrorDetail) => string,
  outcome: ChargedOutcome,
  refund: RefundView | null,
  money: string,
): { status: string; tone: Tone; text: string; detail?: string } {
  if (outcome.kind === "refused")
    return {
      status: "refused",
      tone: "bad",
      text: t("payments.chargedRefusedByServer", { message: errorText(outcome.error) }),
    };
  if (outcome.kind === "unknown") return { status: "unknown", tone: "wait", text: t("payments.chargedNoAnswer") };
  if (outcome.action === "keep") return { status: "kept", tone: "ok", text: t("payments.chargedKept") };
  switch (refund?.status) {
    case "succeeded":
      return { status: "refund-succeeded", tone: "ok", text: t("payments.chargedRefunded", { amount: money }) };
    case "failed":
      return {
        status: "refund-failed",
        tone: "bad",
        text: t("payments.chargedRefundRefused"),
        detail: t(REFUND_FAILURE_TEXT[refund.failureReason ?? "refused"]),
      };
    case "needs_attention":
      return {
        status: "refund-needs_attention",
        tone: "bad",
        text: t("payments.chargedRefundAttention", { amount: money }),
      };
    default:
      return { status: "refund-pending", tone: "wait", text: t("payments.chargedRefundProcessing", { amount: money }) };
  }
}

/** How the decision ended, in plain words; a refund is followed live through `payment`. */
function DecisionOutcome({
  outcome,
  payment,
  showLink,
  onRetry,
}: {
  outcome: ChargedOutcome;
  payment: PaymentView;
  showLink: boolean;
  onRetry: () => void;
}) {
  const t = useT();
  const format = useFormatters();
  const errorText = useApiErrorText();
  const answeredRefund = outcome.kind === "answered" ? outcome.refund : null;
  // The newer of the payment shown (live on its page, a snapshot in the attention list) and the answer's.
  const latest =
    outcome.kind === "answered" && outcome.payment.updatedAt > payment.updatedAt ? outcome.payment : payment;
  const refund =
    (answeredRefund && latest.refunds.find((r) => r.outTradeNo === answeredRefund.outTradeNo)) ?? answeredRefund;
  const view = describeOutcome(
    t,
    errorText,
    outcome,
    refund,
    format.money(refund?.amount ?? payment.amount, payment.currency),
  );
  const headingRef = useFocusOnChange<HTMLParagraphElement>(`${outcome.kind}:${view.status}`);
  const Icon = view.tone === "ok" ? CheckCircleIcon : view.tone === "wait" ? ClockIcon : AlertIcon;
  return (
    <div
      data-testid="charged-outcome"
      data-status={view.status}
      className={`space-y-3 rounded-2xl p-4 ring-2 ${TONE[view.tone]}`}
    >
      <div role="status" aria-live="polite" aria-atomic="true" className="flex gap-3">
        <Icon className="size-7 shrink-0" />
        <div className="min-w-0 flex-1 space-y-1">
          <p ref={headingRef} tabIndex={-1} className="font-semibold focus:outline-none">
            {view.text}
          </p>
          {view.detail && <p className="text-sm">{view.detail}</p>}
        </div>
      </div>
      {outcome.kind === "unknown" && (
        <Button data-testid="charged-retry-button" size="lg" className="w-full" onClick={onRetry}>
          {t("payments.chargedTryAgain")}
        </Button>
      )}
      {showLink && outcome.kind === "answered" && (
        <Link
          href={`/payments/${encodeURIComponent(payment.outTradeNo)}`}
          className={buttonClasses("secondary", "md", "w-full")}
        >
          {t("payments.openPayment")}
        </Link>
      )}
    </div>
  );
}

type Props = {
  payment: PaymentView;
  /** In the attention list: link to the payment after the decision. */
  showLink?: boolean;
  onSend?: (payment: PaymentView) => void;
};

/**
 * For managers and owners, on a payment charged after the cashier was told it failed: "Refund the
 * customer" (then a confirm step) and "Customer got the goods — keep" (one tap). Stays to show
 * how it ended once the payment has moved on. The server checks the role and the kind again.
 */
export function ChargedDecision({ payment, showLink = false, onSend }: Props) {
  const t = useT();
  const format = useFormatters();
  const decision = useChargedDecision(payment, onSend);
  const { flow, outcome } = decision;
  const money = format.money(payment.amount, payment.currency);
  const open = isChargedAfterFailure(payment.status, payment.attentionKind);
  const confirmRef = useFocusOnChange<HTMLHeadingElement>(flow.step);
  // Back from the confirm step: focus returns to the button that opened it.
  const refundButtonRef = useRef<HTMLButtonElement>(null);
  const previousStep = useRef(flow.step);
  useEffect(() => {
    if (previousStep.current === "confirm" && flow.step === "choose") refundButtonRef.current?.focus();
    previousStep.current = flow.step;
  }, [flow.step]);

  return (
    <div
      data-testid="charged-actions"
      data-step={flow.step}
      data-out-trade-no={payment.outTradeNo}
      className="space-y-3"
    >
      {outcome && flow.step === "choose" && (
        <DecisionOutcome outcome={outcome} payment={payment} showLink={showLink} onRetry={decision.retry} />
      )}
      {flow.step === "choose" && open && !outcome && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Button
            ref={refundButtonRef}
            data-testid="charged-refund-button"
            variant="danger"
            size="lg"
            onClick={decision.askRefund}
          >
            {t("payments.chargedRefund")}
          </Button>
          <Button data-testid="charged-keep-button" variant="secondary" size="lg" onClick={decision.keep}>
            {t("payments.chargedKeep")}
          </Button>
        </div>
      )}
      {flow.step === "confirm" && (
        <div
          role="group"
          aria-labelledby={`charged-confirm-${payment.outTradeNo}`}
          data-testid="charged-confirm"
          className="space-y-3 rounded-2xl bg-failed-light/60 p-4 ring-2 ring-failed/50"
        >
          <h3
            id={`charged-confirm-${payment.outTradeNo}`}
            ref={confirmRef}
            tabIndex={-1}
            className="text-xl font-bold focus:outline-none"
          >
            {t("payments.chargedConfirmTitle", { amount: money })}
          </h3>
          <p>{t("payments.chargedConfirmBody", { wallet: t(WALLET_LABEL[payment.wallet]) })}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            <Button data-testid="charged-confirm-button" variant="danger" size="lg" onClick={decision.confirmRefund}>
              {t("payments.chargedConfirm", { amount: money })}
            </Button>
            <Button data-testid="charged-back-button" variant="secondary" size="lg" onClick={decision.back}>
              {t("common.back")}
            </Button>
          </div>
        </div>
      )}
      {flow.step === "sending" && (
        <p
          data-testid="charged-sending"
          role="status"
          aria-live="polite"
          className="flex items-center gap-3 rounded-2xl bg-pending-light p-4 font-semibold"
        >
          <Spinner className="size-6 text-pending" />
          {flow.action === "refund" ? t("payments.chargedSendingRefund") : t("payments.chargedSendingKeep")}
        </p>
      )}
    </div>
  );
}
