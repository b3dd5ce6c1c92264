/**
 * The ledger against a real database (SQLite, or PostgreSQL when TEST_DATABASE_URL is set) and the
 * sandbox gateway over real HTTP: write first, send once, record the answer, settle by enquiry.
 */
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";
import { cashier } from "../../support/test-staff";

let harness: LedgerHarness;
let ledger: {
  createPayment: typeof import("@/lib/payments/create-payment").createPayment;
  getPayment: typeof import("@/lib/payments/get-payment").getPayment;
  listPayments: typeof import("@/lib/payments/list-payments").listPayments;
  getDb: typeof import("@/lib/db").getDb;
  AppError: typeof import("@/lib/errors").AppError;
  runResolverOnce: typeof import("@/lib/payments/resolver").runResolverOnce;
};

/** A WeChat-like 18-digit code whose last four digits pick the sandbox outcome ("0000" = plain success). */
const code = (tail = "0000") =>
  `13${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(1000)).padStart(3, "0")}${tail}`;
const outTradeNo = () => `UT${Date.now()}${randomInt(1e9)}`;

beforeAll(async () => {
  harness = await setUpLedger({ pendingMs: 400 });
  ledger = {
    ...(await import("@/lib/payments/create-payment")),
    ...(await import("@/lib/payments/get-payment")),
    ...(await import("@/lib/payments/list-payments")),
    ...(await import("@/lib/db")),
    ...(await import("@/lib/errors")),
    ...(await import("@/lib/payments/resolver")),
  };
});
afterAll(async () => harness?.close());

/** Lets the resolver work until the payment is no longer pending (or ~4 s pass). */
async function settled(id: string) {
  let now = await ledger.getPayment(id);
  for (let i = 0; i < 40 && now.status === "pending"; i++) {
    await new Promise((r) => setTimeout(r, 100));
    await ledger.runResolverOnce();
    now = await ledger.getPayment(id);
  }
  return now;
}

async function eventsOf(id: string) {
  const db = await ledger.getDb();
  return db.selectFrom("payment_events").selectAll().where("out_trade_no", "=", id).orderBy("id").execute();
}

async function sandboxRecordsOf(id: string) {
  return (await harness.sandboxTransactions()).filter((t) => t.out_trade_no === id);
}

