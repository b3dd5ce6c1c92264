/**
 * The closed loop on a real database with the sandbox over HTTP: the resolver reverses what stays
 * pending past the window, a cashier's cancel, "paid after all", refunds (never more than what is
 * left), notifications, and leases that keep two resolvers off one payment.
 */
import { randomInt } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_KEY, notificationSign, pythonJsonDumps } from "@/sandbox/server";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";
import { cashier, manager } from "../../support/test-staff";
import { unsentPaymentRow } from "../../support/unsent-payment";

let harness: LedgerHarness;
let m: typeof import("@/lib/payments/create-payment") &
  typeof import("@/lib/payments/get-payment") &
  typeof import("@/lib/payments/cancel-payment") &
  typeof import("@/lib/payments/create-refund") &
  typeof import("@/lib/payments/handle-notification") &
  typeof import("@/lib/payments/resolver") &
  typeof import("@/lib/payments/resolver-claims") &
  typeof import("@/lib/db");

const WINDOW_MS = 1_500;
const code = (prefix = "13", tail = "0000") =>
  `${prefix}${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(1000)).padStart(3, "0")}${tail}`;
const id = (p = "CL") => `${p}${Date.now()}${randomInt(1e9)}`;

beforeAll(async () => {
  harness = await setUpLedger({ pendingMs: 400, windowMs: WINDOW_MS });
  m = {
    ...(await import("@/lib/payments/create-payment")),
    ...(await import("@/lib/payments/get-payment")),
    ...(await import("@/lib/payments/cancel-payment")),
    ...(await import("@/lib/payments/create-refund")),
    ...(await import("@/lib/payments/handle-notification")),
    ...(await import("@/lib/payments/resolver")),
    ...(await import("@/lib/payments/resolver-claims")),
    ...(await import("@/lib/db")),
  };
});
afterEach(() => harness.sandbox.faults.clear());
afterAll(async () => harness?.close());

async function resolveUntilSettled(outTradeNo: string, maxMs = 15_000) {
  const until = Date.now() + maxMs;
  let p = await m.getPayment(outTradeNo);
  while (p.status === "pending" && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    await m.runResolverOnce();
    p = await m.getPayment(outTradeNo);
  }
  return p;
}

const recordOf = async (outTradeNo: string) =>
  (await harness.sandboxTransactions()).find((t) => t.out_trade_no === outTradeNo);

