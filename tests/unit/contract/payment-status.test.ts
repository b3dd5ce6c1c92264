/**
 * The status predicates both sides share (lib/contract/payment-status.ts), each against every status:
 * the truth tables below are the specification, written out rather than computed.
 */
import { describe, expect, it } from "vitest";
import {
  endedUnpaid,
  hasOpenRefund,
  holdsMoney,
  isChargedAfterFailure,
  isFinal,
  isOpen,
  isPaymentOrRefundOpen,
  isRefundOpen,
} from "@/lib/contract/payment-status";
import {
  ATTENTION_KINDS,
  PAYMENT_STATUSES,
  REFUND_STATUSES,
  type PaymentStatus,
  type RefundStatus,
} from "@/lib/contract/payments";
import type { QfpayRecordStatus } from "@/lib/contract/reconcile";

type PaymentPredicates = { isFinal: boolean; isOpen: boolean; holdsMoney: boolean; endedUnpaid: boolean };

// prettier-ignore
const PAYMENT_TABLE: Record<PaymentStatus, PaymentPredicates> = {
  pending:            { isFinal: false, isOpen: true,  holdsMoney: false, endedUnpaid: false },
  paid:               { isFinal: true,  isOpen: false, holdsMoney: true,  endedUnpaid: false },
  failed:             { isFinal: true,  isOpen: false, holdsMoney: false, endedUnpaid: true  },
  cancelled:          { isFinal: true,  isOpen: false, holdsMoney: false, endedUnpaid: true  },
  refunded:           { isFinal: true,  isOpen: false, holdsMoney: false, endedUnpaid: false },
  partially_refunded: { isFinal: true,  isOpen: false, holdsMoney: true,  endedUnpaid: false },
  needs_attention:    { isFinal: true,  isOpen: true,  holdsMoney: false, endedUnpaid: false },
};

const REFUND_OPEN: Record<RefundStatus, boolean> = {
  pending: true,
  succeeded: false,
  failed: false,
  needs_attention: true,
};

/** QFPay's record in one word: only paid and partly refunded records keep the customer's money. */
const QFPAY_RECORD_HOLDS_MONEY: Record<QfpayRecordStatus, boolean> = {
  paid: true,
  partially_refunded: true,
  refunded: false,
  reversed: false,
  cancelled: false,
  failed: false,
  pending: false,
  succeeded: false,
};

/** A payment as the refund questions read it: its status and its refunds' statuses. */
const payment = (status: PaymentStatus, refunds: RefundStatus[] = []) => ({
  status,
  refunds: refunds.map((refundStatus) => ({ status: refundStatus })),
});

describe("payment status predicates", () => {
  it("have a row for every status", () => {
    expect(Object.keys(PAYMENT_TABLE).sort()).toEqual([...PAYMENT_STATUSES].sort());
  });

  it.each(PAYMENT_STATUSES)("%s", (status) => {
    expect({
      isFinal: isFinal(status),
      isOpen: isOpen(status),
      holdsMoney: holdsMoney(status),
      endedUnpaid: endedUnpaid(status),
    }).toEqual(PAYMENT_TABLE[status]);
  });

  it("asks of QFPay's record whether it holds money with the same names", () => {
    for (const [status, holds] of Object.entries(QFPAY_RECORD_HOLDS_MONEY)) expect(holdsMoney(status)).toBe(holds);
  });

  it("calls a payment charged after failure only when it waits for that decision", () => {
    const yes: string[] = [];
    for (const status of PAYMENT_STATUSES)
      for (const kind of [null, ...ATTENTION_KINDS])
        if (isChargedAfterFailure(status, kind)) yes.push(`${status}/${kind}`);
    expect(yes).toEqual(["needs_attention/charged_after_failure"]);
  });
});

describe("refund status predicates", () => {
  it("have a row for every status", () => {
    expect(Object.keys(REFUND_OPEN).sort()).toEqual([...REFUND_STATUSES].sort());
  });

  it.each(REFUND_STATUSES)("%s", (status) => {
    expect(isRefundOpen(status)).toBe(REFUND_OPEN[status]);
  });

  it("finds an open refund among a payment's refunds", () => {
    expect(hasOpenRefund(undefined)).toBe(false);
    expect(hasOpenRefund(payment("paid"))).toBe(false);
    expect(hasOpenRefund(payment("partially_refunded", ["succeeded", "failed"]))).toBe(false);
    expect(hasOpenRefund(payment("paid", ["succeeded", "pending"]))).toBe(true);
    expect(hasOpenRefund(payment("paid", ["needs_attention"]))).toBe(true);
  });

  it("keeps a list refreshing while the payment or any of its refunds is open", () => {
    expect(isPaymentOrRefundOpen(payment("pending"))).toBe(true);
    expect(isPaymentOrRefundOpen(payment("needs_attention"))).toBe(true);
    expect(isPaymentOrRefundOpen(payment("paid", ["pending"]))).toBe(true);
    expect(isPaymentOrRefundOpen(payment("partially_refunded", ["needs_attention"]))).toBe(true);
    expect(isPaymentOrRefundOpen(payment("paid", ["succeeded", "failed"]))).toBe(false);
    expect(isPaymentOrRefundOpen(payment("refunded", ["succeeded"]))).toBe(false);
    expect(isPaymentOrRefundOpen(payment("failed"))).toBe(false);
  });
});
