/**
 * The ledger's one audited write (lib/db/audited-write.ts) as payments and refunds use it, on a real
 * database: a row and its event rows change together or not at all, a move outside the transition
 * table is refused with the entity's own error, the staff action's audit row is written with the
 * change, the row is locked against a second writer, and only a transaction marked rederivable
 * commits without waiting for the disk. Runs on SQLite, or PostgreSQL when TEST_DATABASE_URL is set.
 */
import { randomInt } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/schema";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";
import { watchCommits } from "../../support/sqlite-commits";
import { cashier, manager } from "../../support/test-staff";
import { unsentPaymentRow } from "../../support/unsent-payment";

let harness: LedgerHarness;
let db: Kysely<Database>;
let m: typeof import("@/lib/db/audited-write") &
  typeof import("@/lib/payments/create-payment") &
  typeof import("@/lib/payments/create-refund") &
  typeof import("@/lib/payments/ledger-writes") &
  typeof import("@/lib/payments/refund-writes") &
  typeof import("@/lib/payments/status");

beforeAll(async () => {
  harness = await setUpLedger();
  m = {
    ...(await import("@/lib/db/audited-write")),
    ...(await import("@/lib/payments/create-payment")),
    ...(await import("@/lib/payments/create-refund")),
    ...(await import("@/lib/payments/ledger-writes")),
    ...(await import("@/lib/payments/refund-writes")),
    ...(await import("@/lib/payments/status")),
  };
  db = await (await import("@/lib/db")).getDb();
});
afterAll(async () => harness?.close());

