/**
 * The write-ahead row with one commit before QFPay (issue 10, docs/performance.md §1): when a
 * rate-budget slot is free, the pending row is written already marked sent in the same transaction
 * as its "created" and "sent" events, and that transaction is committed (another connection sees
 * it) before QFPay hears of the payment; the answer is the only other transaction. With the budget
 * busy, the row is still written first and marked sent once a slot frees. A slot taken for a
 * payment that is not sent (a replay, a refusal) goes back to the budget.
 * On SQLite the write-ahead commit is fsynced (synchronous FULL) and only QFPay's answer commits
 * without waiting for the disk; a lost answer is settled again by enquiry (docs/performance.md §8).
 * Runs on SQLite, or PostgreSQL when TEST_DATABASE_URL is set (the other-connection check is SQLite's).
 */
import path from "node:path";
import { randomInt } from "node:crypto";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { startFakeQfpay, type FakeQfpay } from "../../support/fake-qfpay-server";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";
import { watchCommits } from "../../support/sqlite-commits";
import { cashier } from "../../support/test-staff";

let fake: FakeQfpay;
let harness: LedgerHarness;
let db: Kysely<Database>;
let createPayment: typeof import("@/lib/payments/create-payment").createPayment;
let getPayment: typeof import("@/lib/payments/get-payment").getPayment;
let budget: import("@/lib/qfpay/rate-budget").RateBudget;

const outTradeNo = () => `WAL${Date.now()}${randomInt(1e6)}`;
const code = () => `13${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(1e7)).padStart(7, "0")}`;
const paid = (id: string) => ({
  json: {
    respcd: "0000",
    resperr: "",
    respmsg: "",
    syssn: "20261128000300020081074999",
    out_trade_no: id,
    txamt: "500",
    txcurrcd: "HKD",
    txdtm: "2026-11-28 10:00:00",
  },
});

beforeAll(async () => {
  fake = await startFakeQfpay();
  harness = await setUpLedger({ gatewayUrl: fake.url });
  ({ createPayment } = await import("@/lib/payments/create-payment"));
  ({ getPayment } = await import("@/lib/payments/get-payment"));
  db = await (await import("@/lib/db")).getDb();
  const { sharedRateBudget } = await import("@/lib/qfpay/rate-budget");
  const { qfpayConfigFromEnv } = await import("@/lib/qfpay/config");
  budget = sharedRateBudget(qfpayConfigFromEnv());
});
afterAll(async () => {
  await harness?.close();
  await fake?.close();
});

const FULL = 2;
const NORMAL = 1;

