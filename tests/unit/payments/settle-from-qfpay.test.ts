/** What QFPay's record proves about a payment, as a ledger change (issue 8): pure rules. */
import { describe, expect, it } from "vitest";
import type { PaymentRow } from "@/lib/db/schema";
import { toEnquiryRow } from "@/lib/qfpay/enquiry";
import { matchPaymentRow } from "@/lib/qfpay/match";
import { changeFromMatch } from "@/lib/payments/settle-from-qfpay";

const base: PaymentRow = {
  out_trade_no: "A",
  amount: 1250,
  currency: "HKD",
  pay_type: "800008",
  wallet: "wechat",
  auth_code_hash: "h",
  auth_code_last4: "1234",
  status: "pending",
  failure_kind: null,
  respcd: null,
  message: null,
  syssn: null,
  refunded_amount: 0,
  created_by: "cashier",
  sent_by: null,
  sent_at: "2026-11-28T02:00:00.000Z",
  answered_at: null,
  next_check_at: null,
  check_count: 0,
  lease_until: null,
  lease_owner: null,
  resolve_phase: null,
  cancel_requested_at: null,
  cancel_attempts: 0,
  attention_reason: null,
  attention_kind: null,
  attention_at: null,
  chnlsn: null,
  sysdtm: null,
  paydtm: null,
  cardcd: null,
  qfpay_pay_type: null,
  tentative_failure_kind: null,
  cancel_done_at: null,
  cancel_stopped_at: null,
  last_cancel_result: null,
  created_at: "2026-11-28T02:00:00.000Z",
  updated_at: "2026-11-28T02:00:00.000Z",
};
const payment = (over: Partial<PaymentRow>): PaymentRow => ({ ...base, ...over });
const qfpay = (fields: Record<string, unknown>) =>
  matchPaymentRow(
    [
      toEnquiryRow({
        out_trade_no: "A",
        syssn: "S1",
        order_type: "payment",
        txamt: "1250",
        txcurrcd: "HKD",
        respcd: "0000",
        cancel: "0",
        chnlsn: "4200001234",
        paydtm: "2026-11-28 10:00:03",
        pay_type: "800208",
        ...fields,
      })!,
    ],
    { outTradeNo: "A", syssn: null, amount: 1250, currency: "HKD" },
  );

describe("changeFromMatch", () => {
  it("pays a pending payment QFPay holds paid, keeping the wallet's reference", () => {
    expect(
      changeFromMatch(payment({ tentative_failure_kind: "other_method", respcd: "1296" }), qfpay({}), "resolver"),
    ).toMatchObject({
      to: "paid",
      fields: {
        syssn: "S1",
        chnlsn: "4200001234",
        paydtm: "2026-11-28 10:00:03",
        qfpay_pay_type: "800208",
        tentative_failure_kind: null,
        respcd: "0000",
      },
    });
  });

  it("never leaves a failed or cancelled payment silent when QFPay holds it charged: a manager's attention", () => {
    for (const status of ["failed", "cancelled"] as const) {
      const change = changeFromMatch(payment({ status }), qfpay({}), "qfpay-notify");
      expect(change).toMatchObject({ to: "needs_attention", fields: { attention_kind: "charged_after_failure" } });
      expect(change?.note).toMatch(/charged after we told the cashier/);
    }
  });

  it("cancels on cancel ≠ 0, fails on the row's own failure code, waits on a processing row", () => {
    expect(changeFromMatch(payment({}), qfpay({ respcd: "0000", cancel: "1" }), "r")).toMatchObject({
      to: "cancelled",
      fields: { next_check_at: expect.any(String) },
    });
    // Closed on QFPay's row, it stays in the late checks: a late success is caught.
    expect(changeFromMatch(payment({}), qfpay({ respcd: "1297" }), "r")).toMatchObject({
      to: "failed",
      fields: { failure_kind: "other_method", next_check_at: expect.any(String), attention_at: expect.any(String) },
    });
    expect(changeFromMatch(payment({}), qfpay({ respcd: "1143" }), "r")?.to).toBeUndefined();
    expect(changeFromMatch(payment({}), { kind: "missing" }, "r")).toBeNull();
  });

  it("sends a row for another amount to a manager, never paid", () => {
    expect(changeFromMatch(payment({}), qfpay({ txamt: "1350" }), "r")).toMatchObject({
      to: "needs_attention",
      fields: { attention_kind: "mismatch" },
    });
    expect(changeFromMatch(payment({ status: "paid" }), qfpay({ txamt: "1350" }), "r")).toBeNull();
  });

  it("settles a payment waiting for a manager when QFPay answers, but leaves the manager's own cases alone", () => {
    expect(
      changeFromMatch(payment({ status: "needs_attention", attention_kind: "unsettled" }), qfpay({}), "r"),
    ).toMatchObject({ to: "paid" });
    expect(
      changeFromMatch(payment({ status: "needs_attention", attention_kind: "charged_after_failure" }), qfpay({}), "r"),
    ).toBeNull();
    expect(
      changeFromMatch(
        payment({ status: "needs_attention", attention_kind: "charged_after_failure" }),
        qfpay({ respcd: "1297" }),
        "r",
      ),
    ).toBeNull();
  });

  it("lets QFPay's failed or reversed row close an amount case (no money kept), and writes nothing new for the same case again", () => {
    const mismatch = payment({
      status: "needs_attention",
      attention_kind: "mismatch",
      attention_at: "2026-11-28T02:01:00.000Z",
      attention_reason: "QFPay's record does not match ours: QFPay's record is for 1350 (minor units), ours for 1250",
    });
    expect(changeFromMatch(mismatch, qfpay({ txamt: "1350", respcd: "1205" }), "r")).toMatchObject({ to: "failed" });
    expect(changeFromMatch(mismatch, qfpay({ txamt: "1350", cancel: "2" }), "r")).toMatchObject({ to: "cancelled" });
    expect(changeFromMatch(mismatch, qfpay({ txamt: "1350" }), "r")).toBeNull();
    const partlyRefunded = payment({
      status: "needs_attention",
      attention_kind: "unsettled",
      attention_reason: "QFPay shows it paid and partly refunded outside ScanTill",
    });
    expect(changeFromMatch(partlyRefunded, qfpay({ cancel: "5" }), "r")).toBeNull();
    // A new reason for the same case is shown to the manager, without a new status.
    expect(
      changeFromMatch(
        payment({ status: "needs_attention", attention_kind: "unsettled", attention_reason: "status still unknown" }),
        qfpay({ cancel: "5" }),
        "r",
      ),
    ).toMatchObject({ fields: { attention_reason: expect.stringMatching(/partly refunded/) } });
  });

  it("never moves a final state backwards on a failure row", () => {
    expect(changeFromMatch(payment({ status: "paid" }), qfpay({ respcd: "1297" }), "r")).toBeNull();
    expect(changeFromMatch(payment({ status: "failed" }), qfpay({ respcd: "1297" }), "r")).toBeNull();
  });
});
