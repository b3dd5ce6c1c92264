import Link from "next/link";
import { useCallback, useState, type ReactNode } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Spinner } from "@/components/ui/spinner";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentView } from "@/lib/contract/payments";
import { ATTENTION_KIND_TEXT, groupAttention, needsManager, openRefundOf } from "./attention-groups";
import { ChargedDecision } from "./charged-decision";
import { OpenRefundBadge } from "./open-refund-badge";
import { WALLET_LABEL } from "./payment-labels";
import { StatusBadge } from "./status-badge";
import { useAttentionPayments } from "./use-payment";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/payments";
import "@/lib/i18n/catalog/refunds";

const LINK_CLASSES = "focus-visible:outline-3 focus-visible:-outline-offset-3 focus-visible:outline-brand";

/** Amount, when, wallet and cashier: the line a manager recognises a payment by. */
function PaymentHeadline({ payment }: { payment: PaymentView }) {
  const t = useT();
  const format = useFormatters();
  return (
    <span className="flex flex-wrap items-baseline justify-between gap-x-4">
      <span className="text-xl font-semibold tabular-nums">{format.money(payment.amount, payment.currency)}</span>
      <span className="text-sm text-ink-muted">
        {format.dateTime(payment.createdAt)} · {t(WALLET_LABEL[payment.wallet])} · {payment.createdBy}
      </span>
    </span>
  );
}

function OrderNo({ payment }: { payment: PaymentView }) {
  const t = useT();
  return (
    <span className="block font-mono text-sm break-all text-ink-muted">
      {t("payments.fieldOutTradeNo")}: {payment.outTradeNo}
    </span>
  );
}

/** What puts this payment on the list, in plain words, with QFPay's or our English reason as detail. */
function WhyListed({ payment }: { payment: PaymentView }) {
  const t = useT();
  const format = useFormatters();
  if (payment.status === "needs_attention") {
    const kind = payment.attentionKind ?? "unsettled";
    return (
      <>
        <span data-testid="attention-kind" data-kind={kind} className="block font-semibold text-failed">
          {t(ATTENTION_KIND_TEXT[kind])}
        </span>
        {payment.attentionReason && (
          <span data-testid="attention-reason" className="block text-sm break-words text-ink-muted">
            {t("payments.attentionDetail", { reason: payment.attentionReason })}
          </span>
        )}
      </>
    );
  }
  const refund = openRefundOf(payment);
  if (!refund) return null;
  const amount = format.money(refund.amount, refund.currency);
  const attention = refund.status === "needs_attention";
  return (
    <span
      data-testid="attention-refund"
      data-status={refund.status}
      className={`block font-semibold ${attention ? "text-failed" : "text-pending"}`}
    >
      {t(attention ? "refunds.listAttention" : "refunds.listPending", { amount })}
    </span>
  );
}

/** A payment to check or wait for: tap for its page. */
function AttentionRow({ payment }: { payment: PaymentView }) {
  return (
    <li
      data-testid="attention-row"
      data-out-trade-no={payment.outTradeNo}
      data-kind={payment.attentionKind ?? "refund"}
      data-status={payment.status}
    >
      <Link
        href={`/payments/${encodeURIComponent(payment.outTradeNo)}`}
        className={`block min-h-touch space-y-1 px-4 py-3 hover:bg-failed-light/60 ${LINK_CLASSES}`}
      >
        <PaymentHeadline payment={payment} />
        <span className="flex flex-wrap gap-1">
          <StatusBadge status={payment.status} />
          <OpenRefundBadge payment={payment} />
        </span>
        <WhyListed payment={payment} />
        <OrderNo payment={payment} />
      </Link>
    </li>
  );
}

