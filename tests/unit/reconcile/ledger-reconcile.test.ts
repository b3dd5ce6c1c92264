/**
 * The day's reconciliation on a real database with the sandbox over HTTP (issue 8): matched
 * payments, a charge the ledger holds as failed (flagged for a manager), a charge the ledger never
 * saw, a needs_attention payment settled, a query that fails (an error run, nothing settled), and
 * the daily run's claim (one instance runs a day once).
 *
 * Also runs on PostgreSQL (TEST_DATABASE_URL), where other test files share the database: every
 * assertion looks at this file's own payments, never at whole-day counts.
 */
import { randomInt } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";
import { cashier } from "../../support/test-staff";

let harness: LedgerHarness;
let m: typeof import("@/lib/payments/create-payment") &
  typeof import("@/lib/payments/get-payment") &
  typeof import("@/lib/reconcile/reconcile-day") &
  typeof import("@/lib/reconcile/schedule") &
  typeof import("@/lib/reconcile/store") &
  typeof import("@/lib/qfpay/payments") &
  typeof import("@/lib/qfpay/config") &
  typeof import("@/lib/qfpay/time") &
  typeof import("@/lib/db");

const ACTOR = "reconcile:staff:manager";
const code = () => `13${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(1000)).padStart(3, "0")}0000`;
const id = (p = "RC") => `${p}${Date.now()}${randomInt(1e9)}`;

beforeAll(async () => {
  harness = await setUpLedger();
  m = {
    ...(await import("@/lib/payments/create-payment")),
    ...(await import("@/lib/payments/get-payment")),
    ...(await import("@/lib/reconcile/reconcile-day")),
    ...(await import("@/lib/reconcile/schedule")),
    ...(await import("@/lib/reconcile/store")),
    ...(await import("@/lib/qfpay/payments")),
    ...(await import("@/lib/qfpay/config")),
    ...(await import("@/lib/qfpay/time")),
    ...(await import("@/lib/db")),
  };
});
afterEach(() => harness.sandbox.faults.clear());
afterAll(async () => harness?.close());

/** A payment the sandbox charged, through the real create path; returns its business day. */
async function paid(outTradeNo: string, amount: number): Promise<string> {
  const { payment } = await m.createPayment({ outTradeNo, amount, authCode: code() }, cashier);
  expect(payment.status).toBe("paid");
  const db = await m.getDb();
  const row = await db
    .selectFrom("payments")
    .select(["sent_at", "created_at"])
    .where("out_trade_no", "=", outTradeNo)
    .executeTakeFirstOrThrow();
  return m.merchantDate(new Date(row.sent_at ?? row.created_at));
}

/** Rewrites the ledger's word for a payment, as a ledger from before issue 8 (or a lost answer) left it. */
async function ledgerSays(outTradeNo: string, fields: Record<string, string | null>) {
  const db = await m.getDb();
  await db.updateTable("payments").set(fields).where("out_trade_no", "=", outTradeNo).execute();
}

async function reconcileEvents(outTradeNo: string) {
  const db = await m.getDb();
  return db
    .selectFrom("payment_events")
    .selectAll()
    .where("out_trade_no", "=", outTradeNo)
    .where("actor", "like", "reconcile%")
    .execute();
}

