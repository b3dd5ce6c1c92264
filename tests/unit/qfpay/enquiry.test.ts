import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { QfpayConfig } from "@/lib/qfpay/config";
import { queryByOutTradeNo, queryWindows } from "@/lib/qfpay/enquiry";
import { expectedSign, fakeQfpayConfig, startFakeQfpay, type FakeQfpay } from "../../support/fake-qfpay-server";

const CLIENT_KEY = "unit-test-client-key-e7b2";
let fake: FakeQfpay;
let config: QfpayConfig;

beforeEach(async () => {
  fake = await startFakeQfpay();
  config = fakeQfpayConfig(fake, CLIENT_KEY, { backoff: { baseMs: 1, capMs: 4 } });
});
afterEach(async () => {
  vi.useRealTimers();
  await fake.close();
});

const row = (fields: Record<string, unknown>) => ({
  syssn: "20260315000300020081074842",
  out_trade_no: "A",
  order_type: "payment",
  pay_type: "800208",
  txamt: "1250",
  txcurrcd: "HKD",
  respcd: "0000",
  errmsg: "交易成功",
  cancel: "0",
  ...fields,
});
const answer = (data: unknown[]) => ({
  json: { respcd: "0000", resperr: "请求成功", respmsg: "", page: "1", page_size: "100", data },
});

/** Pins "now" without faking timers, so the HTTP exchange still runs. */
function pinNow(iso: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
}