const id = (p: string) => `${p}${Date.now()}${randomInt(1e9)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const code = () => `13${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(1000)).padStart(3, "0")}0000`;

/** A pending payment and its first event, written through the primitive. */
const newPayment = (outTradeNo: string, at = new Date().toISOString()) =>
  m.ledgerTransaction((trx) =>
    m.insertPayment(trx, unsentPaymentRow(outTradeNo, at), { at, actor: "staff:cashier", note: "payment created" }),
  );

const paymentRow = (outTradeNo: string) =>
  db.selectFrom("payments").selectAll().where("out_trade_no", "=", outTradeNo).executeTakeFirstOrThrow();
const paymentEvents = (outTradeNo: string) =>
  db
    .selectFrom("payment_events")
    .select(["at", "actor", "from_status", "to_status", "respcd", "note"])
    .where("out_trade_no", "=", outTradeNo)
    .orderBy("id")
    .execute();
const auditRows = (subject: string) =>
  db
    .selectFrom("audit_events")
    .select(["at", "action", "actor_username", "subject"])
    .where("subject", "=", subject)
    .orderBy("id")
    .execute();

describe(`the audited write on ${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"}`, () => {
  it("inserts a row with its first event, from no status; a note leaves the row as it is", async () => {
    const outTradeNo = id("AWI");
    const at = "2026-03-01T10:00:00.000Z";
    const row = await newPayment(outTradeNo, at);
    expect(row).toMatchObject({ out_trade_no: outTradeNo, status: "pending", updated_at: at });
    await m.ledgerTransaction((trx) =>
      m.notePayment(trx, outTradeNo, "pending", {
        at: "2026-03-01T10:00:01.000Z",
        actor: "qfpay-notify",
        respcd: "0000",
        note: "n",
      }),
    );
    expect(await paymentEvents(outTradeNo)).toEqual([
      { at, actor: "staff:cashier", from_status: null, to_status: "pending", respcd: null, note: "payment created" },
      {
        at: "2026-03-01T10:00:01.000Z",
        actor: "qfpay-notify",
        from_status: "pending",
        to_status: "pending",
        respcd: "0000",
        note: "n",
      },
    ]);
    expect((await paymentRow(outTradeNo)).updated_at).toBe(at);
  });

  it("writes a status change and its event at one time; the same status is recorded only with a note", async () => {
    const outTradeNo = id("AWC");
    await newPayment(outTradeNo);
    const paid = await m.withLockedPayment(outTradeNo, (trx, row) =>
      m.writePaymentChange(trx, row!, { to: "paid", fields: { respcd: "0000" }, actor: "gateway", respcd: "0000" }),
    );
    expect(paid).toMatchObject({ status: "paid", respcd: "0000" });
    const [, change] = await paymentEvents(outTradeNo);
    expect(change).toEqual({
      at: paid.updated_at,
      actor: "gateway",
      from_status: "pending",
      to_status: "paid",
      respcd: "0000",
      note: null,
    });

    await m.withLockedPayment(outTradeNo, (trx, row) =>
      m.writePaymentChange(trx, row!, { fields: { check_count: 2 }, actor: "resolver" }),
    );
    expect(await paymentEvents(outTradeNo)).toHaveLength(2);
    expect((await paymentRow(outTradeNo)).check_count).toBe(2);
    await m.withLockedPayment(outTradeNo, (trx, row) =>
      m.writePaymentChange(trx, row!, { actor: "resolver", note: "looked again" }),
    );
    expect((await paymentEvents(outTradeNo)).at(-1)).toMatchObject({
      from_status: "paid",
      to_status: "paid",
      note: "looked again",
    });
  });

  it("refuses a move outside the transition table with the entity's own error, and writes nothing", async () => {
    const outTradeNo = id("AWX");
    await newPayment(outTradeNo);
    await m.withLockedPayment(outTradeNo, (trx, row) =>
      m.writePaymentChange(trx, row!, { to: "failed", actor: "gateway" }),
    );
    const before = await paymentRow(outTradeNo);
    await expect(
      m.withLockedPayment(outTradeNo, (trx, row) =>
        m.writePaymentChange(trx, row!, { to: "paid", fields: { respcd: "0000" }, actor: "gateway" }),
      ),
    ).rejects.toThrow(m.IllegalTransitionError);
    expect(await paymentRow(outTradeNo)).toEqual(before);
    expect(await paymentEvents(outTradeNo)).toHaveLength(2);

    // A refund QFPay confirmed (the sandbox over HTTP): final, so it never moves back to pending.
    const charged = id("AWP");
    await m.createPayment({ outTradeNo: charged, amount: 500, authCode: code() }, cashier);
    const refundNo = id("AWR");
    const { refund } = await m.createRefund(charged, { amount: 100, outTradeNo: refundNo }, manager);
    expect(refund.status).toBe("succeeded");
    await expect(
      m.withLockedRefund(refundNo, (trx, row) => m.writeRefundChange(trx, row!, { to: "pending", actor: "test" })),
    ).rejects.toThrow("illegal refund status change succeeded → pending");
    const refundEvents = await db
      .selectFrom("refund_events")
      .select(["from_status", "to_status"])
      .where("refund_out_trade_no", "=", refundNo)
      .execute();
    expect(refundEvents.at(-1)).toEqual({ from_status: "pending", to_status: "succeeded" });
  });

  it("writes the staff action's audit row with the change, and neither when the transaction fails", async () => {
    const outTradeNo = id("AWA");
    await newPayment(outTradeNo);
    const audit = { action: "payment_cancel", actor: { id: "u1", username: "cashier" }, subject: outTradeNo } as const;
    const changed = await m.withLockedPayment(outTradeNo, (trx, row) =>
      m.writePaymentChange(trx, row!, { to: "cancelled", actor: "staff:cashier", note: "cancelled", audit }),
    );
    expect(await auditRows(outTradeNo)).toEqual([
      { at: changed.updated_at, action: "payment_cancel", actor_username: "cashier", subject: outTradeNo },
    ]);

    const other = id("AWF");
    await newPayment(other);
    const before = await paymentRow(other);
    await expect(
      m.withLockedPayment(other, async (trx, row) => {
        await m.writePaymentChange(trx, row!, {
          to: "cancelled",
          actor: "staff:cashier",
          note: "cancelled",
          audit: { ...audit, subject: other },
        });
        throw new Error("the caller fails after the write");
      }),
    ).rejects.toThrow("the caller fails after the write");
    expect(await paymentRow(other)).toEqual(before);
    expect(await paymentEvents(other)).toHaveLength(1);
    expect(await auditRows(other)).toEqual([]);
  });

  it("locks the row: a second writer waits for the first to commit, then sees its change", async () => {
    const outTradeNo = id("AWL");
    await newPayment(outTradeNo);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const firstIn = new Promise<void>((r) => (entered = r));
    const first = m.withLockedPayment(outTradeNo, async (trx, row) => {
      entered();
      await gate;
      return m.writePaymentChange(trx, row!, { fields: { check_count: 5 }, actor: "resolver" });
    });
    await firstIn;
    let seen: number | undefined;
    const second = m.withLockedPayment(outTradeNo, async (_trx, row) => {
      seen = Number(row!.check_count);
    });
    await sleep(150);
    expect(seen).toBeUndefined();
    release();
    await Promise.all([first, second]);
    expect(seen).toBe(5);
  });

  it("commits without waiting for the disk only when the write says rederivable", async () => {
    const outTradeNo = id("AWD");
    await newPayment(outTradeNo);
    const touch = (durability?: "rederivable") =>
      m.withLockedPayment(
        outTradeNo,
        async (trx, row) => {
          await m.writePaymentChange(trx, row!, {
            fields: { check_count: Number(row!.check_count) + 1 },
            actor: "resolver",
          });
          if (harness.dialect !== "postgres") return null;
          const { rows } = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(trx);
          return rows[0]?.synchronous_commit ?? null;
        },
        durability,
      );
    if (harness.dialect === "postgres") {
      expect(await touch()).toBe("on");
      expect(await touch("rederivable")).toBe("off");
      return;
    }
    const commits = watchCommits();
    try {
      await touch();
      await touch("rederivable");
      await touch();
      expect(commits.levels()).toEqual([2, 1, 2]); // FULL, NORMAL, FULL
    } finally {
      commits.stop();
    }
  });
});
