import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QfpayConfig } from "@/lib/qfpay/config";
import { sendCpmPayment, type CpmPaymentRequest } from "@/lib/qfpay/payments";
import { expectedSign, fakeQfpayConfig, startFakeQfpay, type FakeQfpay } from "../../support/fake-qfpay-server";

const CLIENT_KEY = "unit-test-client-key-9c1d";
let fake: FakeQfpay;
let config: QfpayConfig;

const request: CpmPaymentRequest = {
  outTradeNo: "ST20190722072054ABCDEFGHIJ",
  amount: 1250,
  currency: "HKD",
  payType: "800008",
  authCode: "134857901234588557",
  // 07:20:54 UTC is 15:20:54 in Hong Kong.
  txdtm: new Date(Date.UTC(2019, 6, 22, 7, 20, 54)),
};

beforeEach(async () => {
  fake = await startFakeQfpay();
  config = fakeQfpayConfig(fake, CLIENT_KEY);
});
afterEach(async () => {
  await fake.close();
});

describe("sendCpmPayment (docs/qfpay.md §3)", () => {
  it("sends the CPM fields with txdtm in Hong Kong time, and reads 0000 as paid", async () => {
    fake.reply({
      json: {
        respcd: "0000",
        resperr: "交易成功",
        respmsg: "OK",
        syssn: "20190722000300020081074842",
        pay_type: "800208",
        out_trade_no: request.outTradeNo,
        txamt: 1250,
        txcurrcd: "HKD",
      },
    });
    const attempt = await sendCpmPayment(config, { ...request, goodsName: "qfpay", udid: "till-1" });

    expect(attempt).toEqual({
      outcome: { status: "paid" },
      respcd: "0000",
      message: "交易成功",
      syssn: "20190722000300020081074842",
      payType: "800208",
      unknownReason: null,
      tentativeFailure: null,
      chnlsn: null,
      sysdtm: null,
      paydtm: null,
      cardcd: null,
      amount: 1250,
      currency: "HKD",
    });
    const req = fake.requests[0];
    expect(fake.requests).toHaveLength(1);
    expect(req?.path).toBe("/trade/v1/payment");
    expect(req?.params).toEqual({
      txamt: "1250",
      txcurrcd: "HKD",
      pay_type: "800008",
      out_trade_no: request.outTradeNo,
      txdtm: "2019-07-22 15:20:54",
      auth_code: "134857901234588557",
      goods_name: "qfpay",
      udid: "till-1",
    });
    expect(req?.headers["x-qf-sign"]).toBe(expectedSign(req?.params ?? {}, CLIENT_KEY, "MD5"));
  });

  it("formats txdtm across the Hong Kong date line", async () => {
    fake.reply({ json: { respcd: "0000" } });
    await sendCpmPayment(config, { ...request, txdtm: new Date(Date.UTC(2026, 0, 31, 16, 30, 5)) });
    expect(fake.requests[0]?.params.txdtm).toBe("2026-02-01 00:30:05");
  });

  it("1143 is pending, and the answer is understood", async () => {
    fake.reply({ json: { respcd: "1143", resperr: "交易中，請稍候(1143)", syssn: "20190722000300020081074843" } });
    expect(await sendCpmPayment(config, request)).toMatchObject({
      outcome: { status: "pending" },
      respcd: "1143",
      message: "交易中，請稍候(1143)",
      syssn: "20190722000300020081074843",
      payType: null,
      unknownReason: null,
    });
  });

  it("1202 is failed/fresh_code with QFPay's text", async () => {
    fake.reply({ json: { respcd: "1202", resperr: "付款碼錯誤(1202)", respmsg: "auth code invalid" } });
    const attempt = await sendCpmPayment(config, request);
    expect(attempt.outcome).toEqual({ status: "failed", failureKind: "fresh_code" });
    expect(attempt.message).toBe("付款碼錯誤(1202)");
    expect(attempt.respcd).toBe("1202");
  });

  it("falls back to respmsg when resperr is missing", async () => {
    fake.reply({ json: { respcd: "1297", respmsg: "bank busy" } });
    const attempt = await sendCpmPayment(config, request);
    // 1297 is not documented as "not processed": pending until an enquiry confirms (issue 8).
    expect(attempt.outcome).toEqual({ status: "pending" });
    expect(attempt.tentativeFailure).toBe("other_method");
    expect(attempt.message).toBe("bank busy");
  });

  it("an unknown or missing code is pending and says so", async () => {
    fake.reply({ json: { respcd: "9999", resperr: "新錯誤" } }, { json: { resperr: "??" } });
    const unknownCode = await sendCpmPayment(config, request);
    expect(unknownCode).toMatchObject({
      outcome: { status: "pending" },
      respcd: "9999",
      unknownReason: "unrecognised_respcd",
    });
    const noCode = await sendCpmPayment(config, { ...request, outTradeNo: "ST-second-0001" });
    expect(noCode).toMatchObject({
      outcome: { status: "pending" },
      respcd: null,
      unknownReason: "unrecognised_respcd",
    });
  });

  it("a timeout is pending with the reason, and nothing is resent", async () => {
    fake.reply({ hang: true });
    const attempt = await sendCpmPayment({ ...config, timeoutMs: 150 }, request);
    expect(attempt).toMatchObject({ outcome: { status: "pending" }, respcd: null, syssn: null, message: null });
    expect(attempt.unknownReason).toMatch(/^timeout: /);
    expect(JSON.stringify(attempt)).not.toContain(CLIENT_KEY);
    expect(fake.requests).toHaveLength(1);
  });

  it("an HTML error page is pending with the HTTP status in the reason", async () => {
    fake.reply({ status: 503, contentType: "text/html", text: "<h1>Service Unavailable</h1>" });
    const attempt = await sendCpmPayment(config, request);
    expect(attempt.outcome).toEqual({ status: "pending" });
    expect(attempt.unknownReason).toMatch(/^http_status: HTTP 503/);
  });

  describe("the data.txstatus envelope (docs/qfpay.md §3 CONFLICT)", () => {
    it("SUCCESS with 0000 is paid, syssn from qf_trade_no", async () => {
      fake.reply({
        json: {
          respcd: "0000",
          respmsg: "OK",
          data: { txstatus: "SUCCESS", qf_trade_no: "20260101000300020081074842", pay_type: "800108" },
        },
      });
      expect(await sendCpmPayment(config, request)).toMatchObject({
        outcome: { status: "paid" },
        respcd: "0000",
        message: "OK",
        syssn: "20260101000300020081074842",
        payType: "800108",
        unknownReason: null,
      });
    });

    it("FAILED or PENDING under a 0000 call status is pending, never paid", async () => {
      fake.reply(
        { json: { respcd: "0000", data: { txstatus: "FAILED" } } },
        { json: { respcd: "0000", data: { txstatus: "PENDING" } } },
      );
      const failed = await sendCpmPayment(config, request);
      expect(failed).toMatchObject({ outcome: { status: "pending" }, unknownReason: "txstatus_conflict" });
      const pending = await sendCpmPayment(config, request);
      expect(pending).toMatchObject({ outcome: { status: "pending" }, unknownReason: null });
    });

    it("FAILED agreeing with a failure code keeps the failure", async () => {
      fake.reply({ json: { respcd: "1202", data: { txstatus: "FAILED" } } });
      expect((await sendCpmPayment(config, request)).outcome).toEqual({ status: "failed", failureKind: "fresh_code" });
    });
  });

  it.each([[12.5], [Number.NaN], [0], [-100], [Number.MAX_SAFE_INTEGER + 1]])(
    "throws for amount %s and sends nothing",
    async (amount) => {
      await expect(sendCpmPayment(config, { ...request, amount })).rejects.toThrow(/amount/);
      expect(fake.requests).toHaveLength(0);
    },
  );

  it("throws for an invalid date or an empty code and sends nothing", async () => {
    await expect(sendCpmPayment(config, { ...request, txdtm: new Date(Number.NaN) })).rejects.toThrow(RangeError);
    await expect(sendCpmPayment(config, { ...request, authCode: "" })).rejects.toThrow(/authCode/);
    expect(fake.requests).toHaveLength(0);
  });
});