describe("queryByOutTradeNo (docs/qfpay.md §4)", () => {
  it("sends one comma-separated list with page_size 100, and reads each row", async () => {
    fake.reply(
      answer([
        row({}),
        row({ out_trade_no: "B", syssn: "20260315000300020081074843", respcd: "1143", errmsg: "交易中", txamt: 99 }),
        row({ out_trade_no: "C", syssn: "20260315000300020081074844", respcd: "1202", errmsg: "付款碼錯誤" }),
      ]),
    );
    const result = await queryByOutTradeNo(config, ["A", "B", "C", "A"]);

    const req = fake.requests[0];
    expect(fake.requests).toHaveLength(1);
    expect(req?.path).toBe("/trade/v1/query");
    expect(req?.params).toEqual({ out_trade_no: "A,B,C", page: "1", page_size: "100" });
    expect(req?.headers["x-qf-sign"]).toBe(expectedSign(req?.params ?? {}, CLIENT_KEY, "MD5"));
    expect(result).toMatchObject({
      kind: "answer",
      rows: [
        {
          outTradeNo: "A",
          syssn: "20260315000300020081074842",
          respcd: "0000",
          cancel: "0",
          orderType: "payment",
          amount: 1250,
          payType: "800208",
          message: "交易成功",
          outcome: { status: "paid" },
          reversedOrRefunded: false,
          refundedPart: false,
          refundOutcome: null,
          originalSyssn: null,
        },
        {
          outTradeNo: "B",
          syssn: "20260315000300020081074843",
          respcd: "1143",
          cancel: "0",
          orderType: "payment",
          amount: 99,
          payType: "800208",
          message: "交易中",
          outcome: { status: "pending" },
          reversedOrRefunded: false,
          refundedPart: false,
          refundOutcome: null,
          originalSyssn: null,
        },
        {
          outTradeNo: "C",
          syssn: "20260315000300020081074844",
          respcd: "1202",
          cancel: "0",
          orderType: "payment",
          amount: 1250,
          payType: "800208",
          message: "付款碼錯誤",
          outcome: { status: "failed", failureKind: "fresh_code" },
          reversedOrRefunded: false,
          refundedPart: false,
          refundOutcome: null,
          originalSyssn: null,
        },
      ],
    });
  });

  it("a 0000 row with cancel other than 0 is not paid (docs/qfpay.md §4 key pitfall)", async () => {
    fake.reply(
      answer([
        row({ out_trade_no: "R1", cancel: "1" }),
        row({ out_trade_no: "R3", cancel: "3" }),
        row({ out_trade_no: "R5", cancel: 5 }),
        row({ out_trade_no: "N0", cancel: 0 }),
        row({ out_trade_no: "MISSING", cancel: undefined }),
        row({ out_trade_no: "REFUND", order_type: "refund" }),
        row({ out_trade_no: "P1", respcd: "1143", cancel: "1" }),
      ]),
    );
    const result = await queryByOutTradeNo(config, ["R1", "R3", "R5", "N0", "MISSING", "REFUND", "P1"]);
    if (result.kind !== "answer") throw new Error(`expected an answer, got ${result.reason}`);
    const by = Object.fromEntries(result.rows.map((r) => [r.outTradeNo, r]));
    for (const id of ["R1", "R3", "R5"]) {
      expect(by[id]?.outcome).toEqual({ status: "pending" });
      expect(by[id]?.reversedOrRefunded).toBe(true);
    }
    expect(by.R5?.cancel).toBe("5");
    expect(by.N0).toMatchObject({ outcome: { status: "paid" }, cancel: "0", reversedOrRefunded: false });
    expect(by.MISSING).toMatchObject({ outcome: { status: "pending" }, cancel: "", reversedOrRefunded: false });
    expect(by.REFUND).toMatchObject({ outcome: { status: "pending" }, orderType: "refund" });
    expect(by.P1).toMatchObject({ outcome: { status: "pending" }, reversedOrRefunded: true });
  });

  it("a top-level code other than 0000 is unknown, whatever the rows say", async () => {
    fake.reply({ json: { respcd: "1108", resperr: "签名错误", data: [row({})] } });
    const result = await queryByOutTradeNo(config, ["A"]);
    expect(result).toEqual({ kind: "unknown", reason: "query answered respcd 1108: 签名错误" });
  });

  it("an answer without a data list, or no answer at all after every retry, is unknown", async () => {
    const fourTimes = <T>(step: T) => [step, step, step, step];
    fake.reply(
      { json: { respcd: "0000" } },
      ...fourTimes({ status: 500, text: "oops" }),
      ...fourTimes({ destroy: true as const }),
    );
    expect(await queryByOutTradeNo(config, ["A"])).toMatchObject({
      kind: "unknown",
      reason: expect.stringContaining("no data list"),
    });
    expect(await queryByOutTradeNo(config, ["A"])).toMatchObject({
      kind: "unknown",
      reason: expect.stringMatching(/^http_status: HTTP 500.*gave up after 4 attempts$/),
    });
    expect(await queryByOutTradeNo(config, ["A"])).toMatchObject({
      kind: "unknown",
      reason: expect.stringMatching(/^network: .*gave up after 4 attempts$/),
    });
    expect(fake.requests).toHaveLength(9);
  });

  it("an empty data list is an answer with no rows", async () => {
    fake.reply(answer([]));
    expect(await queryByOutTradeNo(config, ["A"])).toEqual({ kind: "answer", rows: [] });
  });

  it("skips rows that cannot be matched and reads numbers as text", async () => {
    fake.reply(answer([row({ out_trade_no: undefined }), "junk", row({ respcd: 1143, txamt: "12.5" })]));
    const result = await queryByOutTradeNo(config, ["A"]);
    expect(result).toMatchObject({
      kind: "answer",
      rows: [{ outTradeNo: "A", respcd: "1143", amount: null, outcome: { status: "pending" } }],
    });
  });

  it("follows pages while a page is full", async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `ID${i}`);
    fake.reply(
      answer(ids.map((id, i) => row({ out_trade_no: id, syssn: `S${i}` }))),
      answer([row({ out_trade_no: "ID0", syssn: "S-refund", order_type: "refund" })]),
    );
    const result = await queryByOutTradeNo(config, ids);
    expect(fake.requests.map((r) => r.params.page)).toEqual(["1", "2"]);
    expect(result.kind === "answer" && result.rows.length).toBe(101);
  });

  it("makes no call for an empty list and refuses bad input", async () => {
    expect(await queryByOutTradeNo(config, [])).toEqual({ kind: "answer", rows: [] });
    await expect(
      queryByOutTradeNo(
        config,
        Array.from({ length: 101 }, (_, i) => `ID${i}`),
      ),
    ).rejects.toThrow(RangeError);
    await expect(queryByOutTradeNo(config, ["A,B"])).rejects.toThrow(RangeError);
    await expect(queryByOutTradeNo(config, [""])).rejects.toThrow(RangeError);
    expect(fake.requests).toHaveLength(0);
  });

  it("reads refund rows: their own outcome and the refunded payment's syssn (docs/qfpay.md §4, §5)", async () => {
    fake.reply(
      answer([
        row({ out_trade_no: "PAY", syssn: "S-PAY", cancel: "5", origssn: null }),
        row({
          out_trade_no: "RF-OK",
          syssn: "S-RF1",
          order_type: "refund",
          origssn: "S-PAY",
          txamt: "300",
          cancel: "0",
        }),
        row({
          out_trade_no: "RF-WAIT",
          syssn: "S-RF2",
          order_type: "refund",
          origssn: "S-PAY",
          respcd: "1143",
          errmsg: "處理中，請稍等(1143)",
        }),
        row({ out_trade_no: "RF-LATE", syssn: "S-RF3", order_type: "refund", origssn: "S-PAY", respcd: 1265 }),
        row({ out_trade_no: "RF-ODD", syssn: "S-RF4", order_type: "refund", origssn: "S-PAY", respcd: undefined }),
      ]),
    );
    const result = await queryByOutTradeNo(config, ["PAY", "RF-OK", "RF-WAIT", "RF-LATE", "RF-ODD"]);
    if (result.kind !== "answer") throw new Error(`expected an answer, got ${result.reason}`);
    const by = Object.fromEntries(result.rows.map((r) => [r.outTradeNo, r]));

    expect(by.PAY).toMatchObject({
      orderType: "payment",
      outcome: { status: "pending" },
      reversedOrRefunded: true,
      refundedPart: true,
      refundOutcome: null,
      originalSyssn: null,
    });
    expect(by["RF-OK"]).toMatchObject({
      orderType: "refund",
      amount: 300,
      originalSyssn: "S-PAY",
      refundOutcome: { status: "succeeded" },
      outcome: { status: "pending" },
      refundedPart: false,
    });
    expect(by["RF-WAIT"]).toMatchObject({ refundOutcome: { status: "pending" }, message: "處理中，請稍等(1143)" });
    expect(by["RF-LATE"]).toMatchObject({
      respcd: "1265",
      refundOutcome: { status: "failed", reason: "window_closed" },
    });
    expect(by["RF-ODD"]).toMatchObject({ respcd: null, refundOutcome: { status: "pending" } });
  });

  it.each([
    ["0", false],
    ["1", false],
    ["2", false],
    ["3", true],
    ["4", false],
    ["5", true],
    [5, true],
    [undefined, false],
  ])("cancel %j: refundedPart %s", async (cancel, refundedPart) => {
    fake.reply(answer([row({ cancel })]));
    const result = await queryByOutTradeNo(config, ["A"]);
    expect(result).toMatchObject({ kind: "answer", rows: [{ refundedPart }] });
  });

  it("asks about 100 ids in one call and pages through their payment and refund rows", async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `ST20260301${String(i).padStart(4, "0")}ABCDEFGHIJKL`);
    const rows = ids.flatMap((id, i) => [
      row({ out_trade_no: id, syssn: `P${i}`, cancel: i % 2 === 0 ? "3" : "0" }),
      ...(i % 2 === 0 ? [row({ out_trade_no: `RF${i}`, syssn: `R${i}`, order_type: "refund", origssn: `P${i}` })] : []),
    ]);
    fake.reply(answer(rows.slice(0, 100)), answer(rows.slice(100)));
    const result = await queryByOutTradeNo(config, ids);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]?.params.out_trade_no).toBe(ids.join(","));
    expect(fake.requests[0]?.params.out_trade_no?.split(",")).toHaveLength(100);
    expect(fake.requests.map((r) => r.params.page)).toEqual(["1", "2"]);
    expect(fake.requests[1]?.params.out_trade_no).toBe(ids.join(","));
    if (result.kind !== "answer") throw new Error(`expected an answer, got ${result.reason}`);
    expect(result.rows).toHaveLength(150);
    expect(result.rows.filter((r) => r.refundOutcome?.status === "succeeded")).toHaveLength(50);
    expect(result.rows.filter((r) => r.orderType === "payment" && r.outcome.status === "paid")).toHaveLength(50);
  });

  describe("month window (docs/qfpay.md §4 pitfall)", () => {
    it("sends no window for a payment of the current Hong Kong month", async () => {
      pinNow("2026-03-15T04:00:00Z");
      fake.reply(answer([]));
      // 17:00 UTC on 28 Feb is 01:00 on 1 March in Hong Kong.
      await queryByOutTradeNo(config, ["A"], new Date("2026-02-28T17:00:00Z"));
      expect(fake.requests[0]?.params).not.toHaveProperty("start_time");
      expect(fake.requests[0]?.params).not.toHaveProperty("end_time");
    });

    it("sends the whole earlier month as start_time/end_time", async () => {
      pinNow("2026-03-15T04:00:00Z");
      fake.reply(answer([row({})]));
      const result = await queryByOutTradeNo(config, ["A"], new Date("2026-02-10T03:00:00Z"));
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]?.params).toMatchObject({
        start_time: "2026-02-01 00:00:00",
        end_time: "2026-02-28 23:59:59",
      });
      expect(fake.requests[0]?.headers["x-qf-sign"]).toBe(
        expectedSign(fake.requests[0]?.params ?? {}, CLIENT_KEY, "MD5"),
      );
      expect(result).toMatchObject({ kind: "answer", rows: [{ outTradeNo: "A" }] });
    });

    it("looks on both sides of a month boundary it was sent close to", async () => {
      pinNow("2026-03-15T04:00:00Z");
      fake.reply(answer([]), answer([row({})]));
      // 23:58 on 31 January, Hong Kong time.
      const result = await queryByOutTradeNo(config, ["A"], new Date("2026-01-31T15:58:00Z"));
      expect(fake.requests.map((r) => [r.params.start_time, r.params.end_time])).toEqual([
        ["2026-01-01 00:00:00", "2026-01-31 23:59:59"],
        ["2026-02-01 00:00:00", "2026-02-28 23:59:59"],
      ]);
      expect(result).toMatchObject({ kind: "answer", rows: [{ outTradeNo: "A" }] });
    });

    it("uses the current month without a window for the later side", () => {
      const windows = queryWindows(new Date("2026-02-28T15:58:00Z"), new Date("2026-03-01T00:10:00Z"));
      expect(windows).toEqual([{ start_time: "2026-02-01 00:00:00", end_time: "2026-02-28 23:59:59" }, {}]);
      expect(queryWindows(undefined, new Date())).toEqual([{}]);
      expect(queryWindows(new Date("2024-02-10T00:00:00Z"), new Date("2026-03-01T00:00:00Z"))).toEqual([
        { start_time: "2024-02-01 00:00:00", end_time: "2024-02-29 23:59:59" },
      ]);
    });
  });
});
