import { describe, expect, it } from "vitest";
import { expandUpcE, gs1CheckDigit, MAX_SKU_LENGTH } from "@/lib/contract/barcode";
import { normaliseProductBarcode } from "@/lib/scan/product-code";

// Fixtures: published examples (EAN-13 4006381333931, UPC-A 036000291452, EAN-8 96385074, UPC-E
// 04252614 = UPC-A 042100005264) and UPC-E codes of each zero-suppression rule, their check digits
// worked out by hand from the expanded UPC-A.

describe("gs1CheckDigit", () => {
  it.each([
    ["400638133393", 1],
    ["03600029145", 2],
    ["9638507", 4],
    ["04210000526", 4],
  ])("%s → %i", (body, digit) => {
    expect(gs1CheckDigit(body)).toBe(digit);
  });
});

describe("expandUpcE", () => {
  it.each([
    ["04252614", "042100005264"],
    ["01234505", "012000003455"],
    ["01234531", "012300000451"],
    ["01234543", "012340000053"],
    ["01234572", "012345000072"],
    ["19876520", "198200007650"],
  ])("%s → %s", (upce, upca) => {
    expect(expandUpcE(upce)).toBe(upca);
  });

  it("is null for what cannot be a UPC-E (number system 2–9, wrong length, letters)", () => {
    expect(expandUpcE("21234505")).toBeNull();
    expect(expandUpcE("0123450")).toBeNull();
    expect(expandUpcE("0123450A")).toBeNull();
  });
});

describe("normaliseProductBarcode", () => {
  it("keeps an EAN-13 and strips what scanners add", () => {
    expect(normaliseProductBarcode(" 4006381333931\r\n")).toEqual({
      ok: true,
      code: "4006381333931",
      symbology: "ean13",
    });
  });

  it("turns a UPC-A into its EAN-13 form", () => {
    expect(normaliseProductBarcode("036000291452")).toEqual({ ok: true, code: "0036000291452", symbology: "upca" });
    // …and a UPC-A read as 13 digits (a reader that adds the 0) is the same product.
    expect(normaliseProductBarcode("0036000291452", "upca")).toEqual({
      ok: true,
      code: "0036000291452",
      symbology: "upca",
    });
  });

  it("the EAN-13 form of a UPC-A read as an EAN-13 is the same code", () => {
    expect(normaliseProductBarcode("0036000291452")).toMatchObject({ ok: true, code: "0036000291452" });
  });

  it("keeps an EAN-8 as 8 digits", () => {
    expect(normaliseProductBarcode("96385074")).toEqual({ ok: true, code: "96385074", symbology: "ean8" });
  });

  it("expands a UPC-E to the EAN-13 form of its UPC-A", () => {
    expect(normaliseProductBarcode("04252614")).toEqual({ ok: true, code: "0042100005264", symbology: "upce" });
    expect(normaliseProductBarcode("19876520", "upce")).toEqual({
      ok: true,
      code: "0198200007650",
      symbology: "upce",
    });
  });

  it("8 digits valid both ways: EAN-8 unless the reader says UPC-E", () => {
    expect(normaliseProductBarcode("01000054")).toEqual({ ok: true, code: "01000054", symbology: "ean8" });
    expect(normaliseProductBarcode("01000054", "upce")).toEqual({
      ok: true,
      code: "0010000000054",
      symbology: "upce",
    });
  });

  it("is idempotent: a normalised code normalises to itself", () => {
    for (const raw of ["4006381333931", "036000291452", "96385074", "04252614", "19876520", "SKU-42/b"]) {
      const once = normaliseProductBarcode(raw);
      expect(once.ok).toBe(true);
      if (once.ok) expect(normaliseProductBarcode(once.code)).toMatchObject({ ok: true, code: once.code });
    }
  });

  it.each([
    ["4006381333932", "check_digit"],
    ["036000291453", "check_digit"],
    ["96385075", "check_digit"],
    ["04252615", "check_digit"],
  ])("refuses %s: %s", (raw, reason) => {
    expect(normaliseProductBarcode(raw)).toEqual({ ok: false, reason });
  });

  it("refuses what the reader's symbology cannot be", () => {
    expect(normaliseProductBarcode("4006381333931", "upce")).toEqual({ ok: false, reason: "wrong_length" });
    expect(normaliseProductBarcode("96385074", "ean13")).toEqual({ ok: false, reason: "wrong_length" });
    expect(normaliseProductBarcode("ABC12345", "ean8")).toEqual({ ok: false, reason: "not_product_code" });
  });

  it("keeps any other printable ASCII as a Code 128 SKU, exactly", () => {
    expect(normaliseProductBarcode("Oat-Milk/1L")).toEqual({ ok: true, code: "Oat-Milk/1L", symbology: "code128" });
    expect(normaliseProductBarcode("1234567", "code128")).toEqual({ ok: true, code: "1234567", symbology: "code128" });
  });

  it("reads GS1 digits in a Code 128 as the GS1 number (same product, same check)", () => {
    expect(normaliseProductBarcode("4006381333931", "code128")).toMatchObject({ ok: true, symbology: "ean13" });
    expect(normaliseProductBarcode("4006381333932", "code128")).toEqual({ ok: false, reason: "check_digit" });
  });

  it("refuses empty text, non-ASCII and over-long SKUs", () => {
    expect(normaliseProductBarcode(" \r\n")).toEqual({ ok: false, reason: "empty" });
    expect(normaliseProductBarcode("咖啡豆")).toEqual({ ok: false, reason: "not_product_code" });
    expect(normaliseProductBarcode("A".repeat(MAX_SKU_LENGTH))).toMatchObject({ ok: true });
    expect(normaliseProductBarcode("A".repeat(MAX_SKU_LENGTH + 1))).toEqual({ ok: false, reason: "not_product_code" });
  });
});
