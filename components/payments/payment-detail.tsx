"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { buttonClasses } from "@/components/ui/button";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { useFormatters } from "@/components/ui/use-formatters";
import type { PaymentStatus, PaymentView } from "@/lib/contract/payments";
import { isChargedAfterFailure } from "@/lib/contract/payment-status";
import { ApiError } from "@/lib/client/api-error";
import { AttentionHelp } from "./attention-help";
import { ChargedDecision } from "./charged-decision";
import { FailureMessage } from "./failure-message";
import { OpenRefundBadge } from "./open-refund-badge";
import { WALLET_LABEL } from "./payment-labels";
import { RefundHistory } from "./refund-history";
import { RefundPanel } from "./refund-panel";
import { StatusBadge } from "./status-badge";
import { usePayment } from "./use-payment";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/payments";

function Field({
  label,
  children,
  mono = false,
  testId,
}: {
  label: string;
  children: ReactNode;
  mono?: boolean;
  testId?: string;
}) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-4 px-4 py-3 max-sm:grid-cols-1 max-sm:gap-1">
      <dt className="text-ink-muted">{label}</dt>
      <dd data-testid={testId} className={mono ? "font-mono text-sm break-all" : "break-words"}>
        {children}
      </dd>
    </div>
  );
}

/** Statuses where what is left to refund means something. */
const REFUNDABLE_KIND: ReadonlySet<PaymentStatus> = new Set(["paid", "partially_refunded", "refunded"]);

/**
 * Everything known about one payment; polls while it is still open (or a refund of it is). Everyone
 * gets the refund panel: managers and owners (`canDecide`) refund alone, anyone else with a
 * manager's approval on this till (issue 9). Only managers and owners get the refund/keep choice on
 * a payment charged after the cashier was told it failed. Everyone sees the refunds made, final or not.
 */
