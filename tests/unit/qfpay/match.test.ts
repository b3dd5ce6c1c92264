/**
 * Enquiry rows are matched, never trusted (issue 8): companion rows, other syssns, amounts and
 * currencies; and ids are asked in batches that stay inside QFPay's documented field size, falling
 * back to one id at a time when a batch gets no answer.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QfpayConfig } from "@/lib/qfpay/config";
import { queryInBatches, toEnquiryRow, type EnquiryRow } from "@/lib/qfpay/enquiry";
import { matchPaymentRow, matchRefundRow } from "@/lib/qfpay/match";
import { fakeQfpayConfig, startFakeQfpay, type FakeQfpay } from "../../support/fake-qfpay-server";

const rowOf = (fields: Record<string, unknown>): EnquiryRow =>
  toEnquiryRow({
    syssn: "20261128000300020081074842",
    out_trade_no: "A",
    order_type: "payment",
    txamt: "1250",
    txcurrcd: "HKD",
    respcd: "0000",
    cancel: "0",
    ...fields,
  })!;
const expected = { outTradeNo: "A", syssn: null, amount: 1250, currency: "HKD" };

describe("matchPaymentRow", () => {
  it("skips a companion row listed first: a refund row or a row naming the payment in origssn", () => {
    const refundRow = rowOf({
      order_type: "refund",
      syssn: "20261128000300020081070001",
      origssn: "20261128000300020081074842",
    });
    const companion = rowOf({
      order_type: "payment",
      syssn: "20261128000300020081070002",
      origssn: "20261128000300020081074842",
    });
    const ours = rowOf({ respcd: "1143", cancel: "0" });
    const match = matchPaymentRow([refundRow, companion, ours], expected);
    expect(match).toMatchObject({ kind: "row", row: { respcd: "1143" } });
    expect(matchPaymentRow([refundRow, companion], expected)).toEqual({ kind: "missing" });
  });

  it("takes only the row with the syssn QFPay gave the payment", () => {
    const other = rowOf({ syssn: "20261128000300020081079999", respcd: "0000" });
    expect(matchPaymentRow([other], { ...expected, syssn: "20261128000300020081074842" })).toEqual({ kind: "missing" });
    expect(
      matchPaymentRow([other, rowOf({ respcd: "1297" })], { ...expected, syssn: "20261128000300020081074842" }),
    ).toMatchObject({ kind: "row", row: { respcd: "1297" } });
  });

  it("never calls a row for another amount or currency paid", () => {
    expect(matchPaymentRow([rowOf({ txamt: "1251" })], expected)).toMatchObject({
      kind: "mismatch",
      reason: expect.stringMatching(/1251/),
    });
    expect(matchPaymentRow([rowOf({ txcurrcd: "CNY" })], expected)).toMatchObject({
      kind: "mismatch",
      reason: expect.stringMatching(/CNY/),
    });
    expect(matchPaymentRow([rowOf({})], expected)).toMatchObject({ kind: "row", row: { outcome: { status: "paid" } } });
    expect(matchPaymentRow([rowOf({ txamt: "1251", respcd: "1143" })], expected)).toMatchObject({ kind: "mismatch" });
  });

  it("lets a failed or reversed row of another amount settle the payment: it moved no money", () => {
    expect(matchPaymentRow([rowOf({ txamt: "1251", respcd: "1201" })], expected)).toMatchObject({
      kind: "row",
      row: { outcome: { status: "failed" } },
    });
    expect(matchPaymentRow([rowOf({ txamt: "1251", cancel: "1" })], expected)).toMatchObject({
      kind: "row",
      row: { reversedOrRefunded: true },
    });
  });

  it("prefers the row that shows progress when two payment rows share the id", () => {
    const failedAttempt = rowOf({ syssn: "1", respcd: "1297" });
    const paid = rowOf({ syssn: "2" });
    expect(matchPaymentRow([failedAttempt, paid], expected)).toMatchObject({ kind: "row", row: { syssn: "2" } });
  });

  it("finds a refund's own row by its out_trade_no", () => {
    const refund = rowOf({ out_trade_no: "R1", order_type: "refund", syssn: "9", origssn: "1" });
    expect(matchRefundRow([rowOf({ out_trade_no: "R1" }), refund], { outTradeNo: "R1", syssn: null })).toBe(refund);
    expect(matchRefundRow([rowOf({ out_trade_no: "R1" })], { outTradeNo: "R1", syssn: null })).toBeUndefined();
  });
});

describe("queryInBatches", () => {
  let fake: FakeQfpay;
  let config: QfpayConfig;
  beforeEach(async () => {
    fake = await startFakeQfpay();
    config = fakeQfpayConfig(fake, "k-0123456789", {
      backoff: { baseMs: 1, capMs: 2, attempts: 1 },
      queryBatchSize: 10,
    });
  });
  afterEach(() => fake.close());

  const answer = (ids: string[]) => ({
    json: {
      respcd: "0000",
      page: 1,
      page_size: 100,
      data: ids.map((id) => ({
        out_trade_no: id,
        syssn: `S${id}`,
        order_type: "payment",
        txamt: "100",
        respcd: "0000",
        cancel: "0",
      })),
    },
  });
  const now = new Date();

  it("keeps each list within 128 characters and the batch size", async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `ST20261128101530ABCDEFGHI${i}`); // 26 characters each: 4 fit in 128
    fake.reply(
      (r) => answer(r.params.out_trade_no!.split(",")),
      (r) => answer(r.params.out_trade_no!.split(",")),
    );
    const found = await queryInBatches(
      config,
      ids.map((outTradeNo) => ({ outTradeNo, sentAt: now })),
      now,
    );
    expect(fake.requests.map((r) => r.params.out_trade_no!.split(",").length)).toEqual([4, 2]);
    expect(fake.requests.every((r) => r.params.out_trade_no!.length <= 128)).toBe(true);
    expect(found.get(ids[5]!)).toMatchObject({ kind: "rows", single: false, rows: [{ outTradeNo: ids[5] }] });
  });

  it("asks one id at a time when a batch gets no answer, so one bad answer hides nothing", async () => {
    fake.reply(
      { json: { respcd: "1104", resperr: "parameter error" } },
      answer(["A"]),
      { text: "<html>502</html>", status: 502 },
      answer(["C"]),
    );
    const found = await queryInBatches(
      config,
      ["A", "B", "C"].map((outTradeNo) => ({ outTradeNo, sentAt: now })),
      now,
    );
    expect(fake.requests.map((r) => r.params.out_trade_no)).toEqual(["A,B,C", "A", "B", "C"]);
    expect(found.get("A")).toMatchObject({ kind: "rows", single: true, rows: [{ syssn: "SA" }] });
    expect(found.get("B")).toMatchObject({ kind: "unknown" });
    expect(found.get("C")).toMatchObject({ kind: "rows", single: true });
  });

  it("asks payments that need other month windows separately", async () => {
    fake.reply(answer(["A"]), answer(["B"]));
    const lastYear = new Date(now.getTime() - 400 * 24 * 3600 * 1000);
    await queryInBatches(
      config,
      [
        { outTradeNo: "A", sentAt: now },
        { outTradeNo: "B", sentAt: lastYear },
      ],
      now,
    );
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]!.params.start_time).toBeUndefined();
    expect(fake.requests[1]!.params.start_time).toMatch(/^\d{4}-\d{2}-01 00:00:00$/);
  });
});
