/**
 * The adversarial fault kinds, over real HTTP with signed requests: answers QFPay's documents allow
 * that do not tell the till what the customer was charged. For each kind: the /payment (or
 * reversal) answer, the enquiry rows, `/_sandbox/transactions` (the truth of what was charged) and,
 * where money moves after a failure answer, the success notification.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_APP_CODE, FaultInputError, startSandbox, type RunningSandbox } from "../../../sandbox/server";
import {
  callJson,
  hkTime,
  orderNo,
  paymentCode,
  paymentFields,
  Receiver,
  sleep,
  waitFor,
  type Answer,
  type Fields,
  type WalletName,
} from "../../support/sandbox-client";

const PENDING_MS = 800;

type Row = Record<string, string | null>;
type SandboxTx = {
  out_trade_no: string;
  syssn: string;
  txamt: string;
  requested_txamt: string;
  charged_amount: string;
  respcd: string;
  answer_respcd: string;
  status: string;
  charged: boolean;
  cancel: string;
  faults: string[];
  settlesAt: string | null;
  reversal: { kind: string; was: string } | null;
};

function harness(getSandbox: () => RunningSandbox) {
  const base = () => getSandbox().url;
  return {
    pay: (fields: Fields) => callJson(base(), "/trade/v1/payment", fields),
    query: (fields: Fields) => callJson(base(), "/trade/v1/query", fields),
    rows: async (fields: Fields) => (await callJson(base(), "/trade/v1/query", fields)).data as Row[],
    reverse: (fields: Fields) => callJson(base(), "/trade/v1/reversal", fields),
    close: (fields: Fields) => callJson(base(), "/trade/v1/close", fields),
    refund: (fields: Fields) => callJson(base(), "/trade/v1/refund", fields),
    transactions: async () => (await (await fetch(`${base()}/_sandbox/transactions`)).json()) as SandboxTx[],
    tx: async (no: string) =>
      ((await (await fetch(`${base()}/_sandbox/transactions`)).json()) as SandboxTx[]).find(
        (t) => t.out_trade_no === no,
      ),
    setFaults: async (body: unknown) => {
      const res = await fetch(`${base()}/_sandbox/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      return {
        status: res.status,
        body: (await res.json()) as { rules?: Array<Record<string, unknown>>; error?: { code: string } },
      };
    },
  };
}

describe("adversarial fault kinds", () => {
  let sandbox: RunningSandbox;
  const receiver = new Receiver();
  const h = harness(() => sandbox);
  const undo = (fields: Fields) => ({ out_trade_no: fields.out_trade_no!, txamt: fields.txamt!, txdtm: hkTime() });
  const notification = (no: string) => sandbox.notifications.list().find((n) => n.out_trade_no === no);

  beforeAll(async () => {
    await receiver.start();
    sandbox = await startSandbox({
      port: 0,
      pendingMs: PENDING_MS,
      slowMs: 300,
      seed: 11,
      notifyUrl: `${receiver.origin}/notify`,
      notifyScale: 0.001,
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await receiver.stop();
  });
  afterEach(() => {
    sandbox.faults.clear();
  });

  describe("charged_despite_failure", () => {
    it("answers a failure code with a syssn while the customer is charged, notified and shown paid", async () => {
      sandbox.faults.set({ path: "/trade/v1/payment", kind: "charged_despite_failure", respcd: "1297", count: 1 });
      const fields = paymentFields();
      const answer = await h.pay(fields);
      expect(answer).toMatchObject({
        respcd: "1297",
        resperr: expect.stringMatching(/\(1297\)$/),
        out_trade_no: fields.out_trade_no,
        chnlsn: "",
        cardcd: "",
      });
      expect(answer.syssn).toMatch(/^\d{26}$/);

      const rows = await h.rows({ out_trade_no: fields.out_trade_no! });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ syssn: answer.syssn, respcd: "0000", cancel: "0", txamt: "1250" });
      expect(await h.tx(fields.out_trade_no!)).toMatchObject({
        syssn: answer.syssn,
        status: "paid",
        charged: true,
        charged_amount: "1250",
        respcd: "0000",
        answer_respcd: "1297",
        faults: ["charged_despite_failure"],
      });
      // Sent like any success (docs/qfpay.md §7): the till learns of the charge only from here or from a query.
      const note = await waitFor(async () => {
        const n = await notification(fields.out_trade_no!);
        return n?.state === "delivered" ? n : undefined;
      });
      expect(note).toMatchObject({ notify_type: "payment", syssn: answer.syssn, state: "delivered" });
      expect(receiver.bodiesFor(fields.out_trade_no!)[0]).toMatchObject({ respcd: "0000", txamt: "1250", cancel: "0" });

      // count 1 is used up: the next payment is honest.
      expect((await h.pay(paymentFields())).respcd).toBe("0000");
    });

    it("without respcd draws among 1296/1297/1204/1147 from the seeded PRNG, the same way for the same seed", async () => {
      const campaign = async () => {
        sandbox.faults.set({ seed: 5, rules: [{ kind: "charged_despite_failure" }] });
        const codes: string[] = [];
        for (let i = 0; i < 10; i++) codes.push((await h.pay(paymentFields())).respcd as string);
        return codes;
      };
      const first = await campaign();
      expect(await campaign()).toEqual(first);
      expect(first.every((c) => ["1296", "1297", "1204", "1147"].includes(c))).toBe(true);
      expect(new Set(first).size).toBeGreaterThan(1);
    });

    it("cannot charge a code that was already presented (1202 as usual, fault not noted)", async () => {
      const used = paymentCode();
      expect((await h.pay(paymentFields({ auth_code: used }))).respcd).toBe("0000");
      sandbox.faults.set({ kind: "charged_despite_failure", respcd: "1204" });
      const again = paymentFields({ auth_code: used });
      expect((await h.pay(again)).respcd).toBe("1202");
      expect(await h.tx(again.out_trade_no!)).toMatchObject({
        status: "failed",
        charged: false,
        charged_amount: "0",
        faults: [],
      });
    });
  });

  describe("duplicate_1251", () => {
    it("charges normally but answers 1251 with no syssn; the enquiry shows the charge", async () => {
      sandbox.faults.set({ kind: "duplicate_1251", count: 1 });
      const fields = paymentFields();
      const answer = await h.pay(fields);
      expect(answer).toMatchObject({
        respcd: "1251",
        resperr: "Do not use duplicate out_trade_no for request(1251)",
        out_trade_no: fields.out_trade_no,
      });
      expect(answer).not.toHaveProperty("syssn");
      const rows = await h.rows({ out_trade_no: fields.out_trade_no! });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ respcd: "0000", cancel: "0" });
      expect(await h.tx(fields.out_trade_no!)).toMatchObject({
        status: "paid",
        charged: true,
        charged_amount: "1250",
        answer_respcd: "1251",
        faults: ["duplicate_1251"],
      });
    });

    it("a genuinely repeated out_trade_no answers the same 1251 and leaves the record untouched", async () => {
      const fields = paymentFields({ auth_code: paymentCode("1201") }); // a failed first attempt
      const first = await h.pay(fields);
      expect(first.respcd).toBe("1201");
      const before = await h.tx(fields.out_trade_no!);
      for (const repeat of [fields, { ...fields, auth_code: paymentCode(), txamt: "999" }]) {
        const answer = await h.pay(repeat);
        expect(answer).toMatchObject({
          respcd: "1251",
          resperr: "Do not use duplicate out_trade_no for request(1251)",
          respmsg: "out_trade_no is used",
        });
        expect(answer).not.toHaveProperty("syssn");
      }
      const records = (await h.transactions()).filter((t) => t.out_trade_no === fields.out_trade_no);
      expect(records).toEqual([before]);
      expect(records[0]).toMatchObject({ syssn: first.syssn, respcd: "1201", status: "failed", charged: false });
    });
  });

  describe("not_found_lag", () => {
    it("hides a payment created under the rule from every enquiry for lagMs; other rows are unaffected", async () => {
      sandbox.faults.set({ kind: "not_found_lag", lagMs: 1500 });
      const lagged = paymentFields();
      const answer = await h.pay(lagged);
      expect(answer.respcd).toBe("0000");
      sandbox.faults.clear();
      const visible = paymentFields();
      await h.pay(visible);

      expect(await h.rows({ out_trade_no: lagged.out_trade_no! })).toEqual([]);
      expect(await h.rows({ syssn: answer.syssn as string })).toEqual([]);
      const both = await h.rows({ out_trade_no: `${lagged.out_trade_no},${visible.out_trade_no}` });
      expect(both.map((r) => r.out_trade_no)).toEqual([visible.out_trade_no]);
      const windowed = await h.rows({ start_time: hkTime(Date.now() - 60_000), page_size: "100" });
      expect(windowed.some((r) => r.out_trade_no === visible.out_trade_no)).toBe(true);
      expect(windowed.some((r) => r.out_trade_no === lagged.out_trade_no)).toBe(false);
      // The truth: charged all along.
      expect(await h.tx(lagged.out_trade_no!)).toMatchObject({
        status: "paid",
        charged: true,
        faults: ["not_found_lag"],
      });

      await sleep(1550);
      expect(await h.rows({ out_trade_no: lagged.out_trade_no! })).toMatchObject([
        { syssn: answer.syssn, respcd: "0000" },
      ]);
    });

    it("is drawn once per transaction, not per query: each payment is consistently hidden or found", async () => {
      sandbox.faults.set({ seed: 3, rules: [{ kind: "not_found_lag", lagMs: 5000, probability: 0.5 }] });
      const payments: Fields[] = [];
      for (let i = 0; i < 12; i++) {
        const fields = paymentFields();
        await h.pay(fields);
        payments.push(fields);
      }
      const lagged = new Set(
        (await h.transactions()).filter((t) => t.faults.includes("not_found_lag")).map((t) => t.out_trade_no),
      );
      const ours = payments.filter((p) => lagged.has(p.out_trade_no!)).length;
      expect(ours).toBeGreaterThan(0);
      expect(ours).toBeLessThan(12);
      for (let round = 0; round < 3; round++) {
        for (const p of payments) {
          const found = (await h.rows({ out_trade_no: p.out_trade_no! })).length;
          expect(found, `${p.out_trade_no} round ${round}`).toBe(lagged.has(p.out_trade_no!) ? 0 : 1);
        }
      }
    });

    it("does not act on payments made before the rule, and only acts on /trade/v1/query", async () => {
      const earlier = paymentFields();
      await h.pay(earlier);
      sandbox.faults.set({ kind: "not_found_lag" });
      expect(await h.rows({ out_trade_no: earlier.out_trade_no! })).toHaveLength(1);
      expect(sandbox.faults.list()[0]).toMatchObject({ kind: "not_found_lag", lagMs: 3000 }); // the default
      expect((await h.setFaults({ path: "/trade/v1/payment", kind: "not_found_lag" })).status).toBe(400);
      expect((await h.setFaults({ path: "/trade/v1/query", kind: "not_found_lag", lagMs: 1000 })).status).toBe(200);
    });
  });

  describe("companion_rows", () => {
    it("lists a refund-typed companion first under the payment's out_trade_no; the payment is untouched", async () => {
      sandbox.faults.set({ kind: "companion_rows", companion: "refund", count: 1 });
      const fields = paymentFields();
      const answer = await h.pay(fields);
      const rows = await h.rows({ out_trade_no: fields.out_trade_no! });
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        order_type: "refund",
        out_trade_no: fields.out_trade_no,
        origssn: answer.syssn,
        respcd: "0000",
        cancel: "0",
        txamt: "1250",
      });
      expect(rows[0]!.syssn).toMatch(/^\d{26}$/);
      expect(rows[0]!.syssn).not.toBe(answer.syssn);
      expect(rows[1]).toMatchObject({ order_type: "payment", syssn: answer.syssn, origssn: null, respcd: "0000" });
      // By the payment's syssn only the payment; by the companion's only the companion.
      expect((await h.rows({ syssn: answer.syssn as string })).map((r) => r.syssn)).toEqual([answer.syssn]);
      expect((await h.rows({ syssn: rows[0]!.syssn! })).map((r) => r.order_type)).toEqual(["refund"]);
      // Nothing can be done with the companion's syssn.
      expect(
        (await h.refund({ syssn: rows[0]!.syssn!, out_trade_no: orderNo("R"), txamt: "100", txdtm: hkTime() })).respcd,
      ).toBe("1136");
      const record = await h.tx(fields.out_trade_no!);
      expect(record).toMatchObject({
        syssn: answer.syssn,
        status: "paid",
        charged: true,
        charged_amount: "1250",
        faults: ["companion_rows"],
      });
      expect(record!.cancel).toBe("0");
    });

    it("a 'payment' companion with origssn says 0000 while the real attempt failed", async () => {
      sandbox.faults.set({ kind: "companion_rows", companion: "payment" });
      const fields = paymentFields({ auth_code: paymentCode("1201") });
      const answer = await h.pay(fields);
      expect(answer.respcd).toBe("1201");
      const rows = await h.rows({ out_trade_no: fields.out_trade_no! });
      expect(rows.map((r) => [r.order_type, r.respcd, r.origssn])).toEqual([
        ["payment", "0000", answer.syssn],
        ["payment", "1201", null],
      ]);
      // A time-window enquiry shows it too, just before (newer than) its payment.
      const windowed = (await h.rows({ start_time: hkTime(Date.now() - 60_000), page_size: "100" })).filter(
        (r) => r.out_trade_no === fields.out_trade_no,
      );
      expect(windowed.map((r) => r.respcd)).toEqual(["0000", "1201"]);
      expect(await h.tx(fields.out_trade_no!)).toMatchObject({
        status: "failed",
        charged: false,
        charged_amount: "0",
        faults: ["companion_rows"],
      });
    });

    it("without companion draws the shape per transaction from the seeded PRNG", async () => {
      sandbox.faults.set({ seed: 8, rules: [{ kind: "companion_rows" }] });
      const shapes: string[] = [];
      for (let i = 0; i < 10; i++) {
        const fields = paymentFields();
        await h.pay(fields);
        shapes.push((await h.rows({ out_trade_no: fields.out_trade_no! }))[0]!.order_type!);
      }
      expect(new Set(shapes)).toEqual(new Set(["refund", "payment"]));
    });
  });

  describe("amount_mismatch", () => {
    it("charges txamt + amountDelta; answer, row, notification and the record all carry the charged amount", async () => {
      sandbox.faults.set({ kind: "amount_mismatch", amountDelta: 50, count: 1 });
      const fields = paymentFields({ txamt: "1250" });
      const answer = await h.pay(fields);
      expect(answer).toMatchObject({ respcd: "0000", txamt: "1300" });
      expect(await h.rows({ out_trade_no: fields.out_trade_no! })).toMatchObject([
        { txamt: "1300", respcd: "0000", cancel: "0" },
      ]);
      expect(await h.tx(fields.out_trade_no!)).toMatchObject({
        txamt: "1300",
        requested_txamt: "1250",
        charged_amount: "1300",
        status: "paid",
        charged: true,
        faults: ["amount_mismatch"],
      });
      await waitFor(() => {
        const b = receiver.bodiesFor(fields.out_trade_no!);
        return b.length > 0 ? b : undefined;
      });
      expect(receiver.bodiesFor(fields.out_trade_no!)[0]).toMatchObject({ txamt: "1300" });
    });

    it("defaults to one minor unit more, and never charges less than 1", async () => {
      sandbox.faults.set([
        { kind: "amount_mismatch", count: 1 },
        { kind: "amount_mismatch", amountDelta: -5000, count: 1 },
      ]);
      const plus = paymentFields({ txamt: "990" });
      expect((await h.pay(plus)).txamt).toBe("991");
      const floor = paymentFields({ txamt: "300" });
      expect((await h.pay(floor)).txamt).toBe("1");
      expect(await h.tx(floor.out_trade_no!)).toMatchObject({ requested_txamt: "300", charged_amount: "1" });
      expect(() => sandbox.faults.set({ kind: "amount_mismatch", amountDelta: 0 })).toThrow(FaultInputError);
    });
  });

  describe("reversal_pending", () => {
    it("reversal answers 1145 and the payment stays undecided for pendingMs, then cancelled (never charged)", async () => {
      const fields = paymentFields({ auth_code: paymentCode("1143") }); // would pay after PENDING_MS
      const paid = await h.pay(fields);
      expect(paid.respcd).toBe("1143");
      sandbox.faults.set({ kind: "reversal_pending", pendingMs: 1200, count: 1 });
      const reversal = await h.reverse(undo(fields));
      expect(reversal).toMatchObject({
        respcd: "1145",
        resperr: expect.stringMatching(/\(1145\)$/),
        orig_syssn: paid.syssn,
      });
      expect(await h.rows({ out_trade_no: fields.out_trade_no! })).toMatchObject([{ respcd: "1145", cancel: "0" }]);
      expect(await h.tx(fields.out_trade_no!)).toMatchObject({
        status: "pending",
        charged: false,
        faults: ["reversal_pending"],
        reversal: { kind: "reversal", was: "pending" },
      });
      // A repeat while in progress is told the same, with the same reversal syssn.
      expect(await h.reverse(undo(fields))).toMatchObject({ respcd: "1145", syssn: reversal.syssn });

      await sleep(1250);
      expect(await h.rows({ out_trade_no: fields.out_trade_no! })).toMatchObject([{ respcd: "1263", cancel: "1" }]);
      expect(await h.tx(fields.out_trade_no!)).toMatchObject({
        status: "cancelled",
        charged: false,
        charged_amount: "0",
      });
      expect(await h.reverse(undo(fields))).toMatchObject({ respcd: "0000", syssn: reversal.syssn });
      expect(notification(fields.out_trade_no!)).toBeUndefined();
    });

    it("close: 1145, then 1142 with cancel 2; the default spell is the sandbox's pendingMs", async () => {
      const fields = paymentFields({ auth_code: paymentCode("1145") });
      await h.pay(fields);
      sandbox.faults.set({ kind: "reversal_pending", path: "/trade/v1/close" });
      expect((await h.close(undo(fields))).respcd).toBe("1145");
      expect((await h.rows({ out_trade_no: fields.out_trade_no! }))[0]).toMatchObject({ respcd: "1145" });
      await sleep(PENDING_MS + 50);
      expect((await h.rows({ out_trade_no: fields.out_trade_no! }))[0]).toMatchObject({ respcd: "1142", cancel: "2" });
    });

    it("a payment that already completed keeps the existing rules", async () => {
      const fields = paymentFields({ pay_type: "800208" });
      expect((await h.pay(fields)).respcd).toBe("0000");
      sandbox.faults.set({ kind: "reversal_pending" });
      expect((await h.close(undo(fields))).respcd).toBe("1260");
      expect((await h.reverse(undo(fields))).respcd).toBe("1260");
      expect(await h.tx(fields.out_trade_no!)).toMatchObject({ status: "paid", charged: true, faults: [] });
    });
  });

  describe("code_expiry", () => {
    const issue = async (wallet: WalletName = "wechat") =>
      ((await (await fetch(`${sandbox.url}/_sandbox/code?wallet=${wallet}`)).json()) as { code: string }).code;

    it("refuses an issued code older than codeLifetimeMs with 1202, recorded as a failed attempt with a syssn", async () => {
      const old = await issue();
      await sleep(900);
      // count 1 is kept for the request it really refuses: a fresh code passes first.
      sandbox.faults.set({ kind: "code_expiry", codeLifetimeMs: 800, count: 1 });
      const fresh = paymentFields({ auth_code: await issue() });
      expect((await h.pay(fresh)).respcd).toBe("0000");
      const expired = paymentFields({ auth_code: old });
      const answer = await h.pay(expired);
      expect(answer).toMatchObject({ respcd: "1202", resperr: expect.stringMatching(/\(1202\)$/) });
      expect(answer.syssn).toMatch(/^\d{26}$/);
      expect(await h.rows({ out_trade_no: expired.out_trade_no! })).toMatchObject([
        { syssn: answer.syssn, respcd: "1202", cancel: "0" },
      ]);
      expect(await h.tx(expired.out_trade_no!)).toMatchObject({
        status: "failed",
        charged: false,
        charged_amount: "0",
        faults: ["code_expiry"],
      });
      expect(sandbox.faults.list()[0]).toMatchObject({ remaining: 0, hits: 1 });
    });

    it("defaults to the code's own lifetime and leaves codes the sandbox did not issue alone", async () => {
      const short = await startSandbox({ port: 0, codeLifetimeMs: 1000 });
      try {
        const s = harness(() => short);
        const old = ((await (await fetch(`${short.url}/_sandbox/code`)).json()) as { code: string }).code;
        const young = ((await (await fetch(`${short.url}/_sandbox/code`)).json()) as { code: string }).code;
        short.faults.set({ kind: "code_expiry" });
        await sleep(1100);
        expect((await s.pay(paymentFields({ auth_code: old }))).respcd).toBe("1202");
        expect((await s.pay(paymentFields({ auth_code: paymentCode() }))).respcd).toBe("0000"); // not issued here
        short.faults.clear();
        expect((await s.pay(paymentFields({ auth_code: young }))).respcd).toBe("0000"); // no rule, no expiry
      } finally {
        await short.close();
      }
    });
  });

  describe("txdtm_skew", () => {
    it("refuses a txdtm beyond skewLimitMs with a request-level 1104: no syssn, nothing recorded, out_trade_no still free", async () => {
      sandbox.faults.set({ kind: "txdtm_skew", skewLimitMs: 60_000 });
      const skewed = paymentFields({ txdtm: hkTime(Date.now() - 10 * 60_000) });
      const answer = await h.pay(skewed);
      expect(answer.respcd).toBe("1104");
      expect(answer.resperr).toMatch(/txdtm.*\(1104\)$/);
      expect(answer).not.toHaveProperty("syssn");
      expect(await h.tx(skewed.out_trade_no!)).toBeUndefined();
      expect(await h.rows({ out_trade_no: skewed.out_trade_no! })).toEqual([]);
      // The docs/qfpay.md §13 pitfall: UTC sent as if it were HK time is 8 h off.
      const utc = paymentFields({ txdtm: new Date().toISOString().slice(0, 19).replace("T", " ") });
      expect((await h.pay(utc)).respcd).toBe("1104");
      // Within the limit, and the refused out_trade_no with a good clock, are accepted.
      expect((await h.pay(paymentFields({ txdtm: hkTime(Date.now() + 30_000) }))).respcd).toBe("0000");
      expect((await h.pay({ ...skewed, txdtm: hkTime() })).respcd).toBe("0000");
      expect(await h.tx(skewed.out_trade_no!)).toMatchObject({ status: "paid", faults: [] });
    });

    it("defaults to 5 minutes", async () => {
      sandbox.faults.set({ kind: "txdtm_skew" });
      expect((await h.pay(paymentFields({ txdtm: hkTime(Date.now() - 4 * 60_000) }))).respcd).toBe("0000");
      expect((await h.pay(paymentFields({ txdtm: hkTime(Date.now() + 6 * 60_000) }))).respcd).toBe("1104");
    });
  });

  describe("wrong_wallet_pay_type (always on by default)", () => {
    it("refuses another wallet's code with 1212, a failed attempt with a syssn, not charged; the code stays good", async () => {
      const wechat = paymentCode("0001", "wechat");
      const refused = paymentFields({ pay_type: "800108", auth_code: wechat });
      const answer = await h.pay(refused);
      expect(answer).toMatchObject({
        respcd: "1212",
        resperr: expect.stringMatching(/\(1212\)$/),
        pay_type: "800108",
        chnlsn: "",
      });
      expect(answer.syssn).toMatch(/^\d{26}$/);
      expect(await h.rows({ out_trade_no: refused.out_trade_no! })).toMatchObject([
        { syssn: answer.syssn, respcd: "1212", cancel: "0" },
      ]);
      expect(await h.tx(refused.out_trade_no!)).toMatchObject({
        status: "failed",
        charged: false,
        faults: ["wrong_wallet_pay_type"],
      });
      // The code never reached WeChat: under its own pay_type it pays.
      expect((await h.pay(paymentFields({ pay_type: "800208", auth_code: wechat }))).respcd).toBe("0000");
    });

    it("covers Alipay under 800208/801008 and UnionPay under 800108/800208; never 800008, 805808 or unknown formats", async () => {
      const cases: Array<[string, WalletName, string]> = [
        ["800208", "alipay", "1212"],
        ["801008", "alipay", "1212"],
        ["800108", "unionpay", "1212"],
        ["800208", "unionpay", "1212"],
        ["800708", "wechat", "1212"],
        ["800108", "alipay", "0000"],
        ["801008", "wechat", "0000"],
        ["800708", "unionpay", "0000"],
        ["800008", "wechat", "0000"],
        ["800008", "alipay", "0000"],
        ["800008", "unionpay", "0000"],
        ["805808", "wechat", "0000"],
      ];
      for (const [payType, wallet, expected] of cases) {
        expect(
          (await h.pay(paymentFields({ pay_type: payType, auth_code: paymentCode("0001", wallet) }))).respcd,
          `${wallet} under ${payType}`,
        ).toBe(expected);
      }
      expect((await h.pay(paymentFields({ pay_type: "800108", auth_code: "APTH7309962819735668" }))).respcd).toBe(
        "0000",
      );
    });

    it("with walletCheck off it is a fault kind: only a rule refuses, per request, and count is kept for mismatches", async () => {
      const off = await startSandbox({ port: 0, walletCheck: false, seed: 4 });
      try {
        const s = harness(() => off);
        expect((await s.pay(paymentFields({ pay_type: "800108", auth_code: paymentCode() }))).respcd).toBe("0000");
        off.faults.set({ kind: "wrong_wallet_pay_type", count: 1 });
        expect((await s.pay(paymentFields({ pay_type: "800208", auth_code: paymentCode() }))).respcd).toBe("0000"); // matching wallet
        expect((await s.pay(paymentFields({ pay_type: "800108", auth_code: paymentCode() }))).respcd).toBe("1212");
        expect((await s.pay(paymentFields({ pay_type: "800108", auth_code: paymentCode() }))).respcd).toBe("0000"); // count used up
        const over = await s.setFaults({ seed: 4, rules: [{ kind: "wrong_wallet_pay_type", probability: 0.5 }] });
        expect(over.status).toBe(200);
        const answers: string[] = [];
        for (let i = 0; i < 16; i++)
          answers.push((await s.pay(paymentFields({ pay_type: "800108", auth_code: paymentCode() }))).respcd as string);
        expect(answers).toContain("1212");
        expect(answers).toContain("0000");
      } finally {
        await off.close();
      }
    });
  });

  describe("late_success", () => {
    it("answers 1205, shows failed, then turns paid after lateMs and is notified with the normal retry schedule", async () => {
      sandbox.faults.set({ kind: "late_success", lateMs: 1200, count: 1 });
      const fields = paymentFields();
      receiver.failFirst(fields.out_trade_no!, 1);
      const answer = await h.pay(fields);
      expect(answer).toMatchObject({ respcd: "1205", resperr: expect.stringMatching(/\(1205\)$/), chnlsn: "" });
      expect(await h.rows({ out_trade_no: fields.out_trade_no! })).toMatchObject([
        { syssn: answer.syssn, respcd: "1205", cancel: "0" },
      ]);
      // The truth: not charged yet, but the wallet order is still open.
      expect(await h.tx(fields.out_trade_no!)).toMatchObject({
        status: "pending",
        charged: false,
        respcd: "1205",
        answer_respcd: "1205",
        faults: ["late_success"],
      });
      expect(notification(fields.out_trade_no!)).toBeUndefined();

      await sleep(1250);
      expect(await h.rows({ out_trade_no: fields.out_trade_no! })).toMatchObject([{ respcd: "0000", cancel: "0" }]);
      expect(await h.tx(fields.out_trade_no!)).toMatchObject({ status: "paid", charged: true, charged_amount: "1250" });
      // First attempt refused by the receiver, retried 2 min × notifyScale later.
      const note = await waitFor(async () => {
        const n = await notification(fields.out_trade_no!);
        return n?.state === "delivered" ? n : undefined;
      });
      expect(note).toMatchObject({ notify_type: "payment", syssn: answer.syssn, state: "delivered" });
      expect(note!.attempts.map((a) => a.ok)).toEqual([false, true]);
      expect(receiver.bodiesFor(fields.out_trade_no!).every((b) => b.respcd === "0000")).toBe(true);
    });

    it("a reversal during the failed spell cancels the open order: it never pays", async () => {
      sandbox.faults.set({ kind: "late_success", lateMs: 1000, count: 1 });
      const fields = paymentFields();
      expect((await h.pay(fields)).respcd).toBe("1205");
      expect((await h.reverse(undo(fields))).respcd).toBe("0000");
      await sleep(1050);
      expect(await h.rows({ out_trade_no: fields.out_trade_no! })).toMatchObject([{ respcd: "1263", cancel: "1" }]);
      expect(await h.tx(fields.out_trade_no!)).toMatchObject({ status: "cancelled", charged: false });
      expect(notification(fields.out_trade_no!)).toBeUndefined();
    });
  });

  describe("what the enquiry and /_sandbox/transactions must always show", () => {
    it("failed attempts are enquiry rows with their own respcd; request-level rejections are not recorded", async () => {
      for (const tail of ["1201", "1202", "1294"]) {
        const fields = paymentFields({ auth_code: paymentCode(tail) });
        const answer = await h.pay(fields);
        expect(answer.respcd).toBe(tail);
        expect(await h.rows({ out_trade_no: fields.out_trade_no! })).toMatchObject([
          { syssn: answer.syssn, respcd: tail, order_type: "payment" },
        ]);
      }
      const missing = paymentFields();
      delete missing.auth_code;
      expect((await h.pay(missing)).respcd).toBe("1104");
      expect(await h.tx(missing.out_trade_no!)).toBeUndefined();
      const badSign = await fetch(`${sandbox.url}/trade/v1/payment`, {
        method: "POST",
        headers: {
          "X-QF-APPCODE": DEMO_APP_CODE,
          "X-QF-SIGN": "0".repeat(32),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(paymentFields({ out_trade_no: "BADSIGN1" })).toString(),
      });
      expect(((await badSign.json()) as Answer).respcd).toBe("1108");
      expect(await h.tx("BADSIGN1")).toBeUndefined();
    });

    it("every transaction lists out_trade_no, syssn, status, the amount charged and its faults", async () => {
      sandbox.faults.set({ kind: "charged_despite_failure", respcd: "1147", count: 1 });
      await h.pay(paymentFields());
      for (const t of await h.transactions()) {
        expect(typeof t.out_trade_no).toBe("string");
        expect(t.syssn).toMatch(/^\d{26}$/);
        expect(["paid", "pending", "failed", "cancelled"]).toContain(t.status);
        expect(t.charged_amount).toBe(t.charged ? t.txamt : "0");
        expect(Array.isArray(t.faults)).toBe(true);
      }
    });

    it("rule options are validated over HTTP", async () => {
      for (const bad of [
        { kind: "charged_despite_failure", respcd: "0000" },
        { kind: "charged_despite_failure", lagMs: 10 },
        { kind: "companion_rows", companion: "reversal" },
        { kind: "late_success", lateMs: -1 },
        { kind: "txdtm_skew", path: "/trade/v1/query" },
        { kind: "reversal_pending", path: "/trade/v1/payment" },
        { kind: "code_expiry", codeLifetimeMs: "60000" },
      ]) {
        const res = await h.setFaults(bad);
        expect(res.status, JSON.stringify(bad)).toBe(400);
        expect(res.body.error?.code).toBe("bad_fault");
      }
      const ok = await h.setFaults({
        seed: 9,
        rules: [
          { kind: "charged_despite_failure", respcd: "1296", probability: 0.1 },
          { kind: "duplicate_1251", probability: 0.1 },
          { kind: "not_found_lag", lagMs: 2000 },
          { kind: "companion_rows", companion: "refund", probability: 0.2 },
          { kind: "amount_mismatch", amountDelta: 100 },
          { kind: "reversal_pending", pendingMs: 3000 },
          { kind: "code_expiry", codeLifetimeMs: 60_000 },
          { kind: "txdtm_skew", skewLimitMs: 300_000 },
          { kind: "wrong_wallet_pay_type", probability: 0.5 },
          { kind: "late_success", lateMs: 5000 },
        ],
      });
      expect(ok.status).toBe(200);
      expect(ok.body.rules).toHaveLength(10);
      expect(ok.body.rules![5]).toMatchObject({ kind: "reversal_pending", pendingMs: 3000 });
    });
  });
});

describe("enquiry by time range (reconciliation)", () => {
  let sandbox: RunningSandbox;
  const h = harness(() => sandbox);
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, pendingMs: PENDING_MS });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("pages through every payment and refund row of the window, newest first, at most 100 per page", async () => {
    const start = hkTime(Date.now() - 1000);
    const created: Array<{ syssn: string; out_trade_no: string; order_type: string; origssn: string | null }> = [];
    for (let i = 0; i < 9; i++) {
      const fields = paymentFields({ auth_code: paymentCode(i === 4 ? "1201" : "0001"), txamt: String(1000 + i) });
      const paid = await h.pay(fields);
      created.push({
        syssn: paid.syssn as string,
        out_trade_no: fields.out_trade_no!,
        order_type: "payment",
        origssn: null,
      });
      if (i % 3 === 0) {
        const refundNo = orderNo("R");
        const refund = await h.refund({
          syssn: paid.syssn as string,
          out_trade_no: refundNo,
          txamt: "100",
          txdtm: hkTime(),
        });
        expect(refund.respcd).toBe("0000");
        created.push({
          syssn: refund.syssn as string,
          out_trade_no: refundNo,
          order_type: "refund",
          origssn: paid.syssn as string,
        });
      }
    }
    const end = hkTime(Date.now() + 1000);
    const seen: Row[] = [];
    for (let page = 1; ; page++) {
      const body = await h.query({ start_time: start, end_time: end, page: String(page), page_size: "4" });
      expect(body).toMatchObject({ respcd: "0000", page, page_size: 4 });
      const data = body.data as Row[];
      expect(data.length).toBeLessThanOrEqual(4);
      if (data.length === 0) break;
      seen.push(...data);
    }
    expect(seen.map((r) => r.syssn)).toEqual(created.map((c) => c.syssn).reverse());
    expect(seen.map((r) => [r.out_trade_no, r.order_type, r.origssn])).toEqual(
      created.map((c) => [c.out_trade_no, c.order_type, c.origssn]).reverse(),
    );
    const sysdtms = seen.map((r) => r.sysdtm!);
    expect([...sysdtms].sort().reverse()).toEqual(sysdtms);
    expect(seen.find((r) => r.respcd === "1201")).toBeDefined(); // failed attempts are listed too
    expect((await h.query({ start_time: start, end_time: end, page_size: "100" })).data).toHaveLength(created.length);
    expect((await h.query({ start_time: start, end_time: end, page_size: "101" })).respcd).toBe("1104");
    // A window that ends before them finds none of them.
    expect(
      (await h.query({ start_time: hkTime(Date.now() - 120_000), end_time: hkTime(Date.now() - 60_000) })).data,
    ).toEqual([]);
  });
});
