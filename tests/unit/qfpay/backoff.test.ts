import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backoffDelayMs, backoffSettings, DEFAULT_BACKOFF, parseRetryAfterMs } from "@/lib/qfpay/backoff";
import { sendCancel } from "@/lib/qfpay/cancel";
import type { QfpayConfig } from "@/lib/qfpay/config";
import { queryByOutTradeNo } from "@/lib/qfpay/enquiry";
import { sendCpmPayment } from "@/lib/qfpay/payments";
import { createRateBudget } from "@/lib/qfpay/rate-budget";
import { sendRefund } from "@/lib/qfpay/refunds";
import { qfpayRequest, type QfpayRequestOptions } from "@/lib/qfpay/transport";
import { fakeQfpayConfig, startFakeQfpay, type FakeQfpay, type FakeReply } from "../../support/fake-qfpay-server";

const CLIENT_KEY = "unit-test-client-key-b0ff";
const QUERY = "/trade/v1/query";
let fake: FakeQfpay;
let config: QfpayConfig;
let slept: number[];
let options: QfpayRequestOptions;

beforeEach(async () => {
  fake = await startFakeQfpay();
  config = fakeQfpayConfig(fake, CLIENT_KEY);
  slept = [];
  // A budget of its own per test, so that no test waits on another's slots.
  options = {
    retry: "idempotent",
    budget: createRateBudget(),
    random: () => 0.5,
    sleep: async (ms) => void slept.push(ms),
  };
});
afterEach(async () => {
  await fake.close();
});

const OK: FakeReply = { json: { respcd: "0000", page: 1, page_size: 100, data: [] } };
const times = (n: number, reply: FakeReply) => Array.from({ length: n }, () => reply);

