import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QfpayConfig } from "@/lib/qfpay/config";
import { qfpayRequest, type TransportResult } from "@/lib/qfpay/transport";
import { closedPortUrl, expectedSign, startFakeQfpay, type FakeQfpay } from "../../support/fake-qfpay-server";

const CLIENT_KEY = "unit-test-client-key-5f3a";
let fake: FakeQfpay;
let config: QfpayConfig;

beforeEach(async () => {
  fake = await startFakeQfpay();
  config = {
    baseUrl: fake.url,
    appCode: "A6A49A66B4C0000000000000094EA950",
    clientKey: CLIENT_KEY,
    signType: "MD5",
    timeoutMs: 2000,
  };
});
afterEach(async () => {
  await fake.close();
});

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

function expectCredentialFree(result: TransportResult) {
  const text = JSON.stringify(result);
  expect(text).not.toContain(CLIENT_KEY);
  for (const request of fake.requests) {
    const sign = request.headers["x-qf-sign"];
    if (typeof sign === "string") expect(text).not.toContain(sign);
  }
}

describe("qfpayRequest: what QFPay receives (docs/qfpay.md §1, §2)", () => {
  it("POSTs a signed form with the app code, and returns the JSON answer", async () => {
    fake.reply({ json: { respcd: "0000", syssn: "20190722000300020081074842" } });
    const result = await qfpayRequest(config, "/trade/v1/payment", { txamt: 10, txcurrcd: "HKD", pay_type: "800008" });

    expect(result).toEqual({
      kind: "answer",
      httpStatus: 200,
      body: { respcd: "0000", syssn: "20190722000300020081074842" },
    });
    const req = only(fake.requests);
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/trade/v1/payment");
    expect(req.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(req.headers["content-type"]).toMatch(/charset=UTF-8/i);
    expect(req.headers["x-qf-appcode"]).toBe(config.appCode);
    expect(req.headers["x-qf-signtype"]).toBeUndefined();
    expect(req.params).toEqual({ txamt: "10", txcurrcd: "HKD", pay_type: "800008" });
    expect(req.headers["x-qf-sign"]).toMatch(/^[0-9A-F]{32}$/);
    expect(req.headers["x-qf-sign"]).toBe(expectedSign(req.params, CLIENT_KEY, "MD5"));
  });

  it("never sends empty parameters", async () => {
    fake.reply({ json: { respcd: "0000" } });
    await qfpayRequest(config, "/trade/v1/payment", {
      txamt: 10,
      goods_name: undefined,
      udid: null,
      notify_url: "",
      note: "  ",
    });
    const req = only(fake.requests);
    expect(req.names).toEqual(["txamt"]);
    expect(req.headers["x-qf-sign"]).toBe(expectedSign({ txamt: "10" }, CLIENT_KEY, "MD5"));
  });

  it("sends mchid only when configured, and signs it", async () => {
    fake.reply({ json: { respcd: "0000" } }, { json: { respcd: "0000" } });
    await qfpayRequest(config, "/trade/v1/query", { out_trade_no: "A" });
    await qfpayRequest({ ...config, mchid: "R1zQrTdJnn" }, "/trade/v1/query", { out_trade_no: "A" });
    const [without, withMchid] = fake.requests;
    expect(without?.params).not.toHaveProperty("mchid");
    expect(withMchid?.params).toEqual({ out_trade_no: "A", mchid: "R1zQrTdJnn" });
    expect(withMchid?.headers["x-qf-sign"]).toBe(
      expectedSign({ out_trade_no: "A", mchid: "R1zQrTdJnn" }, CLIENT_KEY, "MD5"),
    );
  });

  it("refuses a mchid passed as a call parameter", async () => {
    await expect(qfpayRequest(config, "/trade/v1/query", { mchid: "X" })).rejects.toThrow(/mchid/);
    expect(fake.requests).toHaveLength(0);
  });

  it("signs with SHA-256 and says so in X-QF-SIGNTYPE", async () => {
    fake.reply({ json: { respcd: "0000" } });
    await qfpayRequest({ ...config, signType: "SHA256" }, "/trade/v1/query", { out_trade_no: "A" });
    const req = only(fake.requests);
    expect(req.headers["x-qf-signtype"]).toBe("SHA256");
    expect(req.headers["x-qf-sign"]).toMatch(/^[0-9A-F]{64}$/);
    expect(req.headers["x-qf-sign"]).toBe(expectedSign(req.params, CLIENT_KEY, "SHA256"));
  });

  it("form-encodes a txdtm with a space and UTF-8 text, and signs the raw values", async () => {
    fake.reply({ json: { respcd: "0000" } });
    await qfpayRequest(config, "/trade/v1/payment", {
      txdtm: "2019-07-22 15:20:54",
      goods_name: "奶茶",
      out_trade_no: "a&b=c",
    });
    const req = only(fake.requests);
    expect(req.rawBody).toContain("txdtm=2019-07-22+15%3A20%3A54");
    expect(req.rawBody).toContain("goods_name=%E5%A5%B6%E8%8C%B6");
    expect(req.params).toEqual({ txdtm: "2019-07-22 15:20:54", goods_name: "奶茶", out_trade_no: "a&b=c" });
    expect(req.headers["x-qf-sign"]).toBe(expectedSign(req.params, CLIENT_KEY, "MD5"));
  });

  it("keeps a path prefix of the base URL", async () => {
    fake.reply({ json: { respcd: "0000" } });
    await qfpayRequest({ ...config, baseUrl: `${fake.url}/gw/` }, "/trade/v1/query", { page: 1 });
    expect(only(fake.requests).path).toBe("/gw/trade/v1/query");
  });
});

describe("qfpayRequest: trouble is a value, never a throw, and by default never retried", () => {
  it("a stalled server is unknown/timeout after timeoutMs", async () => {
    fake.reply({ hang: true });
    const started = Date.now();
    const result = await qfpayRequest({ ...config, timeoutMs: 150 }, "/trade/v1/payment", { txamt: 10 });
    expect(result).toMatchObject({ kind: "unknown", reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(fake.requests).toHaveLength(1);
    expectCredentialFree(result);
  });

  it("a body that stalls after the headers is unknown/timeout too", async () => {
    fake.reply({ stallBody: '{"respcd": "00' });
    const result = await qfpayRequest({ ...config, timeoutMs: 150 }, "/trade/v1/payment", { txamt: 10 });
    expect(result).toMatchObject({ kind: "unknown", reason: "timeout" });
  });

  it("a connection reset is unknown/network", async () => {
    fake.reply({ destroy: true });
    const result = await qfpayRequest(config, "/trade/v1/payment", { txamt: 10 });
    expect(result).toMatchObject({ kind: "unknown", reason: "network" });
    expect(fake.requests).toHaveLength(1);
    expectCredentialFree(result);
  });

  it("a refused connection is unknown/network", async () => {
    const result = await qfpayRequest({ ...config, baseUrl: await closedPortUrl() }, "/trade/v1/payment", {
      txamt: 10,
    });
    expect(result).toMatchObject({ kind: "unknown", reason: "network" });
  });

  it("an HTML 500 page is unknown/http_status", async () => {
    fake.reply({ status: 500, contentType: "text/html", text: "<html><body><h1>502 Bad Gateway</h1></body></html>" });
    const result = await qfpayRequest(config, "/trade/v1/payment", { txamt: 10 });
    expect(result).toMatchObject({ kind: "unknown", reason: "http_status", httpStatus: 500 });
    expect(fake.requests).toHaveLength(1);
    expectCredentialFree(result);
  });

  it("a JSON body on a non-2xx status is still not an answer", async () => {
    fake.reply({ status: 502, json: { respcd: "0000" } });
    expect(await qfpayRequest(config, "/trade/v1/payment", { txamt: 10 })).toMatchObject({
      kind: "unknown",
      reason: "http_status",
      httpStatus: 502,
    });
  });

  it("a redirect is not followed", async () => {
    fake.reply({ status: 302, text: "" });
    expect(await qfpayRequest(config, "/trade/v1/payment", { txamt: 10 })).toMatchObject({
      reason: "http_status",
      httpStatus: 302,
    });
    expect(fake.requests).toHaveLength(1);
  });

  it("200 with a body that is not a JSON object is unknown/not_json", async () => {
    fake.reply({ text: "OK" }, { text: "[1,2]" }, { text: "null" }, { text: "" });
    for (let i = 0; i < 4; i++) {
      const result = await qfpayRequest(config, "/trade/v1/payment", { txamt: 10 });
      expect(result).toMatchObject({ kind: "unknown", reason: "not_json", httpStatus: 200 });
      expectCredentialFree(result);
    }
  });

  it("429 is unknown/rate_limited", async () => {
    fake.reply({ status: 429, json: { respcd: "1100" } });
    const result = await qfpayRequest(config, "/trade/v1/query", { out_trade_no: "A" });
    expect(result).toMatchObject({ kind: "unknown", reason: "rate_limited", httpStatus: 429 });
    expect(fake.requests).toHaveLength(1);
  });
});
