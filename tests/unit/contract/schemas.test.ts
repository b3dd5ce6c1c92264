/**
 * The browser/server contract (issue 11, lib/contract/): what an answer from a server of another
 * build reads as, what is refused, and that the browser's and the server's types are one type.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { authorizeAction } from "@/lib/auth/approval";
import type { StaffUser } from "@/lib/auth/roles";
import type { addStaff, listStaff } from "@/lib/auth/staff-admin";
import type { fetchAuditPage } from "@/lib/client/audit-api";
import type { fetchPayment, postAttentionAction, postPayment, postRefund } from "@/lib/client/payments-api";
import type { fetchLatestAuto } from "@/lib/client/reconcile-api";
import type { fetchStaff, postStaff } from "@/lib/client/staff-api";
import type { fetchTillSession, fetchTillStaff } from "@/lib/client/till-api";
import { apiErrorBody } from "@/lib/contract/error-body";
import { attentionAnswer } from "@/lib/contract/attention";
import { paymentList, paymentView } from "@/lib/contract/payments";
import type { TillSession, TillStaff } from "@/lib/contract/till";
import type { listAuditEvents } from "@/lib/audit/query";
import type { applyAttentionAction } from "@/lib/payments/attention-actions";
import type { createPayment } from "@/lib/payments/create-payment";
import type { createRefund } from "@/lib/payments/create-refund";
import type { getPayment } from "@/lib/payments/get-payment";
import type { getLatestReconciliation } from "@/lib/reconcile/latest";
import { firstReleasePayment, paymentViewFixture, refundViewFixture } from "../../support/payment-views";

const refund = refundViewFixture({ outTradeNo: "RFKEY0000001", paymentOutTradeNo: "ST2026112600000000AAAAAAAAAA" });

/** A payment with every field today's server sends, the optional ones set. */
const payment = paymentViewFixture({
  outTradeNo: "ST2026112600000000AAAAAAAAAA",
  status: "partially_refunded",
  wallet: "alipay",
  message: "交易成功",
  refundedAmount: 500,
  refundableAmount: 2000,
  refunds: [refund],
  walletReference: "4200001234",
  paidAt: "2026-11-26 10:15:31",
  qfpayPayType: "800108",
  sentBy: "manager",
});

const firstRelease = firstReleasePayment({ status: "needs_attention" });

