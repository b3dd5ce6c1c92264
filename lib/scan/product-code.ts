/**
 * A product's barcode as the scanner reads it (issue 12), in the form the catalogue stores: the
 * GS1 arithmetic and the SKU rule are the catalogue's own (lib/contract/barcode.ts), so a code typed
 * into the catalogue and the same code read off the goods compare equal. This module adds what only
 * a reader knows: the symbology it saw, and the spaces and line ends a scanner adds. Pure.
 *
 * The forms (docs/glossary.md, "Product barcode"):
 * - EAN-13 stays as it is; UPC-A becomes its EAN-13 form (a leading 0); UPC-E is expanded to its
 *   UPC-A and then to that EAN-13 form, so one product has one key whichever of the three is printed;
 * - EAN-8 stays 8 digits (a GTIN-8 has no longer form);
 * - anything else made of printable ASCII is a Code 128 SKU, kept exactly (case and all).
 * A string of 8, 12 or 13 digits is always read as a GS1 number and must carry a valid check digit:
 * a mistyped EAN is refused rather than kept as a SKU that no scan would ever match.
 */

import { canonicalBarcode, expandUpcE, gs1CheckDigit } from "@/lib/contract/barcode";

export type ProductSymbology = "ean13" | "ean8" | "upca" | "upce" | "code128";

export type ProductBarcode = {
  /** The normalised form: 13 digits (EAN-13, UPC-A, UPC-E), 8 digits (EAN-8), or the SKU's text. */
  code: string;
  /** What the code was read as (UPC-A and UPC-E keep their name though their code is the EAN-13 form). */
  symbology: ProductSymbology;
};

type ProductBarcodeProblem =
  /** Nothing left after removing the spaces and line ends scanners add. */
  | "empty"
  /** 8, 12 or 13 digits whose last digit is not their GS1 check digit. */
  | "check_digit"
  /** A symbology hint the text cannot be (e.g. "upce" for 13 digits). */
  | "wrong_length"
  /** Characters a Code 128 SKU may not hold (outside printable ASCII), or longer than a SKU may be. */
  | "not_product_code";

type ProductBarcodeCheck = ({ ok: true } & ProductBarcode) | { ok: false; reason: ProductBarcodeProblem };

function hasValidCheckDigit(digits: string): boolean {
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

type Gs1Symbology = Exclude<ProductSymbology, "code128">;

function gtin(digits: string, symbology: Gs1Symbology): ProductBarcodeCheck {
  switch (symbology) {
    case "ean13":
      if (digits.length !== 13) return { ok: false, reason: "wrong_length" };
      return hasValidCheckDigit(digits) ? { ok: true, code: digits, symbology } : { ok: false, reason: "check_digit" };
    case "upca":
      // A UPC-A reader may hand over the EAN-13 form already (ZXing does with some options).
      if (digits.length === 13 && digits.startsWith("0")) return gtin(digits.slice(1), "upca");
      if (digits.length !== 12) return { ok: false, reason: "wrong_length" };
      return hasValidCheckDigit(digits)
        ? { ok: true, code: `0${digits}`, symbology }
        : { ok: false, reason: "check_digit" };
    case "ean8":
      if (digits.length !== 8) return { ok: false, reason: "wrong_length" };
      return hasValidCheckDigit(digits) ? { ok: true, code: digits, symbology } : { ok: false, reason: "check_digit" };
    case "upce": {
      const upca = digits.length === 8 ? expandUpcE(digits) : null;
      if (!upca) return { ok: false, reason: "wrong_length" };
      return hasValidCheckDigit(upca)
        ? { ok: true, code: `0${upca}`, symbology }
        : { ok: false, reason: "check_digit" };
    }
  }
}

/**
 * Normalises a scanned or typed product barcode. `symbology` is what the reader saw, when it knows
 * (the camera does, a keyboard-wedge scanner does not); it settles whether 8 digits are an EAN-8 or
 * a UPC-E. Without it, 8 digits are an EAN-8 when their check digit says so, else a UPC-E when its
 * expansion's does. With "code128", digits are still GS1 numbers if they have a GS1 length: a
 * Code 128 printed with an EAN's digits is the same product.
 */
export function normaliseProductBarcode(raw: string, symbology?: ProductSymbology): ProductBarcodeCheck {
  // What scanners and copy-paste add around a code: CR/LF, tabs, spaces.
  const text = raw.replace(/\s+/g, "");
  if (text === "") return { ok: false, reason: "empty" };
  const digitsOnly = /^\d+$/.test(text);
  if (symbology && symbology !== "code128") {
    return digitsOnly ? gtin(text, symbology) : { ok: false, reason: "not_product_code" };
  }
  if (digitsOnly && text.length === 13) return gtin(text, "ean13");
  if (digitsOnly && text.length === 12) return gtin(text, "upca");
  if (digitsOnly && text.length === 8) {
    const ean8 = gtin(text, "ean8");
    if (ean8.ok) return ean8;
    const upce = gtin(text, "upce");
    return upce.ok ? upce : ean8;
  }
  // A SKU keeps its inner spaces (Code 128 carries them): the catalogue's own rule decides it.
  const sku = canonicalBarcode(raw.trim());
  if (!sku.ok || sku.barcode.kind !== "sku") return { ok: false, reason: "not_product_code" };
  return { ok: true, code: sku.barcode.code, symbology: "code128" };
}
