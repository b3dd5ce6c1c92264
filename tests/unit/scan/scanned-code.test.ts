import { describe, expect, it } from "vitest";
import { ALPHANUMERIC_CODE_RULES, WALLET_CODE_RULES } from "@/lib/scan/payment-code";
import { routeKeypadScan } from "@/components/scan/use-keypad-wedge";
import { classifyScannedCode } from "@/lib/scan/scanned-code";

describe("classifyScannedCode", () => {
  it("a wallet code is a payment, whatever else it could be", () => {
    expect(classifyScannedCode("134857901234588557\r\n", WALLET_CODE_RULES)).toEqual({
      kind: "payment",
      code: "134857901234588557",
      wallet: "wechat",
    });
  });

  it("an EAN-13, UPC-A, EAN-8 and UPC-E are products, normalised", () => {
    expect(classifyScannedCode("4006381333931", WALLET_CODE_RULES)).toEqual({
      kind: "product",
      product: { code: "4006381333931", symbology: "ean13" },
    });
    expect(classifyScannedCode("036000291452", WALLET_CODE_RULES)).toMatchObject({
      product: { code: "0036000291452" },
    });
    expect(classifyScannedCode("96385074", WALLET_CODE_RULES)).toMatchObject({ kind: "product" });
    expect(classifyScannedCode("04252614", WALLET_CODE_RULES)).toMatchObject({
      product: { code: "0042100005264", symbology: "upce" },
    });
  });

  it("a Code 128 SKU is a product under the digits rules, a payment under the alphanumeric ones", () => {
    expect(classifyScannedCode("CAFE-LATTE-12", WALLET_CODE_RULES)).toMatchObject({
      kind: "product",
      product: { code: "CAFE-LATTE-12", symbology: "code128" },
    });
    expect(classifyScannedCode("CAFELATTE12", ALPHANUMERIC_CODE_RULES)).toMatchObject({ kind: "payment" });
  });

  it("neither: an EAN with a wrong check digit, non-ASCII text; the payment path's reason is kept", () => {
    expect(classifyScannedCode("4006381333932", WALLET_CODE_RULES)).toEqual({ kind: "neither", reason: "too_short" });
    expect(classifyScannedCode("咖啡", WALLET_CODE_RULES)).toEqual({ kind: "neither", reason: "not_digits" });
    expect(classifyScannedCode("", WALLET_CODE_RULES)).toEqual({ kind: "neither", reason: "empty" });
  });
});

describe("routeKeypadScan (a barcode scanner on the amount screen)", () => {
  const guard = () => {
    const seen = new Set<string>();
    return { accept: (code: string) => (seen.has(code) ? false : (seen.add(code), true)) };
  };
  const WALLET = "134857901234588557";
  const EAN_13 = "4006381333931";

  for (const takesProducts of [false, true]) {
    describe(takesProducts ? "with onProductCode (the cart)" : "without onProductCode (as before the cart)", () => {
      it("a wallet code pays the amount from before the burst", () => {
        expect(routeKeypadScan(`${WALLET}\r`, 1250, WALLET_CODE_RULES, guard(), takesProducts)).toEqual({
          type: "pay",
          amount: 1250,
          code: WALLET,
        });
      });

      it("a wallet code with no amount asks for the amount; a repeat is a duplicate", () => {
        const g = guard();
        expect(routeKeypadScan(WALLET, 0, WALLET_CODE_RULES, g, takesProducts)).toEqual({
          type: "refuse",
          notice: { key: "scan.keyAmountFirst" },
        });
        expect(routeKeypadScan(WALLET, 500, WALLET_CODE_RULES, g, takesProducts)).toMatchObject({ type: "pay" });
        expect(routeKeypadScan(WALLET, 500, WALLET_CODE_RULES, g, takesProducts)).toEqual({
          type: "refuse",
          notice: { key: "scan.readDuplicate" },
        });
      });

      it("neither: refused as not a payment code", () => {
        expect(routeKeypadScan("咖啡咖啡咖啡咖啡", 500, WALLET_CODE_RULES, guard(), takesProducts)).toEqual({
          type: "refuse",
          notice: { key: "scan.readNotPaymentCode" },
        });
      });
    });
  }

  it("a product barcode goes to the cart when there is one, amount or not, and twice is two items", () => {
    const g = guard();
    for (const before of [0, 700, 700])
      expect(routeKeypadScan(EAN_13, before, WALLET_CODE_RULES, g, true)).toEqual({ type: "product", code: EAN_13 });
    expect(routeKeypadScan("036000291452", 0, WALLET_CODE_RULES, g, true)).toEqual({
      type: "product",
      code: "0036000291452",
    });
  });

  it("without the cart a product barcode is refused with its own notice, as before", () => {
    expect(routeKeypadScan(EAN_13, 700, WALLET_CODE_RULES, guard(), false)).toEqual({
      type: "refuse",
      notice: { key: "scan.readProductBarcode" },
    });
  });
});