describe(`closed loop on ${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"}`, () => {
  it("reverses a payment that stays pending past the window, and nothing is charged", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "pending_forever", count: 1 });
    const outTradeNo = id();
    const { payment } = await m.createPayment({ outTradeNo, amount: 1500, authCode: code() }, cashier);
    expect(payment.status).toBe("pending");
    const settled = await resolveUntilSettled(outTradeNo);
    expect(settled.status).toBe("cancelled");
    expect(await recordOf(outTradeNo)).toMatchObject({ charged: false });
    const db = await m.getDb();
    const notes = (
      await db.selectFrom("payment_events").select("note").where("out_trade_no", "=", outTradeNo).execute()
    ).map((e) => e.note ?? "");
    expect(notes.some((n) => /^close sent: done/.test(n))).toBe(true);
  });

  it("cancels at the cashier's request without waiting for the window", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "pending_forever", count: 1 });
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 1600, authCode: code() }, cashier);
    const started = Date.now();
    const view = await m.cancelPayment(outTradeNo, cashier);
    expect(view).toMatchObject({ status: "cancelled", cancelRequested: true });
    expect(Date.now() - started).toBeLessThan(WINDOW_MS + 1_000);
    expect(await recordOf(outTradeNo)).toMatchObject({ charged: false });
  });

  it("says 'paid after all' when the customer pays during the cancel (WeChat: close refused, then confirmed paid)", async () => {
    harness.sandbox.faults.set([
      { path: "/trade/v1/payment", kind: "pending_forever", count: 1 },
      { path: "*", kind: "succeed_during_reversal", count: 1 },
    ]);
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 1700, authCode: code("13") }, cashier);
    const view = await m.cancelPayment(outTradeNo, cashier);
    const final = view.status === "pending" ? await resolveUntilSettled(outTradeNo) : view;
    expect(final).toMatchObject({ status: "paid", cancelRequested: true });
    expect(await recordOf(outTradeNo)).toMatchObject({ charged: true });
  });

  it("refuses to cancel a payment that is already paid (refund it instead), and audits the refusal", async () => {
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 1800, authCode: code() }, cashier);
    await expect(m.cancelPayment(outTradeNo, cashier)).rejects.toMatchObject({ code: "conflict" });
    const audit = await (
      await m.getDb()
    )
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "payment_cancel")
      .where("subject", "=", outTradeNo)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: "refused", actor_username: cashier.username });
    expect(JSON.parse(audit[0]!.detail ?? "{}")).toMatchObject({ reason: "cancel_already_paid" });
    expect(await m.getPayment(outTradeNo)).toMatchObject({ status: "paid", cancelRequested: false });
  });

  it("refunds half, then the rest, and never more than what is left", async () => {
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 5000, authCode: code() }, cashier);
    const first = await m.createRefund(outTradeNo, { amount: 2000, outTradeNo: id("RF") }, manager);
    expect(first).toMatchObject({ created: true, refund: { status: "succeeded", amount: 2000 } });
    expect(await m.getPayment(outTradeNo)).toMatchObject({
      status: "partially_refunded",
      refundedAmount: 2000,
      refundableAmount: 3000,
    });
    await expect(m.createRefund(outTradeNo, { amount: 3001, outTradeNo: id("RF") }, manager)).rejects.toMatchObject({
      code: "conflict",
    });
    const replay = await m.createRefund(outTradeNo, { amount: 2000, outTradeNo: first.refund.outTradeNo }, manager);
    expect(replay.created).toBe(false);
    await m.createRefund(outTradeNo, { amount: 3000, outTradeNo: id("RF") }, manager);
    expect(await m.getPayment(outTradeNo)).toMatchObject({
      status: "refunded",
      refundedAmount: 5000,
      refundableAmount: 0,
    });
    await expect(m.createRefund(outTradeNo, { amount: 1, outTradeNo: id("RF") }, manager)).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await recordOf(outTradeNo)).toMatchObject({ refunded_amount: "5000" });
  });

  it("settles a refund that QFPay answers 'processing' by enquiry, and explains a refusal", async () => {
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 3000, authCode: code() }, cashier);
    harness.sandbox.faults.set({ path: "/trade/v1/refund", kind: "refund_pending", count: 1, pendingMs: 300 });
    const pending = await m.createRefund(outTradeNo, { amount: 1000, outTradeNo: id("RF") }, manager);
    expect(pending.refund.status).toBe("pending");
    await expect(m.createRefund(outTradeNo, { amount: 500, outTradeNo: id("RF") }, manager)).rejects.toMatchObject({
      code: "conflict",
    });
    for (let i = 0; i < 50 && (await m.getPayment(outTradeNo)).refunds[0]?.status === "pending"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await m.runResolverOnce();
    }
    expect(await m.getPayment(outTradeNo)).toMatchObject({ status: "partially_refunded", refundedAmount: 1000 });

    harness.sandbox.faults.set({ path: "/trade/v1/refund", kind: "refund_balance", count: 1 });
    const refused = await m.createRefund(outTradeNo, { amount: 500, outTradeNo: id("RF") }, manager);
    expect(refused.refund).toMatchObject({ status: "failed", respcd: "1269", failureReason: "insufficient_takings" });
    expect((await m.getPayment(outTradeNo)).refundableAmount).toBe(2000);
  });

  it("answers a signed notification, confirms by enquiry, ignores repeats and refuses a bad signature", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "reset_after", count: 1 });
    const outTradeNo = id();
    const { payment } = await m.createPayment({ outTradeNo, amount: 2100, authCode: code() }, cashier);
    expect(payment.status).toBe("pending");
    const body = pythonJsonDumps({
      status: "1",
      notify_type: "payment",
      out_trade_no: outTradeNo,
      txamt: "2100",
      respcd: "0000",
      cancel: "0",
    });
    expect(await m.handleNotification(body, notificationSign(body, DEMO_CLIENT_KEY))).toBe("enquiry");
    expect(await m.handleNotification(body, notificationSign(body, DEMO_CLIENT_KEY))).toBe("duplicate");
    await expect(m.handleNotification(body, notificationSign(body, "WRONGKEY"))).rejects.toMatchObject({
      code: "unauthorized",
    });
    await expect(m.handleNotification(`${body} `, notificationSign(body, DEMO_CLIENT_KEY))).rejects.toMatchObject({
      code: "unauthorized",
    });
    expect(await resolveUntilSettled(outTradeNo)).toMatchObject({ status: "paid" });
    // A notification about a final payment changes nothing.
    const late = pythonJsonDumps({
      status: "1",
      notify_type: "payment",
      out_trade_no: outTradeNo,
      txamt: "2100",
      respcd: "0000",
      cancel: "0",
      extra: "x",
    });
    expect(await m.handleNotification(late, notificationSign(late, DEMO_CLIENT_KEY))).toBe("already_final");
  });

  it("leases a due payment to one resolver at a time", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "pending_forever", count: 1 });
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 1900, authCode: code() }, cashier);
    const now = new Date(Date.now() + 60_000);
    const [a, b] = await Promise.all([
      m.claimDuePayments("instance-a", now, outTradeNo),
      m.claimDuePayments("instance-b", now, outTradeNo),
    ]);
    expect(a.length + b.length).toBe(1);
    m.releaseClaims([...a, ...b]);
    const holder = a.length ? "instance-a" : "instance-b";
    expect(await m.claimDuePayments("instance-c", now, outTradeNo)).toHaveLength(0);
    // The same instance after a restart takes its own lease back at once.
    const own = await m.claimDuePayments(holder, now, outTradeNo);
    expect(own).toHaveLength(1);
    m.releaseClaims(own);
    // Someone else's lease expires: a later instance takes it over.
    const later = await m.claimDuePayments("instance-c", new Date(now.getTime() + m.RESOLVER_LEASE_MS + 1), outTradeNo);
    expect(later).toHaveLength(1);
    m.releaseClaims(later);
  });

  it("cancels a payment that was written but never sent (the server stopped in between)", async () => {
    const db = await m.getDb();
    const outTradeNo = id();
    const at = new Date(Date.now() - 60_000).toISOString();
    await db.insertInto("payments").values(unsentPaymentRow(outTradeNo, at)).execute();
    await m.runResolverOnce();
    expect((await m.getPayment(outTradeNo)).status).toBe("cancelled");
    expect(await recordOf(outTradeNo)).toBeUndefined();
  });
});
