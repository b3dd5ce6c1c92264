import type { ReactNode } from "react";
import { useApiErrorText } from "@/components/errors/error-text";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { AlertIcon, CheckCircleIcon, ClockIcon } from "@/components/ui/icons";
import { useFocusOnChange } from "@/components/ui/use-focus-on-change";
import { useFormatters } from "@/components/ui/use-formatters";
import type { RefundView } from "@/lib/contract/payments";
import { REFUND_FAILURE_TEXT } from "./payment-labels";
import type { TillRefundOutcome } from "./refund-machine";
import type { ApiErrorDetail } from "@/lib/contract/error-body";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/refunds";
import "@/lib/i18n/catalog/sale-steps";

type Tone = "ok" | "wait" | "bad";

const TONE: Record<Tone, { box: string; icon: string }> = {
  ok: { box: "bg-paid-light ring-paid", icon: "text-paid" },
  wait: { box: "bg-pending-light ring-pending/50", icon: "text-pending" },
  bad: { box: "bg-failed-light ring-failed/60", icon: "text-failed" },
};

type View = { status: string; reason?: string; tone: Tone; title: string; body: ReactNode };

type Props = {
  outcome: TillRefundOutcome;
  /** The refund as the payment now shows it; null when the server never answered or refused. */
  refund: RefundView | null;
  currency: string;
  onResend: () => void;
};

type Translate = ReturnType<typeof useT>;

function describe(
  t: Translate,
  errorText: (error: ApiErrorDetail) => string,
  money: string,
  outcome: TillRefundOutcome,
  refund: RefundView | null,
): View {
  if (refund) {
    switch (refund.status) {
      case "succeeded":
        return {
          status: "succeeded",
          tone: "ok",
          title: t("refunds.succeededTitle", { amount: money }),
          body: <p>{t("refunds.succeededBody")}</p>,
        };
      case "pending":
        return {
          status: "pending",
          tone: "wait",
          title: t("refunds.pendingTitle"),
          body: <p>{t("refunds.pendingBody", { amount: money })}</p>,
        };
      case "needs_attention":
        return {
          status: "needs_attention",
          tone: "bad",
          title: t("refunds.attentionTitle"),
          body: <p>{t("refunds.attentionBody", { amount: money })}</p>,
        };
      case "failed": {
        const reason = refund.failureReason ?? "refused";
        return {
          status: "failed",
          reason,
          tone: "bad",
          title: t("refunds.failedTitle"),
          body: (
            <>
              <p data-testid="refund-reason" className="font-semibold">
                {t(REFUND_FAILURE_TEXT[reason])}
              </p>
              {refund.message && (
                <p data-testid="refund-qfpay-message" className="text-sm text-ink-muted">
                  {t("payments.qfpaySays", { message: refund.message })}
                </p>
              )}
              <p>{t("refunds.failedNothing")}</p>
            </>
          ),
        };
      }
    }
  }
  if (outcome.kind === "refused") {
    return {
      status: "rejected",
      reason: outcome.error.code,
      tone: "bad",
      title: t("refunds.rejectedTitle"),
      body: (
        <>
          <p className="font-semibold">{outcome.status === 403 ? t("refunds.forbidden") : t("refunds.rejectedBody")}</p>
          <p data-testid="refund-server-message" className="text-sm text-ink-muted">
            {t("sale.serverSays", { message: errorText(outcome.error) })}
          </p>
        </>
      ),
    };
  }
  return {
    status: "unknown",
    tone: "wait",
    title: t("refunds.unknownTitle"),
    body: <p>{t("refunds.unknownBody", { amount: money })}</p>,
  };
}

/** How the refund this screen asked for ended (or where it stands), in plain words; follows it live. */
export function RefundResult({ outcome, refund, currency, onResend }: Props) {
  const t = useT();
  const format = useFormatters();
  const money = format.money(refund?.amount ?? outcome.attempt.amount, currency);
  const errorText = useApiErrorText();
  const view = describe(t, errorText, money, outcome, refund);
  const headingRef = useFocusOnChange<HTMLHeadingElement>(`${outcome.attempt.outTradeNo}:${view.status}`);
  const Icon = view.tone === "ok" ? CheckCircleIcon : view.tone === "wait" ? ClockIcon : AlertIcon;

  return (
    <div
      data-testid="refund-result"
      data-status={view.status}
      data-reason={view.reason}
      data-out-trade-no={outcome.attempt.outTradeNo}
      className={`space-y-3 rounded-2xl p-4 ring-2 ${TONE[view.tone].box}`}
    >
      <div role="status" aria-live="polite" aria-atomic="true" className="flex gap-3">
        <Icon className={`size-8 shrink-0 ${TONE[view.tone].icon}`} />
        <div className="min-w-0 flex-1 space-y-2">
          <h3 ref={headingRef} tabIndex={-1} className="text-xl font-bold focus:outline-none">
            {view.title}
          </h3>
          {view.body}
        </div>
      </div>
      {view.status === "unknown" && (
        <Button data-testid="refund-resend-button" size="lg" className="w-full" onClick={onResend}>
          {t("refunds.resend")}
        </Button>
      )}
    </div>
  );
}
