/**
 * A manager's decision on a payment charged after the cashier was told it failed (issue 8), on a
 * real database with the sandbox over HTTP: keep it (paid, audited), or refund it (paid, audited,
 * then exactly one full refund, however often the button is tapped); never for a cashier, never
 * for another kind of payment.
 */
import { randomInt } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chargedAfterFailure } from "../../support/attention-setup";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";
import { cashier, manager, owner } from "../../support/test-staff";

let harness: LedgerHarness;
let m: typeof import("@/lib/payments/attention-actions") &
  typeof import("@/lib/payments/create-payment") &
  typeof import("@/lib/payments/get-payment") &
  typeof import("@/lib/payments/ledger-writes") &
  typeof import("@/lib/db");

const code = () => `13${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(1000)).padStart(3, "0")}0000`;
const id = (p = "AT") => `${p}${Date.now()}${randomInt(1e9)}`;

beforeAll(async () => {
  harness = await setUpLedger();
  m = {
    ...(await import("@/lib/payments/attention-actions")),
    ...(await import("@/lib/payments/create-payment")),
    ...(await import("@/lib/payments/get-payment")),
    ...(await import("@/lib/payments/ledger-writes")),
    ...(await import("@/lib/db")),
  };
});
afterEach(() => harness.sandbox.faults.clear());
afterAll(async () => harness?.close());

const recordOf = async (outTradeNo: string) =>
  (await harness.sandboxTransactions()).find((t) => t.out_trade_no === outTradeNo);

async function events(outTradeNo: string) {
  const db = await m.getDb();
  return db.selectFrom("payment_events").selectAll().where("out_trade_no", "=", outTradeNo).orderBy("id").execute();
}

async function refundRows(outTradeNo: string) {
  const db = await m.getDb();
  return db.selectFrom("refunds").selectAll().where("payment_out_trade_no", "=", outTradeNo).execute();
}

