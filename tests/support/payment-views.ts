/**
 * A payment and a refund as today's server sends them (every field of the contract's PaymentView
 * and RefundView, lib/contract/payments.ts), for tests that render or parse them. Override what the
 * test is about.
 */
import type { PaymentView, RefundView } from "@/lib/contract/payments";

const FIXTURE_AT = "2026-11-26T02:15:30.000Z";

export function paymentViewFixture(extra: Partial<PaymentView> = {}): PaymentView {
  return {
    outTradeNo: "APPROVE0001",
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
    createdAt: FIXTURE_AT,
    updatedAt: FIXTURE_AT,
    ...extra,
  };
}

export function refundViewFixture(extra: Partial<RefundView> = {}): RefundView {
  return {
    outTradeNo: "RFAPPROVED1",
    paymentOutTradeNo: "APPROVE0001",
    amount: 1250,
    currency: "HKD",
    status: "succeeded",
    respcd: "0000",
    message: null,
    failureReason: null,
    syssn: "20261126000100020002",
    createdBy: "cashier",
    approvedBy: "manager",
    createdAt: FIXTURE_AT,
    updatedAt: FIXTURE_AT,
    ...extra,
  };
}

/** Exactly the fields the first release's server sent for a payment (before refunds and issues 8–9). */
export function firstReleasePayment(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    outTradeNo: "ST2026010100000000BBBBBBBBBB",
    status: "paid",
    amount: 1250,
    currency: "HKD",
    payType: "800008",
    wallet: "wechat",
    authCodeLast4: "4321",
    syssn: null,
    respcd: null,
    message: null,
    failureKind: null,
    refundedAmount: 0,
    createdBy: "cashier",
    createdAt: FIXTURE_AT,
    updatedAt: FIXTURE_AT,
    ...extra,
  };
}