describe("back-off delays (docs/architecture.md §7.1)", () => {
  it("doubles from the base delay up to the cap, with jitter in [½, 1]", () => {
    const settings = backoffSettings({ baseMs: 100, capMs: 1000 });
    const exponential = [100, 200, 400, 800, 1000, 1000];
    exponential.forEach((full, i) => {
      expect(backoffDelayMs(i + 1, settings, () => 0)).toBe(full / 2);
      expect(backoffDelayMs(i + 1, settings, () => 0.999999)).toBe(full);
      for (let k = 0; k < 50; k++) {
        const delay = backoffDelayMs(i + 1, settings, Math.random);
        expect(delay).toBeGreaterThanOrEqual(full / 2);
        expect(delay).toBeLessThanOrEqual(full);
      }
    });
  });

  it("has bounded defaults and refuses nonsense settings", () => {
    expect(DEFAULT_BACKOFF).toEqual({ attempts: 4, baseMs: 250, capMs: 4000, maxRetryAfterMs: 10_000 });
    expect(() => backoffSettings({ attempts: 0 })).toThrow(RangeError);
    expect(() => backoffSettings({ baseMs: -1 })).toThrow(RangeError);
    expect(() => backoffSettings({ capMs: Number.NaN })).toThrow(RangeError);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.UTC(2026, 2, 1, 0, 0, 0);
    expect(parseRetryAfterMs("3", now)).toBe(3000);
    expect(parseRetryAfterMs(" 0 ", now)).toBe(0);
    expect(parseRetryAfterMs(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfterMs(new Date(now - 5000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfterMs(null, now)).toBeNull();
    expect(parseRetryAfterMs("soon", now)).toBeNull();
  });
});

describe("a query is repeated on trouble that says nothing about it (docs/qfpay.md §1, §4, §12)", () => {
  it("429 then 200 gives the answer", async () => {
    fake.reply({ status: 429, json: { respcd: "1100" } }, OK);
    const result = await qfpayRequest(config, QUERY, { out_trade_no: "A" }, options);
    expect(result).toMatchObject({ kind: "answer", httpStatus: 200 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.rawBody).toBe(fake.requests[0]?.rawBody);
    expect(slept).toEqual([Math.round(0.75 * 250)]);
  });

  it.each<[string, FakeReply]>([
    ["a 500", { status: 500, text: "oops" }],
    ["a 503 HTML page", { status: 503, contentType: "text/html", text: "<h1>busy</h1>" }],
    ["a connection reset", { destroy: true }],
  ])("%s then 200 gives the answer", async (_name, trouble) => {
    fake.reply(trouble, OK);
    expect(await qfpayRequest(config, QUERY, { out_trade_no: "A" }, options)).toMatchObject({ kind: "answer" });
    expect(fake.requests).toHaveLength(2);
  });

  it("a timeout then 200 gives the answer", async () => {
    fake.reply({ hang: true }, OK);
    const result = await qfpayRequest({ ...config, timeoutMs: 150 }, QUERY, { out_trade_no: "A" }, options);
    expect(result).toMatchObject({ kind: "answer" });
    expect(fake.requests).toHaveLength(2);
  });

  it("5xx every time is unknown after the bounded number of attempts, with exponential waits", async () => {
    fake.reply(...times(5, { status: 502, text: "bad gateway" }));
    const result = await qfpayRequest(config, QUERY, { out_trade_no: "A" }, { ...options, random: () => 0 });
    expect(result).toMatchObject({ kind: "unknown", reason: "http_status", httpStatus: 502 });
    expect(result.kind === "unknown" && result.detail).toMatch(/gave up after 4 attempts$/);
    expect(fake.requests).toHaveLength(4);
    expect(slept).toEqual([125, 250, 500]);
    expect(JSON.stringify(result)).not.toContain(CLIENT_KEY);
  });

  it("waits within [½, 1] of the exponential delay for any jitter", async () => {
    const draws = [0, 0.3, 0.999];
    fake.reply(...times(4, { status: 500, text: "" }));
    await qfpayRequest(config, QUERY, { out_trade_no: "A" }, { ...options, random: () => draws.shift() ?? 0 });
    expect(slept).toHaveLength(3);
    [250, 500, 1000].forEach((full, i) => {
      expect(slept[i]).toBeGreaterThanOrEqual(full / 2);
      expect(slept[i]).toBeLessThanOrEqual(full);
    });
    expect(slept[1]).toBe(Math.round(500 * 0.65));
  });

  it("honours the attempts and delays of the config", async () => {
    fake.reply(...times(3, { status: 500, text: "" }));
    const result = await qfpayRequest(
      { ...config, backoff: { attempts: 2, baseMs: 40 } },
      QUERY,
      { out_trade_no: "A" },
      { ...options, random: () => 0 },
    );
    expect(result.kind).toBe("unknown");
    expect(fake.requests).toHaveLength(2);
    expect(slept).toEqual([20]);
  });

  it("waits at least what Retry-After asks", async () => {
    fake.reply(
      { status: 429, text: "", headers: { "Retry-After": "3" } },
      { status: 503, text: "", headers: { "Retry-After": "0" } },
      OK,
    );
    expect(await qfpayRequest(config, QUERY, { out_trade_no: "A" }, options)).toMatchObject({ kind: "answer" });
    expect(slept).toEqual([3000, 0.75 * 500]);
  });

  it("does not wait for a Retry-After beyond the limit, and says so", async () => {
    fake.reply({ status: 429, text: "", headers: { "Retry-After": "60" } }, OK);
    const result = await qfpayRequest(config, QUERY, { out_trade_no: "A" }, options);
    expect(result).toMatchObject({ kind: "unknown", reason: "rate_limited", httpStatus: 429 });
    expect(fake.requests).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it.each<[string, FakeReply]>([
    ["a 200 that is not JSON", { text: "OK" }],
    ["a 400", { status: 400, json: { respcd: "1104" } }],
    ["a 302", { status: 302, text: "" }],
  ])("%s is not repeated", async (_name, reply) => {
    fake.reply(reply, OK);
    expect((await qfpayRequest(config, QUERY, { out_trade_no: "A" }, options)).kind).toBe("unknown");
    expect(fake.requests).toHaveLength(1);
  });

  it("queryByOutTradeNo repeats through the same policy", async () => {
    fake.reply(
      { status: 429, text: "" },
      { destroy: true },
      { json: { respcd: "0000", data: [{ out_trade_no: "A", respcd: "0000", cancel: "0", order_type: "payment" }] } },
    );
    const result = await queryByOutTradeNo({ ...config, backoff: { baseMs: 1 } }, ["A"]);
    expect(result).toMatchObject({ kind: "answer", rows: [{ outTradeNo: "A", outcome: { status: "paid" } }] });
    expect(fake.requests).toHaveLength(3);
  });

  it("refuses to repeat a path that is not read-only, and sends nothing", async () => {
    for (const path of ["/trade/v1/payment", "/trade/v1/refund", "/trade/v1/reversal", "/trade/v1/close"]) {
      await expect(qfpayRequest(config, path, { txamt: 1 }, { retry: "idempotent" })).rejects.toThrow(TypeError);
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe("calls that move money are sent exactly once (docs/qfpay.md §6, §9, §12)", () => {
  const txdtm = new Date(Date.UTC(2026, 2, 1, 2, 0, 0));
  const calls: Array<[string, string, (c: QfpayConfig) => Promise<{ unknownReason: string | null }>]> = [
    [
      "payment",
      "/trade/v1/payment",
      (c) =>
        sendCpmPayment(c, {
          outTradeNo: "P1",
          amount: 100,
          currency: "HKD",
          payType: "800008",
          authCode: "134857901234588557",
          txdtm,
        }),
    ],
    [
      "refund",
      "/trade/v1/refund",
      (c) => sendRefund(c, { refundOutTradeNo: "R1", originalSyssn: "20260301000300020081074842", amount: 100, txdtm }),
    ],
    ["reversal", "/trade/v1/reversal", (c) => sendCancel(c, "reversal", { outTradeNo: "P1", amount: 100, txdtm })],
    ["close", "/trade/v1/close", (c) => sendCancel(c, "close", { outTradeNo: "P1", amount: 100, txdtm })],
  ];
  const troubles: Array<[string, FakeReply, RegExp]> = [
    ["429", { status: 429, text: "", headers: { "Retry-After": "0" } }, /^rate_limited: HTTP 429/],
    ["503", { status: 503, text: "busy" }, /^http_status: HTTP 503/],
    ["a reset", { destroy: true }, /^network: /],
    ["a timeout", { hang: true }, /^timeout: /],
  ];
  const cases = calls.flatMap(([name, path, call]) =>
    troubles.map(([trouble, reply, reason]) => [name, trouble, path, call, reply, reason] as const),
  );

  it.each(cases)("%s after %s", async (_name, _trouble, path, call, reply, reason) => {
    fake.reply(reply, { json: { respcd: "0000" } });
    const result = await call({ ...config, timeoutMs: 150, backoff: { baseMs: 1 } });
    expect(result.unknownReason).toMatch(reason);
    expect(result.unknownReason).not.toMatch(/gave up/);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.path).toBe(path);
  });
});