describe(`a payment charged after the cashier was told it failed, on ${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"}`, () => {
  it("keeps it: paid, audited as the manager's choice, and a second tap changes nothing", async () => {
    const outTradeNo = id();
    const before = await chargedAfterFailure(outTradeNo, 2500, code(), cashier);
    expect(before.attentionReason).toMatch(/charged after we told the cashier it failed/);

    const kept = await m.keepChargedPayment(outTradeNo, manager);
    expect(kept).toMatchObject({
      status: "paid",
      attentionKind: null,
      failureKind: null,
      refundableAmount: 2500,
      refunds: [],
    });
    const decision = (await events(outTradeNo)).filter((e) => e.note === m.KEPT_NOTE);
    expect(decision).toEqual([
      expect.objectContaining({ from_status: "needs_attention", to_status: "paid", actor: "staff:manager" }),
    ]);

    const again = await m.keepChargedPayment(outTradeNo, owner);
    expect(again).toMatchObject({ status: "paid", refundableAmount: 2500 });
    expect((await events(outTradeNo)).filter((e) => e.note === m.KEPT_NOTE)).toHaveLength(1);
    expect(await refundRows(outTradeNo)).toHaveLength(0);
    expect(await recordOf(outTradeNo)).toMatchObject({ charged: true, refunded_amount: "0" });

    // Kept is kept: "refund" through this action is refused (the refund panel remains for that).
    await expect(m.refundChargedPayment(outTradeNo, manager)).rejects.toMatchObject({ code: "conflict" });
    expect(await refundRows(outTradeNo)).toHaveLength(0);
  });

  it("refunds it in full through QFPay, audited, and a double tap never makes a second refund", async () => {
    const outTradeNo = id();
    await chargedAfterFailure(outTradeNo, 3300, code(), cashier);

    const first = await m.refundChargedPayment(outTradeNo, manager);
    expect(first).toMatchObject({
      created: true,
      refund: { status: "succeeded", amount: 3300, paymentOutTradeNo: outTradeNo },
    });
    const notes = (await events(outTradeNo)).map((e) => [e.from_status, e.to_status, e.actor, e.note]);
    expect(notes).toContainEqual(["needs_attention", "paid", "staff:manager", m.REFUND_CHOSEN_NOTE]);
    expect(await m.getPayment(outTradeNo)).toMatchObject({
      status: "refunded",
      refundedAmount: 3300,
      refundableAmount: 0,
      openRefunds: 0,
    });

    const second = await m.refundChargedPayment(outTradeNo, owner);
    expect(second).toMatchObject({
      created: false,
      refund: { outTradeNo: first.refund.outTradeNo, status: "succeeded" },
    });
    expect(await refundRows(outTradeNo)).toHaveLength(1);
    const record = await recordOf(outTradeNo);
    expect(record).toMatchObject({ refunded_amount: "3300" });
    expect((record?.refunds as unknown[]).length).toBe(1);

    // Refunded is not kept.
    await expect(m.keepChargedPayment(outTradeNo, manager)).rejects.toMatchObject({ code: "conflict" });
  });

  it("two taps at the same moment still send one refund", async () => {
    const outTradeNo = id();
    await chargedAfterFailure(outTradeNo, 1800, code(), cashier);
    const results = await Promise.allSettled([
      m.refundChargedPayment(outTradeNo, manager),
      m.refundChargedPayment(outTradeNo, manager),
    ]);
    const answered = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.filter((r) => r.created)).toHaveLength(1);
    expect(await refundRows(outTradeNo)).toHaveLength(1);
    const record = await recordOf(outTradeNo);
    expect((record?.refunds as unknown[]).length).toBe(1);
    expect((await events(outTradeNo)).filter((e) => e.note === m.REFUND_CHOSEN_NOTE)).toHaveLength(1);
  });

  it("a refund QFPay refuses leaves the payment paid and visible, and a second tap does not try again", async () => {
    const outTradeNo = id();
    await chargedAfterFailure(outTradeNo, 4000, code(), cashier);
    harness.sandbox.faults.set({ path: "/trade/v1/refund", kind: "refund_balance", count: 1 });
    const refused = await m.refundChargedPayment(outTradeNo, manager);
    expect(refused.refund).toMatchObject({ status: "failed", failureReason: "insufficient_takings" });
    expect(await m.getPayment(outTradeNo)).toMatchObject({
      status: "paid",
      refundableAmount: 4000,
      refunds: [expect.objectContaining({ status: "failed" })],
    });

    const again = await m.refundChargedPayment(outTradeNo, manager);
    expect(again).toMatchObject({
      created: false,
      refund: { outTradeNo: refused.refund.outTradeNo, status: "failed" },
    });
    expect(await refundRows(outTradeNo)).toHaveLength(1);
    expect(await recordOf(outTradeNo)).toMatchObject({ charged: true, refunded_amount: "0" });
  });

  it("a refund QFPay is still processing stays on the payment as an open refund", async () => {
    const outTradeNo = id();
    await chargedAfterFailure(outTradeNo, 1200, code(), cashier);
    harness.sandbox.faults.set({ path: "/trade/v1/refund", kind: "refund_pending", count: 1, pendingMs: 60_000 });
    const pending = await m.refundChargedPayment(outTradeNo, manager);
    expect(pending.refund.status).toBe("pending");
    expect(await m.getPayment(outTradeNo)).toMatchObject({ status: "paid", refundableAmount: 0, openRefunds: 1 });
    expect(await m.refundChargedPayment(outTradeNo, manager)).toMatchObject({
      created: false,
      refund: { outTradeNo: pending.refund.outTradeNo },
    });
    expect(await refundRows(outTradeNo)).toHaveLength(1);
  });

  it("refuses a cashier, and leaves the payment for a manager", async () => {
    const outTradeNo = id();
    await chargedAfterFailure(outTradeNo, 900, code(), cashier);
    await expect(m.keepChargedPayment(outTradeNo, cashier)).rejects.toMatchObject({ code: "forbidden" });
    await expect(m.refundChargedPayment(outTradeNo, cashier)).rejects.toMatchObject({ code: "forbidden" });
    expect(await m.getPayment(outTradeNo)).toMatchObject({
      status: "needs_attention",
      attentionKind: "charged_after_failure",
    });
    expect(await refundRows(outTradeNo)).toHaveLength(0);
  });

  it("refuses (409) a payment of another kind, and 404s an unknown one", async () => {
    const paid = id();
    await m.createPayment({ outTradeNo: paid, amount: 700, authCode: code() }, cashier);
    await expect(m.keepChargedPayment(paid, manager)).rejects.toMatchObject({ code: "conflict" });
    await expect(m.refundChargedPayment(paid, manager)).rejects.toMatchObject({ code: "conflict" });

    // Needs attention, but only because QFPay has not answered: nobody may "keep" money not proven charged.
    const unsettled = id();
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "pending_forever", count: 1 });
    await m.createPayment({ outTradeNo: unsettled, amount: 800, authCode: code() }, cashier);
    await m.withLockedPayment(unsettled, (trx, row) =>
      m.writePaymentChange(trx, row!, {
        to: "needs_attention",
        fields: { attention_kind: "unsettled", attention_reason: "test: no answer" },
        actor: "test",
      }),
    );
    await expect(m.keepChargedPayment(unsettled, manager)).rejects.toMatchObject({ code: "conflict" });
    await expect(m.refundChargedPayment(unsettled, manager)).rejects.toMatchObject({ code: "conflict" });
    expect(await m.getPayment(unsettled)).toMatchObject({ status: "needs_attention", attentionKind: "unsettled" });
    expect(await refundRows(unsettled)).toHaveLength(0);

    await expect(m.keepChargedPayment(id("NONE"), manager)).rejects.toMatchObject({ code: "not_found" });
    await expect(m.refundChargedPayment(id("NONE"), manager)).rejects.toMatchObject({ code: "not_found" });
  });

  it("applyAttentionAction answers the payment after the decision and the refund it made", async () => {
    const outTradeNo = id();
    await chargedAfterFailure(outTradeNo, 600, code(), cashier);
    const result = await m.applyAttentionAction(outTradeNo, "refund", manager);
    expect(result).toMatchObject({
      created: true,
      payment: { outTradeNo, status: "refunded" },
      refund: { amount: 600, status: "succeeded" },
    });
    expect(await m.applyAttentionAction(outTradeNo, "refund", manager)).toMatchObject({
      created: false,
      payment: { status: "refunded" },
    });
  });
});
