/**
 * Server-render tests of what a cashier and a manager see for issue 8 (no DOM library in this
 * repo): "Checking with QFPay…" instead of "ask for another method" while QFPay's failure is
 * unconfirmed; the attention list with charged-after-failure first and its two actions; refunds
 * not final on the list row, the detail page and the top bar; the wallet's own reference.
 */
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { attentionGroup, groupAttention, needsManager } from "@/components/payments/attention-groups";
import { AttentionList } from "@/components/payments/attention-list";
import { PaymentDetail } from "@/components/payments/payment-detail";
import { PaymentListRow } from "@/components/payments/payment-list-row";
import { paymentKeys } from "@/lib/client/payment-keys";
import { PaymentStatusView } from "@/components/sale/payment-status-view";
import { PendingStatus } from "@/components/sale/pending-status";
import { NO_CANCEL } from "@/components/sale/sale-machine";
import { AttentionCount } from "@/components/shell/attention-count";
import { payments as paymentsText } from "@/lib/i18n/catalog/payments";
import { refunds as refundsText } from "@/lib/i18n/catalog/refunds";
import { saleSteps as saleText } from "@/lib/i18n/catalog/sale-steps";
import type { PaymentView, RefundView } from "@/lib/contract/payments";
import { renderMarkup } from "../../support/render-markup";
import { paymentViewFixture, refundViewFixture } from "../../support/payment-views";

const payment = (outTradeNo: string, extra: Partial<PaymentView> = {}): PaymentView =>
  paymentViewFixture({ outTradeNo, ...extra });

function refund(status: RefundView["status"], amount = 1000): RefundView {
  return refundViewFixture({
    outTradeNo: `RF${status}${amount}`,
    paymentOutTradeNo: "P",
    amount,
    status,
    respcd: null,
    syssn: null,
    createdBy: "manager",
    approvedBy: null,
  });
}

const charged = payment("CHARGED0001", {
  status: "needs_attention",
  attentionKind: "charged_after_failure",
  refundableAmount: 0,
  failureKind: null,
  attentionReason: "charged after we told the cashier it failed: QFPay reports it paid",
  createdAt: "2026-11-25T01:00:00.000Z",
});
const unsettled = payment("UNSETTLED01", {
  status: "needs_attention",
  attentionKind: "unsettled",
  refundableAmount: 0,
  attentionReason: "no row after the reversal",
});
const mismatch = payment("MISMATCH001", {
  status: "needs_attention",
  attentionKind: "mismatch",
  refundableAmount: 0,
  attentionReason: "QFPay's record is for 2600",
});
const refundUnknown = payment("REFUNDUNK01", {
  refunds: [refund("needs_attention", 2500)],
  refundableAmount: 0,
  openRefunds: 1,
});
const refundPending = payment("REFUNDPEN01", {
  refunds: [refund("succeeded", 500), refund("pending", 1000)],
  refundedAmount: 500,
  refundableAmount: 1000,
  status: "partially_refunded",
  openRefunds: 1,
});

const render = renderMarkup;

const pendingProps = {
  amount: "HK$25.00",
  seconds: 3,
  cancel: NO_CANCEL,
  cancelHandlers: { onAsk() {}, onKeep() {}, onConfirm() {} },
  onNewSale() {},
};