/** Charged after the cashier was told it failed: the facts, and refund or keep right here. */
function ChargedRow({ payment, onSend }: { payment: PaymentView; onSend: (payment: PaymentView) => void }) {
  const t = useT();
  return (
    <li
      data-testid="attention-row"
      data-out-trade-no={payment.outTradeNo}
      data-kind="charged_after_failure"
      data-status={payment.status}
      className="space-y-3 px-4 py-3"
    >
      <Link
        href={`/payments/${encodeURIComponent(payment.outTradeNo)}`}
        className={`block space-y-1 rounded-lg hover:bg-failed-light/60 ${LINK_CLASSES}`}
      >
        <PaymentHeadline payment={payment} />
        {payment.attentionReason && (
          <span data-testid="attention-reason" className="block text-sm break-words text-ink-muted">
            {t("payments.attentionDetail", { reason: payment.attentionReason })}
          </span>
        )}
        <OrderNo payment={payment} />
      </Link>
      <ChargedDecision payment={payment} showLink onSend={onSend} />
    </li>
  );
}

function Group({
  id,
  title,
  intro,
  tone,
  count,
  children,
}: {
  id: string;
  title: string;
  intro: string;
  tone: "failed" | "pending";
  count: number;
  children: ReactNode;
}) {
  return (
    <div
      data-testid={`attention-group-${id}`}
      data-count={count}
      className="border-t border-slate-200 first:border-t-0"
    >
      <h3
        id={`attention-group-${id}-title`}
        className={`px-4 pt-3 font-bold ${tone === "failed" ? "text-failed" : "text-pending"}`}
      >
        {title} <span className="tabular-nums">({count})</span>
      </h3>
      <p className="px-4 pb-1 text-sm">{intro}</p>
      <ul aria-labelledby={`attention-group-${id}-title`} className="divide-y divide-slate-200">
        {children}
      </ul>
    </div>
  );
}

/**
 * For managers: what needs them, most urgent first. Payments charged after the cashier was told
 * they failed (refund or keep, right here); then payments to check (outcome unproven, a record
 * that differs from QFPay's, a refund QFPay has not confirmed); then refunds still processing,
 * shown until QFPay confirms them. A row being decided stays on screen with how it ended.
 */
export function AttentionList() {
  const t = useT();
  const { data, isPending, isError } = useAttentionPayments(true);
  // Rows a decision was sent for: they leave the server's list once decided, but the outcome stays.
  const [pinned, setPinned] = useState<PaymentView[]>([]);
  const pin = useCallback((payment: PaymentView) => {
    setPinned((list) => (list.some((p) => p.outTradeNo === payment.outTradeNo) ? list : [...list, payment]));
  }, []);

  const groups = groupAttention(data ?? []);
  const charged = [
    ...groups.charged,
    ...pinned.filter((p) => !groups.charged.some((c) => c.outTradeNo === p.outTradeNo)),
  ];
  const count = (data ?? []).filter(needsManager).length;
  const shown = charged.length + groups.attention.length + groups.refunds.length;

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
      ) : shown === 0 ? (
        <p data-testid="attention-empty" className="px-4 py-3 text-ink-muted">
          {t("payments.attentionEmpty")}
        </p>
      ) : (
        <>
          {count === 0 && (
            <p data-testid="attention-empty" className="px-4 py-3 text-ink-muted">
              {t("payments.attentionEmpty")}
            </p>
          )}
          {charged.length > 0 && (
            <Group
              id="charged"
              title={t("payments.kindChargedAfterFailure")}
              intro={t("payments.chargedIntro")}
              tone="failed"
              count={groups.charged.length}
            >
              {charged.map((payment) => (
                <ChargedRow key={payment.outTradeNo} payment={payment} onSend={pin} />
              ))}
            </Group>
          )}
          {groups.attention.length > 0 && (
            <Group
              id="other"
              title={t("payments.otherAttentionTitle")}
              intro={t("payments.attentionIntroOther")}
              tone="failed"
              count={groups.attention.length}
            >
              {groups.attention.map((payment) => (
                <AttentionRow key={payment.outTradeNo} payment={payment} />
              ))}
            </Group>
          )}
          {groups.refunds.length > 0 && (
            <Group
              id="refunds"
              title={t("payments.refundsInProgressTitle")}
              intro={t("payments.refundsInProgressIntro")}
              tone="pending"
              count={groups.refunds.length}
            >
              {groups.refunds.map((payment) => (
                <AttentionRow key={payment.outTradeNo} payment={payment} />
              ))}
            </Group>
          )}
        </>
      )}
    </section>
  );
}
