/**
 * Server-render checks of what issue 9's manager approval puts on screen (no DOM library in this
 * repo): the dialog's fields, a cashier's refund panel, and who approved a refund in the history.
 */
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { ApprovalDialog } from "@/components/approval/approval-dialog";
import { PaymentDetail } from "@/components/payments/payment-detail";
import { paymentKeys } from "@/lib/client/payment-keys";
import { approval as approvalText } from "@/lib/i18n/catalog/approval";
import { refunds as refundsText } from "@/lib/i18n/catalog/refunds";
import { renderMarkup } from "../../support/render-markup";
import { paymentViewFixture, refundViewFixture } from "../../support/payment-views";

const payment = paymentViewFixture;

const render = renderMarkup;

const dialogProps = {
  summary: "Refund HK$12.50 of the HK$25.00 payment (code ending 6789)",
  busy: false,
  refused: false,
  onApprove() {},
  onCancel() {},
};

describe("the approval dialog", () => {
  it("is a labelled dialog with the action, a username and a masked numeric PIN of up to 6 digits", () => {
    const html = render(createElement(ApprovalDialog, dialogProps));
    expect(html).toMatch(/<dialog[^>]*aria-labelledby="[^"]+-title"/);
    expect(html).toContain(approvalText.en.title);
    expect(html).toContain(dialogProps.summary);
    expect(html).toMatch(/data-testid="approval-username"[^>]*autoComplete="off"/);
    expect(html).toMatch(
      /data-testid="approval-pin"[^>]*type="password"[^>]*inputMode="numeric"[^>]*autoComplete="off"[^>]*maxLength="6"/,
    );
    expect(html).toContain(approvalText.en.usePassword);
    expect(html).not.toContain('data-testid="approval-refused"');
  });

  it("says a refusal in words, and is busy (nothing to change or cancel) while the request runs", () => {
    expect(render(createElement(ApprovalDialog, { ...dialogProps, refused: true }))).toContain(
      approvalText.en.refusedPin,
    );
    const busy = render(createElement(ApprovalDialog, { ...dialogProps, busy: true }));
    expect(busy).toContain(approvalText.en.checking);
    expect(busy).toMatch(/data-testid="approval-cancel"[^>]*disabled=""/);
    const zh = render(createElement(ApprovalDialog, { ...dialogProps, refused: true }), { locale: "zh-HK" });
    expect(zh).toContain(approvalText["zh-HK"].title);
    expect(zh).toContain(approvalText["zh-HK"].refusedPin);
  });
});

describe("the payment page", () => {
  it("gives a cashier the refund panel, saying a manager approves; the refund/keep choice stays a manager's", () => {
    const p = payment();
    const cashier = render(createElement(PaymentDetail, { outTradeNo: p.outTradeNo }), {
      cache: [[paymentKeys.detail(p.outTradeNo), p]],
    });
    expect(cashier).toContain('data-testid="refund-panel"');
    expect(cashier).toContain('data-needs-approval="true"');
    expect(cashier).toContain(refundsText.en.approvalHint);
    const manager = render(createElement(PaymentDetail, { outTradeNo: p.outTradeNo, canDecide: true }), {
      cache: [[paymentKeys.detail(p.outTradeNo), p]],
    });
    expect(manager).toContain('data-needs-approval="false"');
    expect(manager).not.toContain(refundsText.en.approvalHint);
  });

  it("names the manager who approved a refund in the history", () => {
    const refund = refundViewFixture();
    const p = payment({
      status: "partially_refunded",
      refundedAmount: 1250,
      refundableAmount: 1250,
      refunds: [refund],
    });
    const html = render(createElement(PaymentDetail, { outTradeNo: p.outTradeNo }), {
      cache: [[paymentKeys.detail(p.outTradeNo), p]],
    });
    expect(html).toContain('data-testid="refund-approved-by" data-username="manager"');
    expect(html).toContain("approved by manager");
    const plain = payment({
      status: "partially_refunded",
      refundedAmount: 1250,
      refundableAmount: 1250,
      refunds: [{ ...refund, approvedBy: null }],
    });
    expect(
      render(createElement(PaymentDetail, { outTradeNo: plain.outTradeNo }), {
        cache: [[paymentKeys.detail(plain.outTradeNo), plain]],
      }),
    ).not.toContain("refund-approved-by");
  });
});