describe(`the write-ahead row on ${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"}`, () => {
  it("is committed, already marked sent, in the one transaction before QFPay is called", async () => {
    const id = outTradeNo();
    const transactions = vi.spyOn(db, "transaction");
    const other =
      harness.dialect === "sqlite"
        ? new SQLite(path.join(process.env.POS_DATA_DIR!, "scantill.sqlite"), { readonly: true })
        : null;
    const commits = watchCommits();
    let atGateway: { transactions: number; commits: number[]; row?: unknown; events?: unknown } | null = null;
    fake.reply((request) => {
      atGateway = {
        transactions: transactions.mock.calls.length,
        commits: commits.levels(),
        row: other
          ?.prepare("select status, sent_at, next_check_at from payments where out_trade_no = ?")
          .get(request.params.out_trade_no),
        events: other
          ?.prepare("select from_status, to_status, note from payment_events where out_trade_no = ? order by id")
          .all(request.params.out_trade_no),
      };
      return paid(id);
    });
    try {
      const { payment } = await createPayment({ outTradeNo: id, amount: 500, authCode: code() }, cashier);
      expect(payment.status).toBe("paid");
    } finally {
      transactions.mockRestore();
      commits.stop();
      other?.close();
    }
    expect(atGateway).not.toBeNull();
    const seen = atGateway! as {
      transactions: number;
      commits: number[];
      row?: { status: string; sent_at: string | null; next_check_at: string | null };
      events?: unknown[];
    };
    expect(seen.transactions).toBe(1);
    if (harness.dialect === "sqlite") {
      // The write-ahead commit was fsynced before QFPay heard of the payment; the answer was not.
      expect(seen.commits).toEqual([FULL]);
      expect(commits.levels()).toEqual([FULL, NORMAL]);
      expect(commits.connectionLevel()).toBe(FULL);
      expect(seen.row).toMatchObject({ status: "pending" });
      expect(seen.row?.sent_at).toMatch(/^\d{4}-/);
      expect(seen.row?.next_check_at).toMatch(/^\d{4}-/);
      expect(seen.events).toEqual([
        { from_status: null, to_status: "pending", note: "payment created" },
        { from_status: "pending", to_status: "pending", note: "sent to QFPay /trade/v1/payment" },
      ]);
    }
    const requests = fake.requests.filter((r) => r.params.out_trade_no === id);
    expect(requests).toHaveLength(1);
  });

  it("with the rate budget busy, is written first (a lookup finds it), then marked sent when a slot frees", async () => {
    // Take every slot of this second: the payment must wait for the next one.
    while (budget.tryAcquire() !== null);
    const id = outTradeNo();
    fake.reply(paid(id));
    const pending = createPayment({ outTradeNo: id, amount: 500, authCode: code() }, cashier);
    let waiting: Awaited<ReturnType<typeof getPayment>> | null = null;
    for (let i = 0; i < 50 && waiting === null; i++) {
      await new Promise((r) => setTimeout(r, 20));
      waiting = await getPayment(id).catch(() => null);
    }
    expect(waiting).toMatchObject({ status: "pending" });
    const row = await db
      .selectFrom("payments")
      .select("sent_at")
      .where("out_trade_no", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.sent_at).toBeNull();
    expect(fake.requests.filter((r) => r.params.out_trade_no === id)).toHaveLength(0);

    expect((await pending).payment.status).toBe("paid");
    const notes = await db
      .selectFrom("payment_events")
      .select("note")
      .where("out_trade_no", "=", id)
      .orderBy("id")
      .execute();
    expect(notes.map((n) => n.note)).toEqual(["payment created", "sent to QFPay /trade/v1/payment", null]);
  });

  it("gives the slot back when nothing is sent: a replay, or a code used before", async () => {
    await new Promise((r) => setTimeout(r, 1_100)); // a fresh second of budget
    const id = outTradeNo();
    const authCode = code();
    fake.reply(paid(id));
    await createPayment({ outTradeNo: id, amount: 500, authCode }, cashier);
    const used = budget.usedLastMinute;

    expect((await createPayment({ outTradeNo: id, amount: 500, authCode }, cashier)).created).toBe(false);
    await expect(createPayment({ outTradeNo: outTradeNo(), amount: 500, authCode }, cashier)).rejects.toMatchObject({
      code: "conflict",
    });
    expect(budget.usedLastMinute).toBe(used);
    expect(fake.requests.filter((r) => r.params.auth_code === authCode)).toHaveLength(1);
  });

  // The state at QFPay's call is read from a second SQLite connection, synchronously, inside the fake's reply.
  it.skipIf(!!process.env.TEST_DATABASE_URL)(
    "when a power cut loses the answer, is settled again by enquiry",
    async () => {
      await new Promise((r) => setTimeout(r, 1_100)); // a fresh second of budget
      const id = outTradeNo();
      // What the disk holds for certain when QFPay is called: the write-ahead row and its events.
      const other = new SQLite(path.join(process.env.POS_DATA_DIR!, "scantill.sqlite"), { readonly: true });
      let durable: { row: Record<string, unknown>; lastEvent: number } | null = null;
      fake.reply(() => {
        const row = other.prepare("select * from payments where out_trade_no = ?").get(id) as Record<string, unknown>;
        const last = other.prepare("select max(id) as id from payment_events where out_trade_no = ?").get(id) as {
          id: number;
        };
        durable = { row, lastEvent: last.id };
        return paid(id);
      });
      try {
        expect((await createPayment({ outTradeNo: id, amount: 500, authCode: code() }, cashier)).payment.status).toBe(
          "paid",
        );
      } finally {
        other.close();
      }
      expect(durable).not.toBeNull();
      const { row, lastEvent } = durable!;
      expect(row).toMatchObject({ status: "pending" });

      // The power cut: the answer's commit is gone, the row is as it was when QFPay was called.
      const { out_trade_no: _key, ...fields } = row;
      await db.updateTable("payments").set(fields).where("out_trade_no", "=", id).execute();
      await db.deleteFrom("payment_events").where("out_trade_no", "=", id).where("id", ">", lastEvent).execute();
      expect(await getPayment(id)).toMatchObject({ status: "pending" });

      // The resolver's enquiry finds QFPay's record of the charge and settles it.
      fake.reply({
        json: {
          respcd: "0000",
          resperr: "",
          respmsg: "",
          page: "1",
          page_size: "100",
          data: [
            {
              syssn: "20261128000300020081074999",
              out_trade_no: id,
              order_type: "payment",
              pay_type: "800008",
              txamt: "500",
              txcurrcd: "HKD",
              respcd: "0000",
              errmsg: "交易成功",
              cancel: "0",
            },
          ],
        },
      });
      const { runResolverOnce } = await import("@/lib/payments/resolver");
      await runResolverOnce(undefined, new Date(Date.now() + 60_000));
      expect(await getPayment(id)).toMatchObject({ status: "paid" });
      expect(
        fake.requests.filter((r) => r.path === "/trade/v1/query" && r.params.out_trade_no?.includes(id)),
      ).toHaveLength(1);
    },
  );
});