describe("sale screen while QFPay's failure is unconfirmed", () => {
  it("says 'Checking with QFPay…' and 'do not charge again', never 'ask for another method'", () => {
    const html = render(
      createElement(PendingStatus, {
        ...pendingProps,
        payment: payment("CHECK00001", { status: "pending", checking: true, respcd: "1297" }),
      }),
    );
    expect(html).toContain('data-phase="checking"');
    expect(html).toContain(saleText.en.checkingTitle);
    expect(html).toContain(saleText.en.checkingBody);
    expect(html).toContain(saleText.en.doNotChargeAgain);
    expect(html).not.toContain(saleText.en.pendingTitle);
    expect(html).not.toMatch(/another (wallet|way|method)/i);
    const zh = render(
      createElement(PendingStatus, {
        ...pendingProps,
        payment: payment("CHECK00001", { status: "pending", checking: true }),
      }),
      { locale: "zh-HK" },
    );
    expect(zh).toContain("正在向 QFPay 查詢…");
  });

  it("keeps 'waiting for the customer' when QFPay said the customer is confirming", () => {
    const html = render(
      createElement(PendingStatus, {
        ...pendingProps,
        payment: payment("WAIT000001", { status: "pending", checking: false, respcd: "1143" }),
      }),
    );
    expect(html).not.toContain('data-phase="checking"');
    expect(html).toContain(saleText.en.pendingTitle);
    expect(html).toContain(saleText.en.pendingBody);
  });

  it("ends on the Paid screen when the payment checked after a failure code turns out paid", () => {
    const attempt = {
      outTradeNo: "CHECK00001",
      scannedAt: Date.now(),
      authCodeLast4: "6789",
      source: "manual" as const,
    };
    const html = render(
      createElement(PaymentStatusView, {
        state: { step: "status", amount: 2500, attempt, confirmed: true, cancel: NO_CANCEL },
        currency: "HKD",
        outboxItem: undefined,
        payment: payment("CHECK00001", { status: "paid", respcd: "0000", checking: false }),
        paymentError: null,
        canResend: false,
        onResend() {},
        onRescan() {},
        onNewSale() {},
        cancelHandlers: pendingProps.cancelHandlers,
      }),
    );
    expect(html).toContain('data-testid="payment-status" data-status="paid"');
    expect(html).toContain(saleText.en.paidTitle);
  });
});

describe("attention groups", () => {
  it("charged first; attention (payment or unconfirmed refund) counted; refunds processing shown, not counted", () => {
    expect(
      [charged, unsettled, mismatch, refundUnknown, refundPending, payment("PLAIN00001")].map(attentionGroup),
    ).toEqual(["charged", "attention", "attention", "attention", "refund_in_progress", null]);
    expect([charged, refundUnknown, refundPending].map(needsManager)).toEqual([true, true, false]);
    const groups = groupAttention([unsettled, charged, refundPending, refundUnknown]);
    expect(groups.charged).toEqual([charged]);
    expect(groups.attention).toEqual([unsettled, refundUnknown]);
    expect(groups.refunds).toEqual([refundPending]);
  });
});

describe("manager's attention list", () => {
  const cache: Array<[readonly unknown[], unknown]> = [
    [paymentKeys.attention(), [charged, unsettled, mismatch, refundUnknown, refundPending]],
  ];

  it("puts 'Charged after we told the cashier it failed' first, with refund and keep", () => {
    const html = render(createElement(AttentionList), { cache });
    expect(html).toContain('data-testid="attention-list" data-count="4"');
    const first = html.indexOf('data-testid="attention-group-charged"');
    expect(first).toBeGreaterThan(-1);
    expect(first).toBeLessThan(html.indexOf('data-testid="attention-group-other"'));
    expect(html.indexOf('data-testid="attention-group-other"')).toBeLessThan(
      html.indexOf('data-testid="attention-group-refunds"'),
    );
    expect(html).toContain(paymentsText.en.kindChargedAfterFailure);
    expect(html).toContain('data-testid="charged-refund-button"');
    expect(html).toContain(paymentsText.en.chargedRefund);
    expect(html).toContain(paymentsText.en.chargedKeep);
    expect(html.match(/data-testid="charged-actions"/g)).toHaveLength(1);
  });

  it("says each kind in plain words, with the reason as detail, and open refunds", () => {
    const html = render(createElement(AttentionList), { cache });
    expect(html).toContain(paymentsText.en.kindUnsettled);
    expect(html).toContain(paymentsText.en.kindMismatch);
    expect(html).toContain("Details: QFPay's record is for 2600");
    expect(html).toContain("Refund of HK$25.00 not confirmed by QFPay");
    expect(html).toContain("Refund of HK$10.00 processing at QFPay");
    const zh = render(createElement(AttentionList), { cache, locale: "zh-HK" });
    expect(zh).toContain(paymentsText["zh-HK"].kindChargedAfterFailure);
    expect(zh).toContain(paymentsText["zh-HK"].chargedRefund);
    expect(zh).toContain(refundsText["zh-HK"].badgeAttention);
  });

  it("with only a refund processing: nothing needs attention, but the refund is shown", () => {
    const html = render(createElement(AttentionList), { cache: [[paymentKeys.attention(), [refundPending]]] });
    expect(html).toContain('data-count="0"');
    expect(html).toContain('data-testid="attention-empty"');
    expect(html).toContain('data-testid="attention-group-refunds"');
  });

  it("top bar: counts payments and unconfirmed refunds; else shows refunds processing", () => {
    expect(render(createElement(AttentionCount), { cache })).toContain('data-testid="attention-count" data-count="4"');
    const onlyPending = render(createElement(AttentionCount), { cache: [[paymentKeys.attention(), [refundPending]]] });
    expect(onlyPending).toContain('data-testid="refunds-in-progress-count" data-count="1"');
    expect(render(createElement(AttentionCount), { cache: [[paymentKeys.attention(), []]] })).toBe("");
  });
});

