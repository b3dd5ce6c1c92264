import { describe, expect, it } from "vitest";
import { MAX_AMOUNT_MINOR, formatMoney, isValidAmount, minorToDecimalString, parseDecimalToMinor } from "@/lib/money";
import { createPaymentInput } from "@/lib/contract/payments";

describe("money in minor units", () => {
  it("formats and parses without floating point", () => {
    expect(minorToDecimalString(1250, "HKD")).toBe("12.50");
    expect(minorToDecimalString(5, "HKD")).toBe("0.05");
    expect(minorToDecimalString(1250, "JPY")).toBe("1250");
    expect(parseDecimalToMinor("12.5", "HKD")).toBe(1250);
    expect(parseDecimalToMinor("0.07", "HKD")).toBe(7);
    expect(parseDecimalToMinor("1.005", "HKD")).toBeNull();
    expect(parseDecimalToMinor("-1", "HKD")).toBeNull();
    expect(formatMoney(1250, "HKD", "en-HK")).toBe("HK$12.50");
  });

  it("accepts only whole positive amounts up to the cap", () => {
    expect(isValidAmount(1)).toBe(true);
    expect(isValidAmount(MAX_AMOUNT_MINOR)).toBe(true);
    for (const bad of [0, -1, 1.5, MAX_AMOUNT_MINOR + 1, Number.NaN, "100", null])
      expect(isValidAmount(bad)).toBe(false);
  });
});

describe("POST /api/payments input", () => {
  const ok = { amount: 1250, authCode: "134857901234588557" };
  it("accepts a good request and strips scanner whitespace", () => {
    expect(createPaymentInput.parse({ ...ok, authCode: " 1348 5790 1234 5885 57\r\n" }).authCode).toBe(
      "134857901234588557",
    );
  });
  it.each([
    ["zero amount", { ...ok, amount: 0 }],
    ["negative amount", { ...ok, amount: -5 }],
    ["fractional amount", { ...ok, amount: 12.5 }],
    ["huge amount", { ...ok, amount: 1e12 }],
    ["amount as text", { ...ok, amount: "1250" }],
    ["unknown currency", { ...ok, currency: "XYZ" }],
    ["empty code", { ...ok, authCode: "" }],
    ["200-character code", { ...ok, authCode: "1".repeat(200) }],
    ["code with symbols", { ...ok, authCode: "1348579012345885'; --" }],
    ["bad outTradeNo", { ...ok, outTradeNo: "x" }],
    ["unknown pay type", { ...ok, payType: "123456" }],
  ])("refuses %s", (_name, body) => {
    expect(createPaymentInput.safeParse(body).success).toBe(false);
  });
});
