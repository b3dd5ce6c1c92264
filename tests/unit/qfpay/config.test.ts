import { describe, expect, it } from "vitest";
import { qfpayConfigFrom } from "@/lib/qfpay/config";

const complete = {
  QFPAY_BASE_URL: "https://test-openapi-hk.qfapi.com",
  QFPAY_APP_CODE: "APPCODE",
  QFPAY_CLIENT_KEY: "secret-client-key-42",
  QFPAY_MCHID: undefined,
  QFPAY_SIGN_TYPE: "SHA256" as const,
  QFPAY_TIMEOUT_MS: 20_000,
};

describe("qfpayConfigFrom", () => {
  it("maps the settings and leaves mchid out when none was issued (docs/qfpay.md §1)", () => {
    const config = qfpayConfigFrom(complete);
    expect(config).toEqual({
      baseUrl: "https://test-openapi-hk.qfapi.com",
      appCode: "APPCODE",
      clientKey: "secret-client-key-42",
      signType: "SHA256",
      timeoutMs: 20_000,
      timeZone: "Asia/Hong_Kong",
      queryBatchSize: 10,
    });
    expect(config).not.toHaveProperty("mchid");
    expect(qfpayConfigFrom({ ...complete, POS_TIME_ZONE: "Asia/Singapore", QFPAY_QUERY_BATCH_SIZE: 3 })).toMatchObject({
      timeZone: "Asia/Singapore",
      queryBatchSize: 3,
    });
    expect(qfpayConfigFrom({ ...complete, QFPAY_MCHID: "R1zQrTdJnn" }).mchid).toBe("R1zQrTdJnn");
  });

  it("names every missing setting and never the key", () => {
    expect(() => qfpayConfigFrom({ ...complete, QFPAY_BASE_URL: undefined, QFPAY_APP_CODE: undefined })).toThrow(
      "QFPay is not configured: set QFPAY_BASE_URL, QFPAY_APP_CODE",
    );
    expect(() => qfpayConfigFrom({ ...complete, QFPAY_CLIENT_KEY: undefined })).toThrow(/QFPAY_CLIENT_KEY/);
    try {
      qfpayConfigFrom({ ...complete, QFPAY_APP_CODE: undefined });
    } catch (error) {
      expect((error as Error).message).not.toContain(complete.QFPAY_CLIENT_KEY);
    }
  });
});
