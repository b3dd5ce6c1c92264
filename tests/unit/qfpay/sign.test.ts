import { describe, expect, it } from "vitest";
import { buildSignString, signParams, verifyNotificationSignature } from "@/lib/qfpay/sign";

// docs/qfpay.md §2 "Worked examples".
const QFPAY_EXAMPLE = { txcurrcd: "HKD", mchid: "ZaMVg12345", txamt: "100" };
const CPM_EXAMPLE = {
  udid: "AA",
  txdtm: "2019-07-22 15:20:54",
  txcurrcd: "HKD",
  txamt: "10",
  pay_type: "800208",
  out_trade_no: "Native201907221520536a25477909",
  mchid: "R1zQrTdJnn",
  goods_name: "qfpay",
  auth_code: "134857901234588557",
};

describe("buildSignString (§2)", () => {
  it("sorts names, joins raw k=v with & and appends the key with no separator", () => {
    expect(buildSignString(QFPAY_EXAMPLE, "abcd1234")).toBe("mchid=ZaMVg12345&txamt=100&txcurrcd=HKDabcd1234");
    expect(buildSignString(CPM_EXAMPLE, "TESTKEY")).toBe(
      "auth_code=134857901234588557&goods_name=qfpay&mchid=R1zQrTdJnn&out_trade_no=Native201907221520536a25477909" +
        "&pay_type=800208&txamt=10&txcurrcd=HKD&txdtm=2019-07-22 15:20:54&udid=AATESTKEY",
    );
  });

  it("sorts by ASCII code, not by locale", () => {
    expect(buildSignString({ b: "2", a_: "4", a: "1", B: "3" }, "K")).toBe("B=3&a=1&a_=4&b=2K");
  });
});

describe("signParams (§2)", () => {
  it("matches the QFPay example vector in MD5 and SHA-256", () => {
    expect(signParams(QFPAY_EXAMPLE, "abcd1234", "MD5")).toBe("3CB3AA9C21D818AB4CAFAA8FA3FEACF4");
    expect(signParams(QFPAY_EXAMPLE, "abcd1234", "SHA256")).toBe(
      "99D9F7174823928B74C74B1C7A7E1538DF733774DD21C9606A202CB8BB3D74E8",
    );
  });

  it("matches the CPM vector in MD5 and SHA-256", () => {
    expect(signParams(CPM_EXAMPLE, "TESTKEY", "MD5")).toBe("FA78A723D5EBC4123E6C77714DC1A76F");
    expect(signParams(CPM_EXAMPLE, "TESTKEY", "SHA256")).toBe(
      "4159B5DF379317D80B722B2366C84BDDD8FDAE966CFBFE33F323227966015C45",
    );
  });

  it("changes with any value or the key", () => {
    const base = signParams(CPM_EXAMPLE, "TESTKEY", "MD5");
    expect(signParams({ ...CPM_EXAMPLE, txamt: "11" }, "TESTKEY", "MD5")).not.toBe(base);
    expect(signParams(CPM_EXAMPLE, "TESTKEY2", "MD5")).not.toBe(base);
  });
});

describe("verifyNotificationSignature (§7)", () => {
  // Python json.dumps style, non-ASCII escaped; the exact bytes QFPay signs.
  const body = String.raw`{"status": "1", "notify_type": "payment", "txamt": "10", "out_trade_no": "T1", "goods_name": "\u5976\u8336"}`;
  const sign = "BEABEB8D53D380B5B53382BC6705699E";

  it("accepts the vector as a string and as bytes", () => {
    expect(verifyNotificationSignature(body, sign, "TESTKEY")).toBe(true);
    expect(verifyNotificationSignature(new TextEncoder().encode(body), sign, "TESTKEY")).toBe(true);
  });

  it("compares hex case-insensitively", () => {
    expect(verifyNotificationSignature(body, sign.toLowerCase(), "TESTKEY")).toBe(true);
  });

  it("rejects a wrong key, an altered body and re-serialised JSON", () => {
    expect(verifyNotificationSignature(body, sign, "OTHERKEY")).toBe(false);
    expect(verifyNotificationSignature(body.replace('"10"', '"11"'), sign, "TESTKEY")).toBe(false);
    expect(verifyNotificationSignature(JSON.stringify(JSON.parse(body)), sign, "TESTKEY")).toBe(false);
  });

  it("rejects a missing, empty or malformed header without throwing", () => {
    expect(verifyNotificationSignature(body, null, "TESTKEY")).toBe(false);
    expect(verifyNotificationSignature(body, undefined, "TESTKEY")).toBe(false);
    expect(verifyNotificationSignature(body, "", "TESTKEY")).toBe(false);
    expect(verifyNotificationSignature(body, sign.slice(0, 31), "TESTKEY")).toBe(false);
    expect(verifyNotificationSignature(body, `${sign}00`, "TESTKEY")).toBe(false);
    expect(verifyNotificationSignature(body, "Z".repeat(32), "TESTKEY")).toBe(false);
  });

  it("rejects a SHA-256 or request-style signature of the same body", () => {
    const sha = signParams({ body }, "TESTKEY", "SHA256");
    expect(verifyNotificationSignature(body, sha, "TESTKEY")).toBe(false);
  });
});
