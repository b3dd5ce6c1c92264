/** The catalogue's barcode rules (lib/contract/barcode.ts, docs/catalogue.md §2). */
import { describe, expect, it } from "vitest";
import { canonicalBarcode, expandUpcE, gs1CheckDigit } from "@/lib/contract/barcode";

const code = (raw: string, hint?: { upcE?: boolean }) => {
  const result = canonicalBarcode(raw, hint);
  return result.ok ? result.barcode : result.problem;
};

describe("check digits", () => {
  it("computes the GS1 check digit of known codes", () => {
    // 4006381333931 (EAN-13), 96385074 (EAN-8), 036000291452 (UPC-A): published examples.
    expect(gs1CheckDigit("400638133393")).toBe(1);
    expect(gs1CheckDigit("9638507")).toBe(4);
    expect(gs1CheckDigit("03600029145")).toBe(2);
  });

  it("accepts a valid EAN-13 and refuses one digit off", () => {
    expect(code("4006381333931")).toEqual({ kind: "ean13", code: "4006381333931" });
    expect(code("4006381333932")).toBe("bad_check_digit");
    expect(code("4006381333921")).toBe("bad_check_digit");
  });

  it("accepts a valid EAN-8 and refuses a wrong check digit that is no UPC-E either", () => {
    expect(code("96385074")).toEqual({ kind: "ean8", code: "96385074" });
    expect(code("96385075")).toBe("bad_check_digit");
  });
});

describe("one barcode, one form", () => {
  it("stores a UPC-A as its EAN-13 (a leading 0)", () => {
    expect(code("036000291452")).toEqual({ kind: "ean13", code: "0036000291452" });
    expect(code("0036000291452")).toEqual(code("036000291452"));
    expect(code("036000291453")).toBe("bad_check_digit");
  });

  it("expands UPC-E by each of its last-digit rules", () => {
    expect(expandUpcE("01234505")).toBe("012000003455");
    expect(expandUpcE("04252614")).toBe("042100005264");
    expect(expandUpcE("01234531")).toBe("012300000451");
    expect(expandUpcE("01234542")).toBe("012340000052");
    expect(expandUpcE("01234576")).toBe("012345000076");
    expect(expandUpcE("21234576")).toBeNull();
  });

  it("stores a UPC-E as the EAN-13 of its UPC-A", () => {
    // 04252614 is UPC-E for UPC-A 042100005264 (a published example).
    expect(code("04252614")).toEqual({ kind: "ean13", code: "0042100005264" });
    expect(code("042100005264")).toEqual(code("04252614"));
    expect(code("04252615")).toBe("bad_check_digit");
  });

  it("reads 8 digits that are valid both ways as EAN-8 unless the scanner said UPC-E", () => {
    // 01234565 has a valid EAN-8 check digit and is also a UPC-E with the same check digit.
    const asEan8 = code("01234565");
    expect(asEan8).toEqual({ kind: "ean8", code: "01234565" });
    expect(code("01234565", { upcE: true })).toEqual({ kind: "ean13", code: `0${expandUpcE("01234565")!}` });
  });

  it("keeps a shop's own code as given, trimmed", () => {
    expect(code(" LATTE-L ")).toEqual({ kind: "sku", code: "LATTE-L" });
    expect(code("12345")).toEqual({ kind: "sku", code: "12345" });
    expect(code("latte l")).toEqual({ kind: "sku", code: "latte l" });
  });

  it("refuses empty, control or non-ASCII characters and over-long codes", () => {
    expect(code("")).toBe("bad_characters");
    expect(code("拿鐵")).toBe("bad_characters");
    expect(code("A\tB")).toBe("bad_characters");
    expect(code("X".repeat(33))).toBe("too_long");
    expect(code("X".repeat(32))).toEqual({ kind: "sku", code: "X".repeat(32) });
  });
});
