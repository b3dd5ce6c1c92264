/**
 * The sandbox's closed loop over real HTTP (issue 3): reversal, close, refund, refund rows in the
 * enquiry, asynchronous notifications to a local receiver, and per-code pending spells. Requests are
 * signed and notifications verified by the specs' own helpers (tests/support/sandbox-client.ts),
 * written from docs/qfpay.md §2/§7, not by the sandbox's own code.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEMO_APP_CODE,
  DEMO_CLIENT_KEY,
  pythonJsonDumps,
  startSandbox,
  type RunningSandbox,
} from "../../../sandbox/server";
import {
  callJson,
  getJson,
  hkTime,
  md5Upper,
  orderNo,
  paymentCode,
  paymentFields,
  Receiver,
  sleep,
  waitFor,
  type Answer,
  type Fields,
} from "../../support/sandbox-client";

const PENDING_MS = 600;

type Refund = { out_trade_no: string; syssn: string; txamt: string; respcd: string; status: string };
type SandboxTx = {
  out_trade_no: string;
  auth_code: string;
  txamt: string;
  respcd: string;
  status: string;
  charged: boolean;
  syssn: string;
  cancel: string;
  refunded_amount: string;
  net_amount: string;
  refunds: Refund[];
  reversal: { kind: string; syssn: string; was: string } | null;
  faults: string[];
  settlesAt: string | null;
};
type Notification = {
  notify_type: string;
  out_trade_no: string;
  syssn: string;
  url: string;
  body: string;
  sign: string;
  state: string;
  attempts: Array<{ attempt: number; status: number | null; ok: boolean; at: string }>;
};

describe("reversal, close and refund (docs/qfpay.md §5, §6)", () => {
  let sandbox: RunningSandbox;
  let base: string;
  const pay = (fields: Fields) => callJson(base, "/trade/v1/payment", fields);
  const reverse = (fields: Fields, method?: "GET" | "POST") => callJson(base, "/trade/v1/reversal", fields, { method });
  const close = (fields: Fields) => callJson(base, "/trade/v1/close", fields);
  const refund = (fields: Fields) => callJson(base, "/trade/v1/refund", fields);
  const query = (fields: Fields) => callJson(base, "/trade/v1/query", fields);
  const tx = async (outTradeNo: string) =>
    (await getJson<SandboxTx[]>(`${base}/_sandbox/transactions`)).body.find((t) => t.out_trade_no === outTradeNo)!;
  const rowOf = async (outTradeNo: string) => {
    const data = (await query({ out_trade_no: outTradeNo })).data as Answer[];
    expect(data).toHaveLength(1);
    return data[0]!;
  };
  const undo = (payment: Fields, extra: Fields = {}): Fields => ({
    out_trade_no: payment.out_trade_no!,
    txamt: payment.txamt!,
    txdtm: hkTime(),
    ...extra,
  });
  const refundFields = (syssn: string, txamt: string, extra: Fields = {}): Fields => ({
    syssn,
    out_trade_no: orderNo("R"),
    txamt,
    txdtm: hkTime(),
    ...extra,
  });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, pendingMs: PENDING_MS, slowMs: 500 });
    base = sandbox.url;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  describe("reversal and close", () => {
    it("reverses a pending payment: 0000 with a new syssn, never charged, row 1263 + cancel 1 for good", async () => {
      const payment = paymentFields({ auth_code: paymentCode("1143") });
      const paid = await pay(payment);
      expect(paid.respcd).toBe("1143");
      const answer = await reverse(undo(payment, { udid: "till-2" }));
      expect(answer).toMatchObject({
        respcd: "0000",
        orig_syssn: paid.syssn,
        out_trade_no: payment.out_trade_no,
        txamt: "1250",
        udid: "till-2",
      });
      expect(answer.resperr).toMatch(/\(0000\)$/);
      expect(answer.syssn).toMatch(/^\d{26}$/);
      expect(answer.syssn).not.toBe(paid.syssn);
      expect(await rowOf(payment.out_trade_no!)).toMatchObject({
        respcd: "1263",
        cancel: "1",
        order_type: "payment",
        chnlsn: "",
      });

      await sleep(PENDING_MS + 150); // past the moment it would have been paid
      expect(await rowOf(payment.out_trade_no!)).toMatchObject({ respcd: "1263", cancel: "1" });
      expect(await tx(payment.out_trade_no!)).toMatchObject({
        status: "cancelled",
        charged: false,
        cancel: "1",
        net_amount: "0",
        reversal: { kind: "reversal", syssn: answer.syssn, was: "pending" },
      });
    });

    it("closes a pending payment by syssn: row 1142 + cancel 2; a repeat answers the same reversal", async () => {
      const payment = paymentFields({ auth_code: paymentCode("1145") });
      const paid = await pay(payment);
      const fields = { syssn: paid.syssn as string, txamt: "1250", txdtm: hkTime() };
      const first = await close(fields);
      expect(first).toMatchObject({ respcd: "0000", orig_syssn: paid.syssn, out_trade_no: payment.out_trade_no });
      const again = await close(fields);
      expect(again).toMatchObject({ respcd: "0000", syssn: first.syssn });
      const viaReversal = await reverse(undo(payment));
      expect(viaReversal).toMatchObject({ respcd: "0000", syssn: first.syssn });
      expect(await rowOf(payment.out_trade_no!)).toMatchObject({ respcd: "1142", cancel: "2" });
      expect(await tx(payment.out_trade_no!)).toMatchObject({ status: "cancelled", charged: false, cancel: "2" });
    });

    it("refuses to close a paid payment (1260) and it stays paid; a WeChat reversal is refused too", async () => {
      const payment = paymentFields();
      expect((await pay(payment)).respcd).toBe("0000");
      const closed = await close(undo(payment));
      expect(closed.respcd).toBe("1260");
      expect(closed.resperr).toMatch(/\(1260\)$/);
      expect((await reverse(undo(payment))).respcd).toBe("1260");
      expect(await rowOf(payment.out_trade_no!)).toMatchObject({ respcd: "0000", cancel: "0" });
      expect(await tx(payment.out_trade_no!)).toMatchObject({
        status: "paid",
        charged: true,
        reversal: null,
        net_amount: "1250",
      });
    });

    it("a reversal of a paid Alipay payment refunds it: the row keeps 0000 with cancel 1, not charged", async () => {
      for (const payType of ["800108", "800008"]) {
        const payment = paymentFields({ pay_type: payType, auth_code: paymentCode("0001", "alipay") });
        const paid = await pay(payment);
        expect(paid).toMatchObject({ respcd: "0000", pay_type: "800108" });
        expect((await close(undo(payment))).respcd).toBe("1260"); // close never refunds
        const answer = await reverse(undo(payment));
        expect(answer).toMatchObject({ respcd: "0000", orig_syssn: paid.syssn });
        expect(await rowOf(payment.out_trade_no!)).toMatchObject({ respcd: "0000", cancel: "1", chnlsn: paid.chnlsn });
        expect(await tx(payment.out_trade_no!)).toMatchObject({
          status: "cancelled",
          charged: false,
          refunded_amount: "1250",
          net_amount: "0",
          reversal: { kind: "reversal", was: "paid" },
        });
        // And a refund afterwards finds nothing left to refund.
        expect((await refund(refundFields(paid.syssn as string, "100"))).respcd).toBe("1264");
      }
    });

    it("answers 0000 for a failed payment and changes nothing", async () => {
      const payment = paymentFields({ auth_code: paymentCode("1201") });
      expect((await pay(payment)).respcd).toBe("1201");
      const answer = await reverse(undo(payment));
      expect(answer.respcd).toBe("0000");
      expect(await rowOf(payment.out_trade_no!)).toMatchObject({ respcd: "1201", cancel: "0" });
      expect(await tx(payment.out_trade_no!)).toMatchObject({
        status: "failed",
        charged: false,
        reversal: { was: "failed" },
      });
    });

    it("refuses PayMe and UnionPay (1150), unknown orders (1136), wrong amounts (1266) and mismatched ids (1267)", async () => {
      const payme = paymentFields({ pay_type: "805808", auth_code: paymentCode("1143") });
      expect((await pay(payme)).respcd).toBe("1143");
      expect((await reverse(undo(payme))).respcd).toBe("1150");
      expect((await close(undo(payme))).respcd).toBe("1150");
      const union = paymentFields({ pay_type: "800008", auth_code: paymentCode("1143", "unionpay") });
      expect((await pay(union)).pay_type).toBe("800708");
      expect((await close(undo(union))).respcd).toBe("1150");
      expect((await tx(union.out_trade_no!)).status).toBe("pending");

      expect((await reverse({ out_trade_no: "never-seen", txamt: "100", txdtm: hkTime() })).respcd).toBe("1136");
      expect((await close({ syssn: "20200101000000000000000000", txamt: "100", txdtm: hkTime() })).respcd).toBe("1136");

      const pending = paymentFields({ auth_code: paymentCode("1143") });
      const paid = await pay(pending);
      expect((await reverse(undo(pending, { txamt: "1249" }))).respcd).toBe("1266");
      const other = paymentFields();
      const otherPaid = await pay(other);
      expect((await reverse({ ...undo(pending), syssn: otherPaid.syssn as string })).respcd).toBe("1267");
      expect((await reverse({ txamt: "1250", txdtm: hkTime() })).respcd).toBe("1104");
      expect((await reverse({ out_trade_no: pending.out_trade_no!, txdtm: hkTime() })).respcd).toBe("1104");
      expect((await reverse({ out_trade_no: pending.out_trade_no!, txamt: "1250" })).respcd).toBe("1104");
      expect((await tx(pending.out_trade_no!)).status).toBe("pending"); // none of those touched it

      // Signed like every trade call; GET with a query string works too (§1).
      const bad = await fetch(`${base}/trade/v1/close`, {
        method: "POST",
        headers: {
          "X-QF-APPCODE": DEMO_APP_CODE,
          "X-QF-SIGN": "00",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(undo(pending)).toString(),
      });
      expect(((await bad.json()) as Answer).respcd).toBe("1108");
      expect((await reverse({ syssn: paid.syssn as string, txamt: "1250", txdtm: hkTime() }, "GET")).respcd).toBe(
        "0000",
      );

      // A refund's ids are not a payment's.
      const r = await refund(refundFields(otherPaid.syssn as string, "50"));
      expect(r.respcd).toBe("0000");
      expect((await reverse({ out_trade_no: r.out_trade_no as string, txamt: "50", txdtm: hkTime() })).respcd).toBe(
        "1136",
      );
    });
  });

  describe("refund", () => {
    it("refunds in full: new syssn, the payment keeps 0000 with cancel 3, the refund is a query row", async () => {
      const payment = paymentFields({ txamt: "2000" });
      const paid = await pay(payment);
      const fields = refundFields(paid.syssn as string, "2000", { udid: "till-9" });
      const answer = await refund(fields);
      expect(answer).toMatchObject({
        respcd: "0000",
        orig_syssn: paid.syssn,
        out_trade_no: fields.out_trade_no,
        txamt: "2000",
        txcurrcd: "HKD",
        udid: "till-9",
      });
      expect(answer.syssn).toMatch(/^\d{26}$/);
      expect(answer.syssn).not.toBe(paid.syssn);

      expect(await rowOf(payment.out_trade_no!)).toMatchObject({
        respcd: "0000",
        cancel: "3",
        order_type: "payment",
        origssn: null,
      });
      const refundRow = await rowOf(fields.out_trade_no!);
      expect(refundRow).toMatchObject({
        order_type: "refund",
        respcd: "0000",
        syssn: answer.syssn,
        origssn: paid.syssn,
        txamt: "2000",
        cancel: "0",
        pay_type: paid.pay_type,
      });
      const both = (await query({ syssn: `${paid.syssn as string},${answer.syssn as string}` })).data as Answer[];
      expect(both.map((r) => r.order_type)).toEqual(["refund", "payment"]); // newest first
      // A plain time-window enquiry lists refunds too, and filters them by respcd/pay_type.
      const windowed = (
        await query({
          start_time: hkTime(Date.now() - 3000),
          respcd: "0000",
          pay_type: paid.pay_type as string,
          page_size: "100",
        })
      ).data as Answer[];
      expect(
        windowed
          .filter((r) => r.out_trade_no === fields.out_trade_no || r.out_trade_no === payment.out_trade_no)
          .map((r) => r.order_type),
      ).toEqual(["refund", "payment"]);

      expect(await tx(payment.out_trade_no!)).toMatchObject({
        status: "paid",
        charged: true,
        cancel: "3",
        refunded_amount: "2000",
        net_amount: "0",
        refunds: [{ out_trade_no: fields.out_trade_no, syssn: answer.syssn, txamt: "2000", status: "refunded" }],
      });
      // A second refund: "Order closed … (wrong cancel)" (§5 captured).
      expect((await refund(refundFields(paid.syssn as string, "1"))).respcd).toBe("1264");
    });

    it("refunds in parts (cancel 5, then 3) and refuses more than is left with 1272", async () => {
      const payment = paymentFields({ txamt: "1000" });
      const paid = await pay(payment);
      const syssn = paid.syssn as string;
      expect((await refund(refundFields(syssn, "300"))).respcd).toBe("0000");
      expect(await rowOf(payment.out_trade_no!)).toMatchObject({ respcd: "0000", cancel: "5" });
      const over = await refund(refundFields(syssn, "701"));
      expect(over.respcd).toBe("1272");
      expect(over.resperr).toMatch(/\(1272\)$/);
      expect((await refund(refundFields(syssn, "1001"))).respcd).toBe("1272");
      expect((await refund(refundFields(syssn, "700"))).respcd).toBe("0000");
      expect(await rowOf(payment.out_trade_no!)).toMatchObject({ respcd: "0000", cancel: "3" });
      const t = await tx(payment.out_trade_no!);
      expect(t).toMatchObject({ refunded_amount: "1000", net_amount: "0", charged: true });
      expect(t.refunds.map((r) => r.txamt)).toEqual(["300", "700"]);
    });

    it("rejects a reused out_trade_no with 1251 across payments and refunds", async () => {
      const payment = paymentFields();
      const paid = await pay(payment);
      const syssn = paid.syssn as string;
      const first = refundFields(syssn, "100");
      expect((await refund(first)).respcd).toBe("0000");
      const again = await refund({ ...first, txdtm: hkTime() });
      expect(again).toMatchObject({
        respcd: "1251",
        respmsg: "out_trade_no is used",
        resperr: "Do not use duplicate out_trade_no for request(1251)",
      });
      expect((await refund(refundFields(syssn, "100", { out_trade_no: payment.out_trade_no! }))).respcd).toBe("1251");
      // …and a payment cannot take a refund's number.
      expect((await pay(paymentFields({ out_trade_no: first.out_trade_no! }))).respcd).toBe("1251");
      expect((await tx(payment.out_trade_no!)).refunds).toHaveLength(1);
    });

    it("refuses unpaid payments (1261), reversed ones (1264), unknown ones (1136) and bad fields (1104)", async () => {
      const pending = paymentFields({ auth_code: paymentCode("1143") });
      const pendingAnswer = await pay(pending);
      expect((await refund(refundFields(pendingAnswer.syssn as string, "100"))).respcd).toBe("1261");
      const failed = paymentFields({ auth_code: paymentCode("1294") });
      const failedAnswer = await pay(failed);
      expect((await refund(refundFields(failedAnswer.syssn as string, "100"))).respcd).toBe("1261");
      expect((await reverse(undo(pending))).respcd).toBe("0000");
      expect((await refund(refundFields(pendingAnswer.syssn as string, "100"))).respcd).toBe("1264");
      expect((await refund(refundFields("20200101000000000000000000", "100"))).respcd).toBe("1136");

      const paid = await pay(paymentFields());
      const good = refundFields(paid.syssn as string, "100");
      for (const field of ["syssn", "out_trade_no", "txamt", "txdtm"]) {
        const fields = { ...good };
        delete fields[field];
        expect((await refund(fields)).respcd, field).toBe("1104");
      }
      expect((await refund({ ...good, txamt: "1.00" })).respcd).toBe("1104");
      // A refused refund did not use its number up.
      expect((await refund(good)).respcd).toBe("0000");
    });

    it("a refund of exactly 1143 stays 1143 for pendingMs, then 0000; a second refund meanwhile is refused", async () => {
      const payment = paymentFields({ txamt: "5000" });
      const paid = await pay(payment);
      const syssn = paid.syssn as string;
      const slow = refundFields(syssn, "1143");
      const started = Date.now();
      const answer = await refund(slow);
      expect(answer.respcd).toBe("1143");
      expect(await rowOf(slow.out_trade_no!)).toMatchObject({ respcd: "1143", order_type: "refund" });
      const meanwhile = await refund(refundFields(syssn, "100"));
      expect(meanwhile.respcd).toBe("1155");
      expect(meanwhile.resperr).toMatch(/processing requests/);
      expect(await rowOf(payment.out_trade_no!)).toMatchObject({ respcd: "0000", cancel: "0" }); // not refunded yet
      expect(Date.now() - started).toBeLessThan(PENDING_MS);

      await sleep(PENDING_MS + 100 - (Date.now() - started));
      expect(await rowOf(slow.out_trade_no!)).toMatchObject({ respcd: "0000" });
      expect(await rowOf(payment.out_trade_no!)).toMatchObject({ respcd: "0000", cancel: "5" });
      expect((await refund(refundFields(syssn, "100"))).respcd).toBe("0000");
      expect(await tx(payment.out_trade_no!)).toMatchObject({ refunded_amount: "1243", net_amount: "3757" });
    });
  });

  describe("per-code pending spell (/_sandbox/code?pendingMs=)", () => {
    it("keeps that code's payment pending for its own duration, and refuses out-of-range values", async () => {
      const { status, body } = await getJson<{ code: string; pendingMs: number }>(
        `${base}/_sandbox/code?wallet=wechat&outcome=pending_success&pendingMs=1500`,
      );
      expect(status).toBe(200);
      expect(body.pendingMs).toBe(1500);
      const payment = paymentFields({ auth_code: body.code });
      const started = Date.now();
      expect((await pay(payment)).respcd).toBe("1143");
      await sleep(PENDING_MS + 300);
      expect((await rowOf(payment.out_trade_no!)).respcd).toBe("1143"); // the default would have settled
      await sleep(1500 + 150 - (Date.now() - started));
      expect((await rowOf(payment.out_trade_no!)).respcd).toBe("0000");

      // A default code still uses the sandbox's pendingMs.
      const plain = await getJson<{ code: string; pendingMs?: number }>(
        `${base}/_sandbox/code?outcome=pending_failure`,
      );
      expect(plain.body.pendingMs).toBeUndefined();
      for (const bad of ["600001", "-1", "1.5", "soon"]) {
        expect((await getJson(`${base}/_sandbox/code?outcome=pending_success&pendingMs=${bad}`)).status, bad).toBe(400);
      }
      expect((await getJson(`${base}/_sandbox/code?outcome=pending_success&pendingMs=600000`)).status).toBe(200);
    });
  });

  it("holds up under a few hundred payments with queries", async () => {
    const started = Date.now();
    const orders: Fields[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const fields = Array.from({ length: 30 }, () => paymentFields());
      orders.push(...fields);
      const answers = await Promise.all(fields.map((f) => pay(f)));
      expect(answers.every((a) => a.respcd === "0000")).toBe(true);
    }
    for (let i = 0; i < orders.length; i += 20) {
      const slice = orders.slice(i, i + 20);
      const data = (await query({ out_trade_no: slice.map((f) => f.out_trade_no).join(","), page_size: "100" }))
        .data as Answer[];
      expect(data).toHaveLength(slice.length);
    }
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe("refund policies (options, §5)", () => {
  let clock = Date.parse("2026-11-30T12:00:00Z"); // 20:00 on 30 Nov in Hong Kong
  let sandbox: RunningSandbox;
  const pay = (fields: Fields) => callJson(sandbox.url, "/trade/v1/payment", { ...fields, txdtm: hkTime(clock) });
  const refund = (syssn: string, txamt: string) =>
    callJson(sandbox.url, "/trade/v1/refund", { syssn, out_trade_no: orderNo("R"), txamt, txdtm: hkTime(clock) });

  afterAll(async () => {
    await sandbox?.close();
  });

  it("blackout (1265), partial refusal (1271) and same-day takings (1269)", async () => {
    sandbox = await startSandbox({
      port: 0,
      now: () => clock,
      refunds: { blackout: true, partial: false, balance: "takings" },
    });
    const older = await pay(paymentFields({ txamt: "1000" }));
    clock = Date.parse("2026-11-30T15:45:00Z"); // 23:45: inside the 23:30–00:30 blackout
    const late = await pay(paymentFields({ txamt: "1000" }));
    const blackout = await refund(late.syssn as string, "1000");
    expect(blackout.respcd).toBe("1265");
    expect(blackout.resperr).toMatch(/23:30.*\(1265\)$/);

    clock = Date.parse("2026-11-30T17:00:00Z"); // 01:00 on 1 Dec: a new day
    const early = await pay(paymentFields({ txamt: "1000" }));
    expect((await refund(early.syssn as string, "400")).respcd).toBe("1271");
    expect((await refund(early.syssn as string, "1000")).respcd).toBe("0000");

    // Yesterday's payment: today's takings are 1000 − 1000 refunded = 0 ("…refundable balance is 0 HKD…(1269)").
    const noBalance = await refund(older.syssn as string, "1000");
    expect(noBalance.respcd).toBe("1269");
    expect(noBalance.resperr).toMatch(/refundable balance is 0 HKD.*\(1269\)$/);
    // New takings today (same wallet) make room for it.
    await pay(paymentFields({ txamt: "1500" }));
    expect((await refund(older.syssn as string, "1000")).respcd).toBe("0000");
  });

  it("a numeric balance is a pool that accepted refunds draw down", async () => {
    const pool = await startSandbox({ port: 0, refunds: { balance: 1500 } });
    try {
      const paid = await callJson(pool.url, "/trade/v1/payment", paymentFields({ txamt: "3000" }));
      const r = (txamt: string) =>
        callJson(pool.url, "/trade/v1/refund", {
          syssn: paid.syssn as string,
          out_trade_no: orderNo("R"),
          txamt,
          txdtm: hkTime(),
        });
      expect((await r("1000")).respcd).toBe("0000");
      expect((await r("600")).respcd).toBe("1269");
      expect((await r("500")).respcd).toBe("0000");
      expect((await r("1")).respcd).toBe("1269");
    } finally {
      await pool.close();
    }
  });
});

describe("asynchronous notifications (§7)", () => {
  const SCALE = 0.001; // 2 min ⇒ 120 ms, 10 min ⇒ 600 ms
  let receiver: Receiver;
  let other: Receiver;
  let sandbox: RunningSandbox;
  let base: string;
  const pay = (fields: Fields) => callJson(base, "/trade/v1/payment", fields);
  const notifications = async () => (await getJson<Notification[]>(`${base}/_sandbox/notifications`)).body;

  beforeAll(async () => {
    receiver = new Receiver();
    other = new Receiver();
    await receiver.start();
    await other.start();
    // `other` is allow-listed so that a request's own notify_url may name it (sandbox/README.md "Notifications").
    sandbox = await startSandbox({
      port: 0,
      pendingMs: PENDING_MS,
      notifyUrl: `${receiver.origin}/qfpay/notify`,
      notifyAllow: [other.origin],
      notifyScale: SCALE,
    });
    base = sandbox.url;
  });
  afterAll(async () => {
    await sandbox?.close();
    await receiver?.stop();
    await other?.stop();
  });
  beforeEach(() => {
    receiver.fallback = { status: 200, body: "SUCCESS" };
  });

  it("reproduces the §7 body test vector with Python json.dumps style", () => {
    const body = pythonJsonDumps({
      status: "1",
      notify_type: "payment",
      txamt: "10",
      out_trade_no: "T1",
      goods_name: "奶茶",
    });
    expect(body).toBe(
      '{"status": "1", "notify_type": "payment", "txamt": "10", "out_trade_no": "T1", "goods_name": "\\u5976\\u8336"}',
    );
    expect(md5Upper(body + "TESTKEY")).toBe("BEABEB8D53D380B5B53382BC6705699E");
    expect(pythonJsonDumps({ a: 'q"\\\n\u0001\u007f😀' })).toBe('{"a": "q\\"\\\\\\n\\u0001\\u007f\\ud83d\\ude00"}');
  });

  it("POSTs a signed Python-style JSON body for a successful payment", async () => {
    const payment = paymentFields({ goods_name: "奶茶 tea", pay_type: "800208" });
    const answer = await pay(payment);
    const [got] = await waitFor(async () =>
      receiver.for(payment.out_trade_no!).length ? receiver.for(payment.out_trade_no!) : undefined,
    );
    expect(got!.path).toBe("/qfpay/notify");
    expect(got!.headers["content-type"]).toMatch(/^application\/json/);
    // The signature is over the exact raw bytes + client key, upper-case hex MD5.
    expect(got!.headers["x-qf-sign"]).toBe(md5Upper(got!.rawBody + DEMO_CLIENT_KEY));
    expect(got!.rawBody).toContain('"goods_name": "\\u5976\\u8336 tea"');
    expect(got!.rawBody).toMatch(/^\{"status": "1", "notify_type": "payment", /);
    expect(got!.rawBody).not.toMatch(/[^\x20-\x7e]/);
    const body = JSON.parse(got!.rawBody) as Record<string, string>;
    expect(body).toMatchObject({
      status: "1",
      notify_type: "payment",
      pay_type: "800208",
      syssn: answer.syssn,
      out_trade_no: payment.out_trade_no,
      txamt: "1250",
      txcurrcd: "HKD",
      txdtm: payment.txdtm,
      sysdtm: answer.sysdtm,
      paydtm: answer.paydtm,
      cancel: "0",
      respcd: "0000",
      chnlsn: answer.chnlsn,
      cardcd: answer.cardcd,
      goods_name: "奶茶 tea",
    });
    // Re-serialising the parsed body differently would break the signature: that is the point.
    expect(md5Upper(JSON.stringify(body) + DEMO_CLIENT_KEY)).not.toBe(got!.headers["x-qf-sign"]);
    await waitFor(async () =>
      (await notifications()).find((n) => n.out_trade_no === payment.out_trade_no)?.state === "delivered"
        ? true
        : undefined,
    );
  });

  it("retries on anything but HTTP 200 + SUCCESS, on the compressed 2 min / 10 min schedule", async () => {
    const payment = paymentFields();
    receiver.script.set(payment.out_trade_no!, [
      { status: 500, body: "oops" },
      { status: 200, body: "FAIL" },
      { status: 200, body: "SUCCESS" },
    ]);
    await pay(payment);
    const n = await waitFor(
      async () =>
        (await notifications()).find((x) => x.out_trade_no === payment.out_trade_no && x.state === "delivered"),
      5000,
    );
    expect(n.attempts.map((a) => [a.status, a.ok])).toEqual([
      [500, false],
      [200, false],
      [200, true],
    ]);
    const got = receiver.for(payment.out_trade_no!);
    expect(got).toHaveLength(3);
    expect(new Set(got.map((g) => g.rawBody)).size).toBe(1); // the same bytes every time
    expect(got[1]!.at - got[0]!.at).toBeGreaterThanOrEqual(110); // 2 min × 0.001
    expect(got[1]!.at - got[0]!.at).toBeLessThan(350);
    expect(got[2]!.at - got[1]!.at).toBeGreaterThanOrEqual(580); // 10 min × 0.001
    expect(got[2]!.at - got[1]!.at).toBeLessThan(1000);
    await sleep(300);
    expect(receiver.for(payment.out_trade_no!)).toHaveLength(3); // stops after SUCCESS
  });

  it("never notifies failures or pending states; a pending payment is notified once it is paid", async () => {
    const failed = paymentFields({ auth_code: paymentCode("1201") });
    const pending = paymentFields({ auth_code: paymentCode("1143") });
    const failing = paymentFields({ auth_code: paymentCode("1145") });
    const reversed = paymentFields({ auth_code: paymentCode("1143") });
    await pay(failed);
    const started = Date.now();
    await pay(pending);
    await pay(failing);
    await pay(reversed);
    expect(
      (
        await callJson(base, "/trade/v1/reversal", {
          out_trade_no: reversed.out_trade_no!,
          txamt: "1250",
          txdtm: hkTime(),
        })
      ).respcd,
    ).toBe("0000");
    await sleep(PENDING_MS / 2);
    expect(receiver.for(pending.out_trade_no!)).toHaveLength(0);
    const [got] = await waitFor(async () =>
      receiver.for(pending.out_trade_no!).length ? receiver.for(pending.out_trade_no!) : undefined,
    );
    expect(got!.at - started).toBeGreaterThanOrEqual(PENDING_MS - 50);
    await sleep(200);
    for (const f of [failed, failing, reversed]) expect(receiver.for(f.out_trade_no!), f.auth_code).toHaveLength(0);
    expect(
      (await notifications()).filter((n) => [failed, failing, reversed].some((f) => f.out_trade_no === n.out_trade_no)),
    ).toEqual([]);
  });

  it("notifies successful refunds with the refund's own syssn, and honours an allow-listed per-request notify_url", async () => {
    const payment = paymentFields({ txamt: "5000", notify_url: `${other.origin}/per-request` });
    const paid = await pay(payment);
    await waitFor(async () => (other.for(payment.out_trade_no!).length ? true : undefined));
    expect(receiver.for(payment.out_trade_no!)).toHaveLength(0);

    const refundNo = orderNo("R");
    const r = await callJson(base, "/trade/v1/refund", {
      syssn: paid.syssn as string,
      out_trade_no: refundNo,
      txamt: "250",
      txdtm: hkTime(),
    });
    expect(r.respcd).toBe("0000");
    const [got] = await waitFor(async () => (receiver.for(refundNo).length ? receiver.for(refundNo) : undefined));
    expect(got!.headers["x-qf-sign"]).toBe(md5Upper(got!.rawBody + DEMO_CLIENT_KEY));
    expect(JSON.parse(got!.rawBody)).toMatchObject({
      status: "1",
      notify_type: "refund",
      syssn: r.syssn,
      out_trade_no: refundNo,
      txamt: "250",
      respcd: "0000",
    });

    // A refused refund is not notified; a pending one only once it succeeds.
    const refusedNo = orderNo("R");
    expect(
      (
        await callJson(base, "/trade/v1/refund", {
          syssn: paid.syssn as string,
          out_trade_no: refusedNo,
          txamt: "9999",
          txdtm: hkTime(),
        })
      ).respcd,
    ).toBe("1272");
    const pendingNo = orderNo("R");
    expect(
      (
        await callJson(base, "/trade/v1/refund", {
          syssn: paid.syssn as string,
          out_trade_no: pendingNo,
          txamt: "1143",
          txdtm: hkTime(),
        })
      ).respcd,
    ).toBe("1143");
    await sleep(100);
    expect(receiver.for(pendingNo)).toHaveLength(0);
    await waitFor(async () => (receiver.for(pendingNo).length ? true : undefined), 3000);
    expect(receiver.for(refusedNo)).toHaveLength(0);
    expect(other.for(refusedNo)).toHaveLength(0);
  });

  it("gives up after the first attempt and seven retries", async () => {
    const dead = new Receiver();
    await dead.start();
    dead.fallback = { status: 503, body: "down" };
    const quick = await startSandbox({ port: 0, notifyUrl: dead.origin, notifyScale: 0.00002 }); // whole schedule ≈ 1.8 s
    try {
      const payment = paymentFields();
      await callJson(quick.url, "/trade/v1/payment", payment);
      const n = await waitFor(async () => quick.notifications.list().find((x) => x.state === "gave_up"), 8000, 50);
      expect(n.attempts).toHaveLength(8);
      expect(n.attempts.every((a) => a.status === 503 && !a.ok)).toBe(true);
      expect(dead.for(payment.out_trade_no!)).toHaveLength(8);
    } finally {
      await quick.close();
      await dead.stop();
    }
  });
});