export function PaymentDetail({ outTradeNo, canDecide = false }: { outTradeNo: string; canDecide?: boolean }) {
  const t = useT();
  const format = useFormatters();
  const { data: payment, error, isPending } = usePayment(outTradeNo);

  const back = (
    <Link href="/payments" className={buttonClasses("ghost", "md", "-ml-2")}>
      <ArrowLeftIcon className="size-5" /> {t("payments.backToList")}
    </Link>
  );

  if (!payment) {
    return (
      <div className="space-y-4">
        {back}
        {isPending ? (
          <p role="status" className="flex items-center gap-3 text-ink-muted">
            <Spinner /> {t("common.loading")}
          </p>
        ) : (
          <p role="alert" className="rounded-2xl bg-failed-light p-4 font-semibold text-failed">
            {error instanceof ApiError && error.status === 404 ? t("payments.notFound") : t("payments.loadError")}
          </p>
        )}
      </div>
    );
  }

  const none = t("common.none");
  return (
    <div className="space-y-4">
      {back}
      <section
        data-testid="payment-detail"
        data-status={payment.status}
        aria-labelledby="payment-detail-title"
        className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200"
      >
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 p-4">
          <div>
            <h1 id="payment-detail-title" className="text-sm font-semibold text-ink-muted">
              {t("payments.detailTitle")}
            </h1>
            <p className="text-3xl font-bold tabular-nums">{format.money(payment.amount, payment.currency)}</p>
          </div>
          <div aria-live="polite" className="flex flex-wrap justify-end gap-1">
            <StatusBadge status={payment.status} className="text-base" />
            <OpenRefundBadge payment={payment} />
          </div>
        </header>
        {payment.status === "failed" && (
          <FailureMessage
            kind={payment.failureKind}
            className="border-b border-slate-200 bg-failed-light p-4 font-semibold text-failed"
          />
        )}
        <AttentionHelp payment={payment} canDecide={canDecide} />
        <dl className="divide-y divide-slate-100">
          <Field label={t("payments.fieldWallet")}>{t(WALLET_LABEL[payment.wallet])}</Field>
          <Field label={t("payments.fieldCode")} mono>
            {payment.authCodeLast4 ? `…${payment.authCodeLast4}` : none}
          </Field>
          {payment.walletReference && (
            <Field label={t("payments.fieldWalletReference")} testId="wallet-reference">
              <span className="block font-mono text-lg font-semibold tracking-wide break-all">
                {payment.walletReference}
              </span>
              <span className="block text-sm text-ink-muted">{t("payments.walletReferenceHint")}</span>
            </Field>
          )}
          {payment.paidAt && (
            <Field label={t("payments.fieldPaidAt")} testId="paid-at">
              <span className="tabular-nums">{payment.paidAt}</span>
            </Field>
          )}
          <Field label={t("payments.fieldSyssn")} mono>
            {payment.syssn ?? none}
          </Field>
          {payment.qfpayPayType && payment.qfpayPayType !== payment.payType && (
            <Field label={t("payments.fieldQfpayPayType")} mono testId="qfpay-pay-type">
              {t("payments.qfpayPayTypeValue", { resolved: payment.qfpayPayType, sent: payment.payType })}
            </Field>
          )}
          <Field label={t("payments.fieldOutTradeNo")} mono>
            {payment.outTradeNo}
          </Field>
          <Field label={t("payments.fieldCashier")} testId="payment-created-by">
            {payment.createdBy}
          </Field>
          {payment.sentBy && (
            <Field label={t("payments.fieldSentBy")} testId="payment-sent-by">
              {payment.sentBy}
            </Field>
          )}
          <Field label={t("payments.fieldCreated")}>{format.dateTime(payment.createdAt)}</Field>
          <Field label={t("payments.fieldUpdated")}>{format.dateTime(payment.updatedAt)}</Field>
          {payment.refundedAmount > 0 && (
            <Field label={t("payments.fieldRefunded")}>{format.money(payment.refundedAmount, payment.currency)}</Field>
          )}
          {REFUNDABLE_KIND.has(payment.status) && (
            <Field label={t("payments.fieldRefundable")}>
              <span data-testid="refundable-amount" data-amount={payment.refundableAmount} className="tabular-nums">
                {format.money(payment.refundableAmount, payment.currency)}
              </span>
            </Field>
          )}
          {payment.cancelRequested && (
            <Field label={t("payments.fieldCancelRequested")}>{t("payments.cancelRequestedYes")}</Field>
          )}
          <Field label={t("payments.fieldRespcd")} mono>
            {payment.respcd ?? none}
          </Field>
          <Field label={t("payments.fieldMessage")}>{payment.message ?? none}</Field>
        </dl>
      </section>
      {canDecide && <ChargedDecisionSlot payment={payment} />}
      <RefundPanelSlot payment={payment} needsApproval={!canDecide} />
      {payment.refunds.length > 0 && <RefundHistory refunds={payment.refunds} />}
    </div>
  );
}

/**
 * The refund panel while there is something to refund or a refund is not final yet (it explains
 * that one is in progress, so an open refund never leaves the page empty-handed). Once opened it
 * stays for the rest of the visit, so the outcome of the last refund stays on screen after the
 * payment is fully refunded.
 */
function RefundPanelSlot({ payment, needsApproval }: { payment: PaymentView; needsApproval: boolean }) {
  const wanted = payment.refundableAmount > 0 || payment.openRefunds > 0;
  const [opened, setOpened] = useState(wanted);
  if (!opened && wanted) setOpened(true);
  return opened ? <RefundPanel payment={payment} needsApproval={needsApproval} /> : null;
}

/** Refund or keep, while the payment waits for that decision, and then how it ended, for the rest of the visit. */
function ChargedDecisionSlot({ payment }: { payment: PaymentView }) {
  const t = useT();
  const wanted = isChargedAfterFailure(payment.status, payment.attentionKind);
  const [opened, setOpened] = useState(wanted);
  if (!opened && wanted) setOpened(true);
  if (!opened) return null;
  return (
    <section
      aria-labelledby="charged-decision-title"
      data-testid="charged-decision"
      className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-failed"
    >
      <h2 id="charged-decision-title" className="text-lg font-bold">
        {t("payments.kindChargedAfterFailure")}
      </h2>
      <ChargedDecision payment={payment} />
    </section>
  );
}