describe(`reconciliation on ${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"}`, () => {
  it("matches the day's payments, and flags a charge the ledger holds as failed for a manager", async () => {
    const a = id();
    const b = id();
    const wrong = id();
    const date = await paid(a, 1200);
    await paid(b, 3400);
    await paid(wrong, 2500);
    await ledgerSays(wrong, { status: "failed", failure_kind: "other_method", respcd: "1297" });

    const { id: runId, report } = await m.reconcileDay(date, { trigger: "manual", actor: ACTOR });
    const mine = report.differences.filter((d) => [a, b, wrong].includes(d.outTradeNo));
    expect(mine).toEqual([
      expect.objectContaining({
        kind: "status_differs",
        record: "payment",
        outTradeNo: wrong,
        paymentOutTradeNo: wrong,
        flagged: true,
        ledger: expect.objectContaining({ status: "failed", amount: 2500 }),
        qfpay: expect.objectContaining({ status: "paid", amount: 2500, respcd: "0000" }),
      }),
    ]);
    expect(report.clean).toBe(false);
    expect(report.matched.count).toBeGreaterThanOrEqual(2);
    expect(report.matched.amount).toBeGreaterThanOrEqual(4600);
    expect(report.matched.byWallet.wechat?.count).toBeGreaterThanOrEqual(2);

    // Flagged: on the manager's list as "charged after we told the cashier it failed", audited.
    expect(await m.getPayment(wrong)).toMatchObject({
      status: "needs_attention",
      attentionKind: "charged_after_failure",
    });
    expect(await reconcileEvents(wrong)).toEqual([
      expect.objectContaining({ from_status: "failed", to_status: "needs_attention", actor: ACTOR }),
    ]);
    expect(await reconcileEvents(a)).toEqual([]);

    // Stored, with the same report.
    const stored = await m.findRun(runId);
    expect(stored).toMatchObject({
      id: runId,
      date,
      trigger: "manual",
      status: "done",
      differenceCount: report.differences.length,
    });
    expect(stored?.report?.differences).toEqual(report.differences);

    // A second run: still a difference (the manager has not acted), nothing written twice.
    const again = await m.reconcileDay(date, { trigger: "manual", actor: ACTOR });
    expect(again.report.differences.filter((d) => d.outTradeNo === wrong)).toMatchObject([
      { kind: "status_differs", flagged: false, ledger: { status: "needs_attention" } },
    ]);
    expect(await reconcileEvents(wrong)).toHaveLength(1);
  });

  it("reports a charge QFPay holds that the ledger never saw as missing_in_ledger", async () => {
    const outTradeNo = id("ELSEWHERE");
    const attempt = await m.sendCpmPayment(m.qfpayConfigFromEnv(), {
      outTradeNo,
      amount: 8800,
      currency: "HKD",
      payType: "800008",
      authCode: code(),
      txdtm: new Date(),
    });
    expect(attempt.respcd).toBe("0000");
    const { report } = await m.reconcileDay(m.merchantDate(new Date()), { trigger: "manual", actor: ACTOR });
    expect(report.differences.filter((d) => d.outTradeNo === outTradeNo)).toEqual([
      {
        kind: "missing_in_ledger",
        record: "payment",
        outTradeNo,
        paymentOutTradeNo: null,
        syssn: attempt.syssn,
        ledger: null,
        qfpay: expect.objectContaining({ status: "paid", amount: 8800, currency: "HKD" }),
        flagged: false,
      },
    ]);
  });

  it("settles a needs_attention payment QFPay shows paid (audited), and counts it matched", async () => {
    const outTradeNo = id();
    const date = await paid(outTradeNo, 1900);
    await ledgerSays(outTradeNo, {
      status: "needs_attention",
      attention_kind: "unsettled",
      attention_reason: "test: QFPay had not answered",
      attention_at: new Date().toISOString(),
    });

    const { report } = await m.reconcileDay(date, { trigger: "manual", actor: ACTOR });
    expect(report.settled.filter((s) => s.outTradeNo === outTradeNo)).toEqual([
      { outTradeNo, from: "needs_attention", to: "paid", amount: 1900, currency: "HKD" },
    ]);
    expect(report.differences.filter((d) => d.outTradeNo === outTradeNo)).toEqual([]);
    expect(await m.getPayment(outTradeNo)).toMatchObject({ status: "paid", attentionKind: null });
    expect(await reconcileEvents(outTradeNo)).toEqual([
      expect.objectContaining({ from_status: "needs_attention", to_status: "paid", actor: ACTOR }),
    ]);
  });

  it("ends in error when QFPay's query fails, and settles nothing", async () => {
    const outTradeNo = id();
    const date = await paid(outTradeNo, 2100);
    await ledgerSays(outTradeNo, {
      status: "needs_attention",
      attention_kind: "unsettled",
      attention_reason: "test",
      attention_at: new Date().toISOString(),
    });
    harness.sandbox.faults.set({ path: "/trade/v1/query", kind: "html500", status: 502 });

    await expect(m.reconcileDay(date, { trigger: "manual", actor: ACTOR })).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/nothing was compared or settled/),
    });
    const run = await m.latestRun("manual");
    expect(run).toMatchObject({ date, status: "error", report: null, differenceCount: null });
    expect(run?.error).toMatch(/QFPay did not answer/);
    expect(await m.getPayment(outTradeNo)).toMatchObject({ status: "needs_attention" });
    expect(await reconcileEvents(outTradeNo)).toEqual([]);
  });

  it("refuses a bad or future date before anything is stored", async () => {
    const db = await m.getDb();
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("reconciliations")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const bad of [
      "",
      "yesterday",
      "2025-02-30",
      "2025-1-01",
      "1999-12-31",
      m.merchantDate(new Date(Date.now() + 2 * 86_400_000)),
      null,
      "2025-01-01' OR 1=1 --",
    ]) {
      await expect(m.reconcileDay(bad, { trigger: "manual", actor: ACTOR })).rejects.toMatchObject({
        code: "invalid_request",
      });
    }
    expect(await count()).toBe(before);
  });

  it("runs the daily reconciliation of a day once, however many instances try", async () => {
    const date = `2003-${String(randomInt(1, 13)).padStart(2, "0")}-${String(randomInt(1, 29)).padStart(2, "0")}`;
    const db = await m.getDb();
    await db.deleteFrom("reconciliations").where("auto_key", "=", `auto:${date}`).execute();

    const results = await Promise.all([
      m.runAutoReconciliation(date),
      m.runAutoReconciliation(date),
      m.runAutoReconciliation(date),
    ]);
    expect(results.sort()).toEqual(["claimed_elsewhere", "claimed_elsewhere", "ran"]);
    expect(await m.runAutoReconciliation(date)).toBe("claimed_elsewhere");
    const rows = await db.selectFrom("reconciliations").selectAll().where("business_date", "=", date).execute();
    expect(rows).toEqual([
      expect.objectContaining({ auto_key: `auto:${date}`, trigger: "auto", status: "done", difference_count: 0 }),
    ]);

    // A daily run that failed (QFPay down at 03:30) is tried again later, by one instance.
    const longAgo = new Date(Date.now() - m.AUTO_RETRY_MS - 60_000).toISOString();
    await db
      .updateTable("reconciliations")
      .set({ status: "error", finished_at: longAgo, started_at: longAgo, error: "test" })
      .where("auto_key", "=", `auto:${date}`)
      .execute();
    expect((await Promise.all([m.runAutoReconciliation(date), m.runAutoReconciliation(date)])).sort()).toEqual([
      "claimed_elsewhere",
      "ran",
    ]);
    expect(
      await db
        .selectFrom("reconciliations")
        .select(["status", "error"])
        .where("auto_key", "=", `auto:${date}`)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: "done", error: null });
  });
});