describe("refunds not final stay visible", () => {
  it("the list row says 'Refund pending' / 'Refund needs attention' beside Paid", () => {
    const row = (p: PaymentView) =>
      render(createElement("ul", null, createElement(PaymentListRow, { payment: p, showDate: false })));
    expect(row(refundPending)).toContain(refundsText.en.badgePending);
    expect(row(refundUnknown)).toContain(refundsText.en.badgeAttention);
    expect(row(payment("PLAIN00001"))).not.toContain('data-testid="open-refund-badge"');
  });

  it("the detail page keeps the refund panel and explains a refund whose outcome is unknown", () => {
    const html = render(createElement(PaymentDetail, { outTradeNo: refundUnknown.outTradeNo, canDecide: true }), {
      cache: [[paymentKeys.detail(refundUnknown.outTradeNo), refundUnknown]],
    });
    expect(html).toContain('data-testid="refund-panel"');
    expect(html).toContain('data-testid="refund-in-progress" data-status="needs_attention"');
    expect(html).toContain(refundsText.en.openAttentionTitle);
    expect(html).toContain('data-testid="refund-row-open"');
    expect(html).not.toContain('data-testid="refund-full-button"');
    expect(html).not.toContain(refundsText.en.nothingLeft);
  });
});

describe("payment detail", () => {
  it("shows the wallet's own reference, when the wallet completed it, and the pay type QFPay used", () => {
    const p = payment("WALLETREF01", {
      walletReference: "4200001234202611261234567890",
      paidAt: "2026-11-26 10:15:30",
      qfpayPayType: "800208",
    });
    const html = render(createElement(PaymentDetail, { outTradeNo: p.outTradeNo }), {
      cache: [[paymentKeys.detail(p.outTradeNo), p]],
    });
    expect(html).toContain(paymentsText.en.fieldWalletReference);
    expect(html).toContain("4200001234202611261234567890");
    expect(html).toContain("2026-11-26 10:15:30");
    expect(html).toContain("800208 (we sent 800008)");
    const same = render(createElement(PaymentDetail, { outTradeNo: "SAMEPT0001" }), {
      cache: [[paymentKeys.detail("SAMEPT0001"), payment("SAMEPT0001", { qfpayPayType: "800008" })]],
    });
    expect(same).not.toContain('data-testid="qfpay-pay-type"');
  });

  it("offers refund/keep to a manager on a charged-after-failure payment, and only words to a cashier", () => {
    const cache: Array<[readonly unknown[], unknown]> = [[paymentKeys.detail(charged.outTradeNo), charged]];
    const manager = render(createElement(PaymentDetail, { outTradeNo: charged.outTradeNo, canDecide: true }), {
      cache,
    });
    expect(manager).toContain('data-testid="attention-help" data-kind="charged_after_failure"');
    expect(manager).toContain('data-testid="charged-refund-button"');
    expect(manager).toContain('data-testid="charged-keep-button"');
    const cashier = render(createElement(PaymentDetail, { outTradeNo: charged.outTradeNo, canDecide: false }), {
      cache,
    });
    expect(cashier).toContain(paymentsText.en.chargedAskManager);
    expect(cashier).not.toContain('data-testid="charged-actions"');
  });
});