describe(`ledger on ${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"}`, () => {
  it("takes a payment: pending row first, one gateway call, paid with syssn, audited", async () => {
    const id = outTradeNo();
    const { created, payment } = await ledger.createPayment(
      { outTradeNo: id, amount: 1250, authCode: code() },
      cashier,
    );
    expect(created).toBe(true);
    expect(payment).toMatchObject({
      outTradeNo: id,
      status: "paid",
      amount: 1250,
      currency: "HKD",
      payType: "800008",
      respcd: "0000",
      wallet: "wechat",
    });
    expect(payment.syssn).toMatch(/^\d{26}$/);
    const events = await eventsOf(id);
    expect(events.map((e) => [e.from_status, e.to_status])).toEqual([
      [null, "pending"],
      ["pending", "pending"],
      ["pending", "paid"],
    ]);
    expect(await sandboxRecordsOf(id)).toHaveLength(1);
  });

  it("answers a replay from the ledger without calling QFPay again", async () => {
    const id = outTradeNo();
    const authCode = code();
    await ledger.createPayment({ outTradeNo: id, amount: 900, authCode }, cashier);
    const replay = await ledger.createPayment({ outTradeNo: id, amount: 900, authCode }, cashier);
    expect(replay.created).toBe(false);
    expect(replay.payment.status).toBe("paid");
    expect(await sandboxRecordsOf(id)).toHaveLength(1);
  });

  it("sends one request when the same outTradeNo arrives ten times at once", async () => {
    const id = outTradeNo();
    const authCode = code();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => ledger.createPayment({ outTradeNo: id, amount: 700, authCode }, cashier)),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(results.filter((r) => r.status === "fulfilled" && r.value.created)).toHaveLength(1);
    expect(await sandboxRecordsOf(id)).toHaveLength(1);
  });

  it("refuses a replay with another amount or code (409) and changes nothing", async () => {
    const id = outTradeNo();
    const authCode = code();
    await ledger.createPayment({ outTradeNo: id, amount: 500, authCode }, cashier);
    await expect(ledger.createPayment({ outTradeNo: id, amount: 501, authCode }, cashier)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(
      ledger.createPayment({ outTradeNo: id, amount: 500, authCode: code() }, cashier),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await ledger.getPayment(id)).amount).toBe(500);
    expect(await sandboxRecordsOf(id)).toHaveLength(1);
  });

  it("never sends one payment code twice, even under a new outTradeNo", async () => {
    const authCode = code();
    await ledger.createPayment({ outTradeNo: outTradeNo(), amount: 300, authCode }, cashier);
    const second = outTradeNo();
    await expect(ledger.createPayment({ outTradeNo: second, amount: 300, authCode }, cashier)).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await sandboxRecordsOf(second)).toHaveLength(0);
    const db = await ledger.getDb();
    expect(
      await db.selectFrom("payments").select("out_trade_no").where("out_trade_no", "=", second).executeTakeFirst(),
    ).toBeUndefined();
  });

  it("refuses a currency the till does not take", async () => {
    await expect(
      ledger.createPayment({ outTradeNo: outTradeNo(), amount: 300, currency: "USD", authCode: code() }, cashier),
    ).rejects.toMatchObject({
      code: "invalid_request",
    });
  });

  it("keeps a 1143 answer pending, then settles it by enquiry once QFPay has it", async () => {
    const id = outTradeNo();
    const { payment } = await ledger.createPayment({ outTradeNo: id, amount: 1143, authCode: code() }, cashier);
    expect(payment).toMatchObject({ status: "pending", respcd: "1143" });
    expect(await settled(id)).toMatchObject({ status: "paid", respcd: "0000" });
    expect(await sandboxRecordsOf(id)).toHaveLength(1);
  });

  it("fails a 1145 payment only when the enquiry says it failed", async () => {
    const id = outTradeNo();
    const { payment } = await ledger.createPayment({ outTradeNo: id, amount: 2000, authCode: code("1145") }, cashier);
    expect(payment.status).toBe("pending");
    expect(await settled(id)).toMatchObject({ status: "failed", failureKind: "other_method" });
  });

  it.each([
    ["1202", "fresh_code"],
    ["1201", "other_method"],
  ])("records QFPay's %s as failed (%s) at once: QFPay documents it as not processed", async (tail, failureKind) => {
    const { payment } = await ledger.createPayment(
      { outTradeNo: outTradeNo(), amount: 1000, authCode: code(tail) },
      cashier,
    );
    expect(payment).toMatchObject({ status: "failed", respcd: tail, failureKind });
  });

  it("confirms a 1294 by enquiry before failing it (issue 8): checking meanwhile, never 'failed' on the answer alone", async () => {
    const id = outTradeNo();
    const { payment } = await ledger.createPayment({ outTradeNo: id, amount: 1000, authCode: code("1294") }, cashier);
    expect(payment).toMatchObject({ status: "pending", respcd: "1294", checking: true, failureKind: null });
    expect(await settled(id)).toMatchObject({ status: "failed", failureKind: "declined", checking: false });
    expect((await eventsOf(id)).map((e) => e.actor)).toContain("resolver");
  });

  it("lists payments newest first", async () => {
    const first = outTradeNo();
    await ledger.createPayment({ outTradeNo: first, amount: 100, authCode: code() }, cashier);
    await new Promise((r) => setTimeout(r, 5));
    const second = outTradeNo();
    await ledger.createPayment({ outTradeNo: second, amount: 200, authCode: code() }, cashier);
    const ids = (await ledger.listPayments({ limit: 200 })).map((p) => p.outTradeNo);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
    expect(ids.indexOf(second)).toBeGreaterThanOrEqual(0);
  });
});
