/**
 * Issue 8 on a real database with the sandbox over HTTP, the sandbox behaving the way QFPay's
 * documents allow rather than the way a kind gateway does: never "not charged" unless QFPay
 * proved it, rows matched not trusted, late successes always caught.
 */
import { randomInt } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_KEY, notificationSign, pythonJsonDumps } from "@/sandbox/server";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";
import { cashier } from "../../support/test-staff";

let harness: LedgerHarness;
let m: typeof import("@/lib/payments/create-payment") &
  typeof import("@/lib/payments/resolve-payments") &
  typeof import("@/lib/payments/resolver-claims") &
  typeof import("@/lib/payments/get-payment") &
  typeof import("@/lib/payments/handle-notification") &
  typeof import("@/lib/payments/resolver") &
  typeof import("@/lib/db");

const WINDOW_MS = 1_000;
/** WeChat-like code; the last four digits pick the sandbox outcome ("0000" = plain success). */
const code = (prefix = "13", tail = "0000") =>
  `${prefix}${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(1000)).padStart(3, "0")}${tail}`;
const id = (p = "MT") => `${p}${Date.now()}${randomInt(1e9)}`;

beforeAll(async () => {
  harness = await setUpLedger({ pendingMs: 300, windowMs: WINDOW_MS });
  m = {
    ...(await import("@/lib/payments/create-payment")),
    ...(await import("@/lib/payments/resolve-payments")),
    ...(await import("@/lib/payments/resolver-claims")),
    ...(await import("@/lib/payments/get-payment")),
    ...(await import("@/lib/payments/handle-notification")),
    ...(await import("@/lib/payments/resolver")),
    ...(await import("@/lib/db")),
  };
});
afterEach(() => harness.sandbox.faults.clear());
afterAll(async () => harness?.close());

async function resolveWhile(outTradeNo: string, open: (status: string) => boolean, maxMs = 15_000) {
  const until = Date.now() + maxMs;
  let p = await m.getPayment(outTradeNo);
  while (open(p.status) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    await m.runResolverOnce();
    p = await m.getPayment(outTradeNo);
  }
  return p;
}
const settle = (outTradeNo: string, maxMs?: number) => resolveWhile(outTradeNo, (s) => s === "pending", maxMs);
const recordOf = async (outTradeNo: string): Promise<Record<string, unknown> | undefined> =>
  (await harness.sandboxTransactions()).find((t) => t.out_trade_no === outTradeNo);
async function notesOf(outTradeNo: string) {
  const db = await m.getDb();
  return await db
    .selectFrom("payment_events")
    .select(["note", "to_status", "actor"])
    .where("out_trade_no", "=", outTradeNo)
    .orderBy("id")
    .execute();
}

