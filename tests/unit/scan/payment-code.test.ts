import { describe, expect, it } from "vitest";
import {
  ALPHANUMERIC_CODE_RULES,
  checkPaymentCode,
  createDuplicateGuard,
  guessWallet,
  isProductBarcode,
  normalizePaymentCode,
} from "@/lib/scan/payment-code";

describe("normalizePaymentCode", () => {
  it("strips the scanner's CR/LF, tabs and spaces", () => {
    expect(normalizePaymentCode(" 1348 5790 1234 5885 57\r\n")).toBe("134857901234588557");
    expect(normalizePaymentCode("\t2812345678901234\n")).toBe("2812345678901234");
  });
});

describe("checkPaymentCode (default: 16–24 digits)", () => {
  it.each([
    ["134857901234588557", "wechat"],
    ["150123456789012345", "wechat"],
    ["2812345678901234", "alipay"],
    ["301234567890123456789012", "alipay"],
    ["6212345678901234567", "unionpay"],
    ["9912345678901234", "unknown"],
  ] as const)("accepts %s as %s", (code, wallet) => {
    expect(checkPaymentCode(code)).toEqual({ ok: true, code, wallet });
  });

  it("returns the normalised code", () => {
    expect(checkPaymentCode(" 134857901234588557\r\n")).toEqual({
      ok: true,
      code: "134857901234588557",
      wallet: "wechat",
    });
  });

  it.each([
    ["", "empty"],
    [" \r\n", "empty"],
    ["123456789012345", "too_short"],
    ["1234567890123456789012345", "too_long"],
    ["13485790123458855A", "not_digits"],
    ["1348-5790-1234-5885", "not_digits"],
    ["https://qr.alipay.com/abc", "not_digits"],
  ] as const)("refuses %j: %s", (raw, reason) => {
    expect(checkPaymentCode(raw)).toEqual({ ok: false, reason });
  });

  it.each([
    ["4006381333931", "EAN-13"],
    ["036000291452", "UPC-A"],
    ["96385074", "EAN-8"],
  ])("refuses the product barcode %s (%s)", (code) => {
    expect(checkPaymentCode(code)).toEqual({ ok: false, reason: "product_barcode" });
  });

  it("treats a 13-digit number with a wrong check digit as merely too short", () => {
    expect(checkPaymentCode("4006381333932")).toEqual({ ok: false, reason: "too_short" });
  });

  it("refuses a product barcode even when custom rules allow its length", () => {
    expect(checkPaymentCode("4006381333931", { minLength: 8, maxLength: 24, charset: "digits" })).toEqual({
      ok: false,
      reason: "product_barcode",
    });
  });
});

describe("checkPaymentCode with the alphanumeric rules", () => {
  it("accepts QFPay's Thai sample code (docs/qfpay.md §10)", () => {
    expect(checkPaymentCode("APTH7309962819735668", ALPHANUMERIC_CODE_RULES)).toEqual({
      ok: true,
      code: "APTH7309962819735668",
      wallet: "unknown",
    });
    expect(checkPaymentCode("APTH7309962819735668")).toEqual({ ok: false, reason: "not_digits" });
  });

  it("still refuses other characters, and codes over 128", () => {
    expect(checkPaymentCode("APTH-7309962819735668", ALPHANUMERIC_CODE_RULES)).toEqual({
      ok: false,
      reason: "not_digits",
    });
    expect(checkPaymentCode("A".repeat(129), ALPHANUMERIC_CODE_RULES)).toEqual({ ok: false, reason: "too_long" });
    expect(checkPaymentCode("A".repeat(128), ALPHANUMERIC_CODE_RULES).ok).toBe(true);
  });
});

describe("guessWallet (docs/qfpay.md §10 prefixes)", () => {
  it.each([
    ["104857901234588557", "wechat"],
    ["154857901234588557", "wechat"],
    ["164857901234588557", "unknown"],
    ["15485790123458855", "unknown"],
    ["2512345678901234", "alipay"],
    ["251234567890123", "unknown"],
    ["3012345678901234567890123", "unknown"],
    ["3112345678901234", "unknown"],
    ["6212345678901234567", "unionpay"],
    ["621234567890123456", "unknown"],
  ] as const)("%s → %s", (code, wallet) => {
    expect(guessWallet(code)).toBe(wallet);
  });
});

describe("isProductBarcode", () => {
  it("checks the GS1 check digit and the length", () => {
    expect(isProductBarcode("5901234123457")).toBe(true);
    expect(isProductBarcode("5901234123458")).toBe(false);
    expect(isProductBarcode("590123412345")).toBe(false);
    expect(isProductBarcode("73513537")).toBe(true);
    expect(isProductBarcode("134857901234588557")).toBe(false);
  });
});

describe("createDuplicateGuard", () => {
  it("accepts a code once per window", () => {
    let now = 1_000;
    const guard = createDuplicateGuard(60_000, () => now);
    expect(guard.accept("134857901234588557")).toBe(true);
    expect(guard.accept("2812345678901234")).toBe(true);
    now += 59_999;
    expect(guard.accept("134857901234588557")).toBe(false);
    now += 1;
    expect(guard.accept("134857901234588557")).toBe(true);
  });

  it("forgets everything on clear()", () => {
    const guard = createDuplicateGuard(60_000, () => 0);
    expect(guard.accept("134857901234588557")).toBe(true);
    guard.clear();
    expect(guard.accept("134857901234588557")).toBe(true);
  });
});
