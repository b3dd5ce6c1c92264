/**
 * A payment as `GET /api/payments/{outTradeNo}` shows it (lib/contract/payments.ts): a paid HK$25.00
 * WeChat payment by the cashier, nothing refunded. Specs of the screens and the outbox override what
 * they are about.
 */
import type { PaymentView } from "@/lib/contract/payments";

export const PAYMENT_VIEW_AT = "2026-11-26T02:15:30.000Z";

export function paymentView(extra: Partial<PaymentView> = {}): PaymentView {
  return {
    outTradeNo: "ST20261126101530ABCDEFGHIJ",
    status: "paid",
    amount: 2500,
    currency: "HKD",
    payType: "800008",
    wallet: "wechat",
    authCodeLast4: "6789",
    syssn: "20261126000100020001",
    respcd: "0000",
    message: null,
    failureKind: null,
    refundedAmount: 0,
    refundableAmount: 2500,
    refunds: [],
    cancelRequested: false,
    attentionReason: null,
    attentionKind: null,
    checking: false,
    walletReference: null,
    paidAt: null,
    qfpayPayType: null,
    openRefunds: 0,
    createdBy: "cashier",
    sentBy: null,
    createdAt: PAYMENT_VIEW_AT,
    updatedAt: PAYMENT_VIEW_AT,
    ...extra,
  };
}