describe(`money truth on ${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"}`, () => {
  it.each(["1296", "1297", "1204", "1147"] as const)(
    "a payment answered %s that QFPay in fact charged ends paid, never failed",
    async (respcd) => {
      harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "charged_despite_failure", respcd, count: 1 });
      const outTradeNo = id();
      const { payment } = await m.createPayment({ outTradeNo, amount: 1800, authCode: code() }, cashier);
      expect(payment).toMatchObject({ status: "pending", respcd, checking: true, failureKind: null });
      const settled = await settle(outTradeNo);
      expect(settled).toMatchObject({ status: "paid", checking: false, syssn: expect.stringMatching(/^\d{26}$/) });
      expect(await recordOf(outTradeNo)).toMatchObject({ charged: true, status: "paid" });
      expect((await notesOf(outTradeNo)).some((e) => e.to_status === "failed")).toBe(false);
    },
  );

  it("a 1297 that QFPay's record confirms failed ends failed, after checking", async () => {
    // The sandbox's late_success answers 1205 and its row shows 1205 until it (maybe) pays later.
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "late_success", lateMs: 60_000, count: 1 });
    const outTradeNo = id();
    const { payment } = await m.createPayment({ outTradeNo, amount: 1900, authCode: code() }, cashier);
    expect(payment).toMatchObject({ status: "pending", respcd: "1205", checking: true });
    expect(await settle(outTradeNo)).toMatchObject({ status: "failed", failureKind: "other_method" });
  });

  it("1251 for a payment QFPay did charge (a repeated out_trade_no answer) ends paid", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "duplicate_1251", count: 1 });
    const outTradeNo = id();
    const { payment } = await m.createPayment({ outTradeNo, amount: 2000, authCode: code() }, cashier);
    expect(payment).toMatchObject({ status: "pending", respcd: "1251" });
    expect(await settle(outTradeNo)).toMatchObject({ status: "paid" });
  });

  it("matches the payment's own row when a companion row with its out_trade_no comes first", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/query", kind: "companion_rows", companion: "payment", count: 1 });
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 2100, authCode: code(undefined, "1145") }, cashier);
    // 1145 pending, then the row fails (1205); the companion row is 0000 cancel 0 and must not make it paid.
    expect(await settle(outTradeNo)).toMatchObject({ status: "failed" });
    expect(await recordOf(outTradeNo)).toMatchObject({ charged: false });
  });

  it("never calls a charge of another amount paid: a manager looks", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "amount_mismatch", amountDelta: 7, count: 1 });
    const outTradeNo = id();
    const { payment } = await m.createPayment({ outTradeNo, amount: 2200, authCode: code() }, cashier);
    expect(payment.status).toBe("pending");
    const settled = await settle(outTradeNo);
    expect(settled).toMatchObject({ status: "needs_attention", attentionKind: "mismatch" });
    expect(await recordOf(outTradeNo)).toMatchObject({ charged: true, txamt: "2207" });
  });

  it("waits out an enquiry that does not find the payment yet (not-found lag), then pays it", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/query", kind: "not_found_lag", lagMs: 600, count: 1 });
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 2300, authCode: code(undefined, "1143") }, cashier);
    expect(await settle(outTradeNo)).toMatchObject({ status: "paid" });
  });

  it("a close refused because the order is already paid settles paid after all, with no reversal that could refund", async () => {
    harness.sandbox.faults.set([
      { path: "/trade/v1/payment", kind: "pending_forever", count: 1 },
      { path: "/trade/v1/close", kind: "succeed_during_reversal", count: 1 },
    ]);
    const outTradeNo = id();
    // Alipay's reversal refunds a paid order (docs/qfpay.md §6): it must never follow the refused close.
    await m.createPayment({ outTradeNo, amount: 2400, authCode: code("28"), payType: "800008" }, cashier);
    expect(await settle(outTradeNo)).toMatchObject({ status: "paid" });
    const record = await recordOf(outTradeNo);
    expect(record).toMatchObject({ charged: true, reversal: null });
    expect((await notesOf(outTradeNo)).map((e) => e.note ?? "").filter((n) => /^reversal sent/.test(n))).toEqual([]);
  });

  it("a reversal that is itself pending is confirmed by enquiry, and ends cancelled", async () => {
    harness.sandbox.faults.set([
      { path: "/trade/v1/payment", kind: "pending_forever", count: 1 },
      { path: "/trade/v1/close", kind: "reversal_pending", pendingMs: 500, count: 1 },
    ]);
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 2500, authCode: code() }, cashier);
    expect(await settle(outTradeNo)).toMatchObject({ status: "cancelled" });
    expect(await recordOf(outTradeNo)).toMatchObject({ charged: false });
  });

  it("a payment QFPay never saw (reset before it arrived) is never called 'nothing charged' without proof", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "reset_before", count: 1 });
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 2600, authCode: code() }, cashier);
    const settled = await settle(outTradeNo, 20_000);
    // The close and reversal were refused (1136): no 0000, so a missing row is not proof.
    expect(settled).toMatchObject({ status: "needs_attention", attentionKind: "unsettled" });
    expect(settled.attentionReason).toMatch(/not proof/);
    expect(await recordOf(outTradeNo)).toBeUndefined();
  });

  it("a late success after the cashier was told it failed goes to a manager, on QFPay's notification", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "late_success", lateMs: 1_500, count: 1 });
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 2700, authCode: code() }, cashier);
    expect(await settle(outTradeNo)).toMatchObject({ status: "failed" });
    await new Promise((r) => setTimeout(r, 1_800));
    const record = await recordOf(outTradeNo);
    expect(record).toMatchObject({ charged: true, status: "paid" });
    const body = pythonJsonDumps({
      status: "1",
      notify_type: "payment",
      out_trade_no: outTradeNo,
      syssn: String(record!.syssn),
      txamt: "2700",
      txcurrcd: "HKD",
      respcd: "0000",
      cancel: "0",
    });
    expect(await m.handleNotification(body, notificationSign(body, DEMO_CLIENT_KEY))).toBe("enquiry");
    const flagged = await resolveWhile(outTradeNo, (s) => s === "failed", 5_000);
    expect(flagged).toMatchObject({ status: "needs_attention", attentionKind: "charged_after_failure" });
    const notes = await notesOf(outTradeNo);
    expect(notes.some((e) => /charged after we told the cashier/.test(e.note ?? ""))).toBe(true);
    // The notification either found it flagged already (the late checks got there first) or asked QFPay.
    expect(notes.some((e) => e.to_status === "needs_attention")).toBe(true);
  });

  it("catches a late success with no notification at all: the late checks of a failed payment", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "late_success", lateMs: 1_500, count: 1 });
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 2750, authCode: code() }, cashier);
    expect(await settle(outTradeNo)).toMatchObject({ status: "failed" });
    const flagged = await resolveWhile(outTradeNo, (s) => s === "failed", 12_000);
    expect(flagged).toMatchObject({ status: "needs_attention", attentionKind: "charged_after_failure" });
    expect(await recordOf(outTradeNo)).toMatchObject({ charged: true });
  });

  it("keeps asking about a payment that needs a manager, and pays it when QFPay finally does", async () => {
    // UnionPay has no reversal: a payment stuck pending goes to a manager, then the late checks run.
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "pending_forever", count: 1 });
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 2800, authCode: code("62", "0000") + "1", payType: "800708" }, cashier);
    const handedOver = await settle(outTradeNo, 20_000);
    expect(handedOver).toMatchObject({ status: "needs_attention", attentionKind: "unsettled" });
    // The customer completes it in the wallet app at last.
    const record = harness.sandbox.ledger.all().find((r) => r.outTradeNo === outTradeNo)!;
    harness.sandbox.ledger.settleAsPaidNow(record, "test");
    const paid = await resolveWhile(outTradeNo, (s) => s === "needs_attention", 15_000);
    expect(paid).toMatchObject({ status: "paid" });
  });

  it("never sends a reversal twice: a resolver working from a stale copy of the row sends nothing", async () => {
    harness.sandbox.faults.set({ path: "/trade/v1/payment", kind: "pending_forever", count: 1 });
    const outTradeNo = id();
    await m.createPayment({ outTradeNo, amount: 2900, authCode: code() }, cashier);
    await new Promise((r) => setTimeout(r, WINDOW_MS + 200));
    const [stale] = await m.claimDuePayments("stale-owner", new Date(), outTradeNo);
    expect(stale).toBeDefined();
    // Meanwhile another instance counted and sent its reversal (its lease ran out on us).
    const db = await m.getDb();
    await db
      .updateTable("payments")
      .set({ cancel_attempts: 1, resolve_phase: "confirming" })
      .where("out_trade_no", "=", outTradeNo)
      .execute();
    await m.resolvePayments([stale!], "stale-owner");
    m.releaseClaims([stale!]);
    expect((await recordOf(outTradeNo))?.reversal).toBeNull();
    expect((await notesOf(outTradeNo)).map((e) => e.note ?? "").filter((n) => / sent: /.test(n))).toEqual([]);
  });
});
