import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CANCEL_ENDPOINTS_BY_PAY_TYPE,
  cancelEndpointsFor,
  sendCancel,
  type CancelAttempt,
  type CancelRequest,
} from "@/lib/qfpay/cancel";
import type { QfpayConfig } from "@/lib/qfpay/config";
import { expectedSign, fakeQfpayConfig, startFakeQfpay, type FakeQfpay } from "../../support/fake-qfpay-server";

const CLIENT_KEY = "unit-test-client-key-c4nc";
let fake: FakeQfpay;
let config: QfpayConfig;

const request: CancelRequest = {
  outTradeNo: "ST20260301100000ABCDEFGHIJ",
  amount: 880,
  // 02:00:05 UTC is 10:00:05 in Hong Kong.
  txdtm: new Date(Date.UTC(2026, 2, 1, 2, 0, 5)),
};

beforeEach(async () => {
  fake = await startFakeQfpay();
  config = fakeQfpayConfig(fake, CLIENT_KEY);
});
afterEach(async () => {
  await fake.close();
});

describe("cancelEndpointsFor (docs/qfpay.md §6 CONFLICT)", () => {
  it.each([
    ["800108", ["reversal", "close"]],
    ["800008", ["close", "reversal"]],
    ["800208", ["close", "reversal"]],
    ["801008", ["close", "reversal"]],
    ["805808", []],
    ["800708", []],
    ["800101", []],
    ["", []],
    ["__proto__", []],
    ["toString", []],
  ])("%s → %j", (payType, expected) => {
    expect(cancelEndpointsFor(payType)).toEqual(expected);
  });

  it("exports exactly the documented CPM pay_types, frozen, and hands out copies", () => {
    expect(Object.keys(CANCEL_ENDPOINTS_BY_PAY_TYPE).sort()).toEqual([
      "800008",
      "800108",
      "800208",
      "800708",
      "801008",
      "805808",
    ]);
    expect(Object.isFrozen(CANCEL_ENDPOINTS_BY_PAY_TYPE)).toBe(true);
    const copy = cancelEndpointsFor("800108");
    copy.pop();
    expect(cancelEndpointsFor("800108")).toEqual(["reversal", "close"]);
  });
});

describe("sendCancel: what QFPay receives (docs/qfpay.md §6)", () => {
  it.each([
    ["reversal", "/trade/v1/reversal"],
    ["close", "/trade/v1/close"],
  ] as const)("%s POSTs the original out_trade_no, syssn, amount and txdtm (HK), signed", async (endpoint, path) => {
    fake.reply({ json: { respcd: "0000" } });
    await sendCancel(config, endpoint, { ...request, syssn: "20260301000300020081074842" });
    const req = fake.requests[0];
    expect(fake.requests).toHaveLength(1);
    expect(req?.method).toBe("POST");
    expect(req?.path).toBe(path);
    expect(req?.params).toEqual({
      out_trade_no: request.outTradeNo,
      syssn: "20260301000300020081074842",
      txamt: "880",
      txdtm: "2026-03-01 10:00:05",
    });
    expect(req?.headers["x-qf-appcode"]).toBe(config.appCode);
    expect(req?.headers["x-qf-sign"]).toBe(expectedSign(req?.params ?? {}, CLIENT_KEY, "MD5"));
  });

  it("leaves syssn out when QFPay never gave one, and adds mchid when issued", async () => {
    fake.reply({ json: { respcd: "0000" } }, { json: { respcd: "0000" } });
    await sendCancel(config, "reversal", { ...request, syssn: null });
    await sendCancel({ ...config, mchid: "R1zQrTdJnn", signType: "SHA256" }, "close", request);
    expect(fake.requests[0]?.params).toEqual({
      out_trade_no: request.outTradeNo,
      txamt: "880",
      txdtm: "2026-03-01 10:00:05",
    });
    const withMchid = fake.requests[1];
    expect(withMchid?.params).toMatchObject({ mchid: "R1zQrTdJnn" });
    expect(withMchid?.headers["x-qf-signtype"]).toBe("SHA256");
    expect(withMchid?.headers["x-qf-sign"]).toBe(expectedSign(withMchid?.params ?? {}, CLIENT_KEY, "SHA256"));
  });

  it("throws for a bad amount, an empty out_trade_no, an invalid date or an unknown endpoint, and sends nothing", async () => {
    await expect(sendCancel(config, "reversal", { ...request, amount: 8.8 })).rejects.toThrow(/amount/);
    await expect(sendCancel(config, "reversal", { ...request, amount: 0 })).rejects.toThrow(/amount/);
    await expect(sendCancel(config, "close", { ...request, outTradeNo: " " })).rejects.toThrow(/outTradeNo/);
    await expect(sendCancel(config, "close", { ...request, txdtm: new Date(Number.NaN) })).rejects.toThrow(RangeError);
    await expect(sendCancel(config, "refund" as never, request)).rejects.toThrow(/endpoint/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("sendCancel: reading the answer (docs/qfpay.md §6, §8)", () => {
  it("0000 is done, with the reversal's own syssn", async () => {
    fake.reply({
      json: {
        respcd: "0000",
        resperr: "success",
        respmsg: "",
        syssn: "20260301000300020081074999",
        orig_syssn: "20260301000300020081074842",
        out_trade_no: request.outTradeNo,
        txamt: "880",
      },
    });
    expect(await sendCancel(config, "reversal", request)).toEqual<CancelAttempt>({
      result: "done",
      respcd: "0000",
      message: "success",
      syssn: "20260301000300020081074999",
      unknownReason: null,
    });
  });

  it.each(["1143", "1145", "1295", "1298"])("%s is pending", async (code) => {
    fake.reply({ json: { respcd: code, resperr: `處理中(${code})` } });
    expect(await sendCancel(config, "close", request)).toMatchObject({
      result: "pending",
      respcd: code,
      unknownReason: null,
    });
  });

  it.each(["1101", "1142", "1150", "1264", "1263", "1136", "1108", "1104", "9999"])(
    "%s is refused, with the code",
    async (code) => {
      fake.reply({ json: { respcd: code, respmsg: `refused ${code}` } });
      expect(await sendCancel(config, "reversal", request)).toEqual<CancelAttempt>({
        result: "refused",
        respcd: code,
        message: `refused ${code}`,
        syssn: null,
        unknownReason: null,
      });
    },
  );

  it("a numeric code is read like the string", async () => {
    fake.reply({ json: { respcd: 1143 } });
    expect((await sendCancel(config, "close", request)).result).toBe("pending");
  });

  it("a missing or malformed code is unknown, never done", async () => {
    fake.reply({ json: { resperr: "??" } }, { json: { respcd: "00000" } }, { json: { respcd: 0 } });
    for (let i = 0; i < 3; i++) {
      expect(await sendCancel(config, "reversal", request)).toMatchObject({
        result: "unknown",
        unknownReason: "unrecognised_respcd",
      });
    }
  });

  it("no readable answer is unknown with the transport's reason, free of the key", async () => {
    fake.reply({ status: 502, text: "Bad Gateway" }, { text: "OK" });
    const badGateway = await sendCancel(config, "reversal", request);
    expect(badGateway).toMatchObject({ result: "unknown", respcd: null, syssn: null });
    expect(badGateway.unknownReason).toMatch(/^http_status: HTTP 502 \(POST \/trade\/v1\/reversal/);
    const notJson = await sendCancel(config, "close", request);
    expect(notJson.unknownReason).toMatch(/^not_json: /);
    expect(JSON.stringify([badGateway, notJson])).not.toContain(CLIENT_KEY);
    expect(fake.requests).toHaveLength(2);
  });
});