describe("a payment as the browser reads it", () => {
  it("reads what today's server sends as it is", () => {
    expect(paymentView.parse(payment)).toEqual(payment);
  });

  it("gives a payment from an older server the defaults of what it left out", () => {
    expect(paymentView.parse(firstRelease)).toEqual({
      ...firstRelease,
      // A server from before refunds could refund nothing.
      refundableAmount: 0,
      refunds: [],
      cancelRequested: false,
      attentionReason: null,
      // A server from before the kinds only had one kind of attention.
      attentionKind: "unsettled",
      checking: false,
      walletReference: null,
      paidAt: null,
      qfpayPayType: null,
      openRefunds: 0,
      sentBy: null,
    });
  });

  it("reads empty texts as none, and a kind only on a payment that needs attention", () => {
    const read = paymentView.parse({
      ...payment,
      status: "paid",
      attentionKind: "mismatch",
      walletReference: "",
      paidAt: "",
      sentBy: "",
      qfpayPayType: "",
    });
    expect(read).toMatchObject({ attentionKind: null, walletReference: null, paidAt: null, sentBy: null });
    expect(read.qfpayPayType).toBeNull();
  });

  it("keeps a payment whose display-only values this build has no words for", () => {
    const read = paymentView.parse({ ...payment, wallet: "octopus", failureKind: "gone_fishing" });
    expect(read.wallet).toBe("unknown");
    expect(read.failureKind).toBeNull();
  });

  it("keeps the refunds it can read, and gives a refund from before issue 9 no approver", () => {
    const { approvedBy: _approvedBy, ...olderRefund } = refund;
    const read = paymentView.parse({ ...payment, refunds: [olderRefund, { outTradeNo: 42 }, "nonsense"] });
    expect(read.refunds).toEqual([{ ...refund, approvedBy: null }]);
  });

  it("refuses a body that is not a payment", () => {
    for (const body of [
      null,
      "paid",
      [],
      { ...payment, outTradeNo: undefined },
      { ...payment, status: "maybe" },
      { ...payment, amount: "2500" },
      { ...payment, currency: null },
      { ...payment, createdAt: undefined },
    ]) {
      expect(paymentView.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });

  it("leaves a payment it cannot read out of a list, but refuses a body without a list", () => {
    const read = paymentList.parse({ payments: [payment, { ...payment, status: "maybe" }, firstRelease] });
    expect(read.payments.map((p) => p.outTradeNo)).toEqual([payment.outTradeNo, firstRelease.outTradeNo]);
    expect(paymentList.safeParse({ payments: "none" }).success).toBe(false);
    expect(paymentList.safeParse({}).success).toBe(false);
  });
});

describe("other answers", () => {
  it("a manager's decision: a refund it cannot read is none, a payment it cannot read refuses the answer", () => {
    expect(attentionAnswer.parse({ created: true, payment, refund: { nonsense: true } }).refund).toBeNull();
    expect(attentionAnswer.parse({ created: false, payment }).refund).toBeNull();
    expect(attentionAnswer.safeParse({ created: true, payment: { outTradeNo: "X" }, refund }).success).toBe(false);
  });

  it("a refusal keeps its code and message, and drops a reason or facts it cannot read", () => {
    expect(apiErrorBody.parse({ error: { code: "conflict", message: "m", reason: 7, params: "x" } })).toEqual({
      error: { code: "conflict", message: "m" },
    });
    expect(apiErrorBody.safeParse({ error: { code: "conflict" } }).success).toBe(false);
    expect(apiErrorBody.safeParse("<html>502 Bad Gateway</html>").success).toBe(false);
  });
});

describe("one type on both sides", () => {
  it("the browser sends what the server's ledger takes", () => {
    expectTypeOf<Parameters<typeof postPayment>[0]>().toEqualTypeOf<Parameters<typeof createPayment>[0]>();
    expectTypeOf<Parameters<typeof postRefund>[1]>().toEqualTypeOf<Parameters<typeof createRefund>[1]>();
    expectTypeOf<Parameters<typeof postAttentionAction>[1]>().toEqualTypeOf<
      Parameters<typeof applyAttentionAction>[1]
    >();
    expectTypeOf<NonNullable<Parameters<typeof postRefund>[2]>["approval"]>().toEqualTypeOf<
      Parameters<typeof authorizeAction>[0]["approval"]
    >();
    expectTypeOf<Parameters<typeof postStaff>[0]>().toEqualTypeOf<Parameters<typeof addStaff>[2]>();
  });

  it("the browser reads what the server builds", () => {
    expectTypeOf<ReturnType<typeof fetchPayment>>().resolves.toEqualTypeOf<Awaited<ReturnType<typeof getPayment>>>();
    expectTypeOf<ReturnType<typeof fetchStaff>>().resolves.toEqualTypeOf<Awaited<ReturnType<typeof listStaff>>>();
    expectTypeOf<ReturnType<typeof fetchAuditPage>>().resolves.toEqualTypeOf<
      Awaited<ReturnType<typeof listAuditEvents>>
    >();
    expectTypeOf<ReturnType<typeof fetchLatestAuto>>().resolves.toEqualTypeOf<
      Awaited<ReturnType<typeof getLatestReconciliation>>
    >();
    expectTypeOf<
      Extract<Awaited<ReturnType<typeof postAttentionAction>>, { kind: "answered" }>["payment"]
    >().toEqualTypeOf<Awaited<ReturnType<typeof applyAttentionAction>>["payment"]>();
    expectTypeOf<
      Extract<Awaited<ReturnType<typeof fetchTillSession>>, { kind: "active" }>["session"]
    >().toEqualTypeOf<TillSession>();
    expectTypeOf<ReturnType<typeof fetchTillStaff>>().resolves.toEqualTypeOf<TillStaff[] | null>();
    expectTypeOf<TillSession["staff"]>().toEqualTypeOf<StaffUser>();
  });
});
