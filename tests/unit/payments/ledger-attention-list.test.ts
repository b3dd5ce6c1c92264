/**
 * The manager's attention list (`GET /api/payments?attention=1`) on a real database: payments that
 * need attention and payments whose refund is not final (whatever the payment's own status), with
 * the ones charged after the cashier was told they failed first; nothing else.
 */
import { randomInt } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chargedAfterFailure } from "../../support/attention-setup";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";
import { cashier, manager } from "../../support/test-staff";

let harness: LedgerHarness;
let m: typeof import("@/lib/payments/list-payments") &
  typeof import("@/lib/payments/create-payment") &
  typeof import("@/lib/payments/create-refund") &
  typeof import("@/lib/payments/ledger-writes") &
  typeof import("@/lib/payments/refund-writes");

const code = () => `13${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(1000)).padStart(3, "0")}0000`;
const id = (p: string) => `${p}${Date.now()}${randomInt(1e9)}`;
const tick = () => new Promise((r) => setTimeout(r, 15));

beforeAll(async () => {
  harness = await setUpLedger();
  m = {
    ...(await import("@/lib/payments/list-payments")),
    ...(await import("@/lib/payments/create-payment")),
    ...(await import("@/lib/payments/create-refund")),
    ...(await import("@/lib/payments/ledger-writes")),
    ...(await import("@/lib/payments/refund-writes")),
  };
});
afterEach(() => harness.sandbox.faults.clear());
afterAll(async () => harness?.close());

describe(`attention list on ${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"}`, () => {
  it("lists payments needing attention and payments with open refunds, charged-after-failure first", async () => {
    // Oldest first, so only the ordering rule can put it at the top.
    const charged = id("LC");
    await chargedAfterFailure(charged, 1100, code(), cashier);
    await tick();

    const unsettled = id("LU");
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "pending_forever", count: 1 });
    await m.createPayment({ outTradeNo: unsettled, amount: 1200, authCode: code() }, cashier);
    await m.withLockedPayment(unsettled, (trx, row) =>
      m.writePaymentChange(trx, row!, {
        to: "needs_attention",
        fields: { attention_kind: "unsettled", attention_reason: "test: no answer" },
        actor: "test",
      }),
    );
    await tick();

    // Paid, but its refund's outcome is unknown: the list used to say "nothing needs attention".
    const refundUnknown = id("LR");
    await m.createPayment({ outTradeNo: refundUnknown, amount: 1300, authCode: code() }, cashier);
    harness.sandbox.faults.set({ path: "/trade/v1/refund", kind: "refund_pending", count: 1, pendingMs: 120_000 });
    const stuck = await m.createRefund(refundUnknown, { amount: 1300, outTradeNo: id("RFU") }, manager);
    expect(stuck.refund.status).toBe("pending");
    await m.withLockedRefund(stuck.refund.outTradeNo, (trx, row) =>
      m.writeRefundChange(trx, row!, {
        to: "needs_attention",
        fields: { attention_reason: "test: refund not confirmed" },
        actor: "test",
      }),
    );
    await tick();

    // Partly refunded, another refund still processing: shown as in progress.
    const refundPending = id("LP");
    await m.createPayment({ outTradeNo: refundPending, amount: 1400, authCode: code() }, cashier);
    harness.sandbox.faults.set({ path: "/trade/v1/refund", kind: "refund_pending", count: 1, pendingMs: 120_000 });
    expect((await m.createRefund(refundPending, { amount: 400, outTradeNo: id("RFP") }, manager)).refund.status).toBe(
      "pending",
    );
    await tick();

    // Not listed: paid; refunded in full; failed.
    const paid = id("LN");
    await m.createPayment({ outTradeNo: paid, amount: 1500, authCode: code() }, cashier);
    const refunded = id("LF");
    await m.createPayment({ outTradeNo: refunded, amount: 1600, authCode: code() }, cashier);
    expect((await m.createRefund(refunded, { amount: 1600, outTradeNo: id("RFD") }, manager)).refund.status).toBe(
      "succeeded",
    );

    const ours = new Set([charged, unsettled, refundUnknown, refundPending, paid, refunded]);
    const listed = (await m.listPayments({ limit: 200, attention: true })).filter((p) => ours.has(p.outTradeNo));
    expect(listed.map((p) => p.outTradeNo)).toEqual([charged, refundPending, refundUnknown, unsettled]);
    expect(listed[0]).toMatchObject({ status: "needs_attention", attentionKind: "charged_after_failure" });
    expect(listed.find((p) => p.outTradeNo === refundUnknown)).toMatchObject({
      status: "paid",
      openRefunds: 1,
      refunds: [expect.objectContaining({ status: "needs_attention" })],
    });
    expect(listed.find((p) => p.outTradeNo === refundPending)).toMatchObject({
      status: "paid",
      openRefunds: 1,
      refunds: [expect.objectContaining({ status: "pending" })],
    });

    // The plain list is unchanged: newest first, everything.
    const all = (await m.listPayments({ limit: 200 })).filter((p) => ours.has(p.outTradeNo)).map((p) => p.outTradeNo);
    expect(all).toEqual([refunded, paid, refundPending, refundUnknown, unsettled, charged]);
    const byStatus = (await m.listPayments({ limit: 200, status: "needs_attention" }))
      .filter((p) => ours.has(p.outTradeNo))
      .map((p) => p.outTradeNo);
    expect(byStatus).toEqual([unsettled, charged]);
  });

  it("puts charged-after-failure first even when the limit cuts the list", async () => {
    const charged = id("LK");
    await chargedAfterFailure(charged, 1700, code(), cashier);
    await tick();
    for (let i = 0; i < 3; i++) {
      const other = id(`LO${i}`);
      harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "pending_forever", count: 1 });
      await m.createPayment({ outTradeNo: other, amount: 100 + i, authCode: code() }, cashier);
      await m.withLockedPayment(other, (trx, row) =>
        m.writePaymentChange(trx, row!, {
          to: "needs_attention",
          fields: { attention_kind: "unsettled", attention_reason: "test" },
          actor: "test",
        }),
      );
      await tick();
    }
    // Other test files may share this database (PostgreSQL): check the rule, not only our rows.
    const top = await m.listPayments({ limit: 1, attention: true });
    expect(top[0]).toMatchObject({ attentionKind: "charged_after_failure" });
    const kinds = (await m.listPayments({ limit: 200, attention: true })).map(
      (p) => p.attentionKind === "charged_after_failure",
    );
    expect(kinds.indexOf(false)).toBeGreaterThan(0);
    expect(kinds.slice(kinds.indexOf(false))).not.toContain(true);
  });
});
