/**
 * Product barcodes (issue 12, docs/catalogue.md §2): what the catalogue accepts and the one form it
 * stores, so that a code keyed in by a manager and the same code read by the scanner find the same
 * item. Pure and shared: the server checks and stores the canonical form, and the browser makes
 * the same form from what its scanner reads before it looks the item up.
 *
 * - EAN-13, UPC-A and UPC-E are one numbering (GTIN): UPC-A is EAN-13 with a leading 0, and UPC-E
 *   is a UPC-A with its zeros suppressed. All three are stored as the 13 digits of the EAN-13.
 * - EAN-8 is its own numbering and is stored as its 8 digits.
 * - Anything else is a shop's own code (a Code 128 SKU): printable ASCII, stored as given.
 * The GS1 check digit of EAN and UPC codes is checked; a numeric code of an EAN/UPC length whose
 * check digit is wrong is refused, never taken as a SKU (it is almost always a typing slip).
 */

type BarcodeKind = "ean13" | "ean8" | "sku";

type CanonicalBarcode = { kind: BarcodeKind; code: string };

/** Why a barcode is refused. */
type BarcodeProblem = "bad_check_digit" | "bad_characters" | "too_long";

/** Code 128 can carry more, but a longer SKU is not one a person keys in or a label prints. */
export const MAX_SKU_LENGTH = 32;

/** The GS1 check digit for `data` (the digits before the check digit). */
export function gs1CheckDigit(data: string): number {
  let sum = 0;
  // Weights 3, 1, 3, … from the rightmost data digit.
  for (let i = 0; i < data.length; i++) {
    const digit = data.charCodeAt(data.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

function hasValidCheckDigit(code: string): boolean {
  return gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/**
 * The UPC-A (12 digits) a UPC-E code (8 digits: number system 0 or 1, six digits, check digit)
 * stands for, or null when it is not one. The check digit is the UPC-A's own.
 */
export function expandUpcE(upcE: string): string | null {
  if (!/^[01]\d{7}$/.test(upcE)) return null;
  const ns = upcE[0]!;
  const d = upcE.slice(1, 7);
  const check = upcE[7]!;
  const last = d[5]!;
  let body: string;
  if (last === "0" || last === "1" || last === "2") body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === "3") body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === "4") body = `${d.slice(0, 4)}00000${d[4]!}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  return `${ns}${body}${check}`;
}

/**
 * The canonical form of a barcode, or the problem with it. `upcE: true` when the scanner said the
 * 8 digits are a UPC-E; without it 8 digits are an EAN-8 when their check digit fits, else a UPC-E
 * when they read as one (the two share a length; docs/catalogue.md §2).
 */
export function canonicalBarcode(
  raw: string,
  hint: { upcE?: boolean } = {},
): { ok: true; barcode: CanonicalBarcode } | { ok: false; problem: BarcodeProblem } {
  const text = raw.trim();
  if (/^\d+$/.test(text)) {
    if (text.length === 13) return gs1(text, "ean13");
    if (text.length === 12) return gs1(`0${text}`, "ean13");
    if (text.length === 8) {
      const asUpcA = expandUpcE(text);
      if (!hint.upcE && hasValidCheckDigit(text)) return { ok: true, barcode: { kind: "ean8", code: text } };
      if (asUpcA) return gs1(`0${asUpcA}`, "ean13");
      return { ok: false, problem: "bad_check_digit" };
    }
  }
  if (text.length === 0 || !/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(text)) {
    return { ok: false, problem: "bad_characters" };
  }
  if (text.length > MAX_SKU_LENGTH) return { ok: false, problem: "too_long" };
  return { ok: true, barcode: { kind: "sku", code: text } };
}

function gs1(
  code: string,
  kind: "ean13",
): { ok: true; barcode: CanonicalBarcode } | { ok: false; problem: BarcodeProblem } {
  return hasValidCheckDigit(code) ? { ok: true, barcode: { kind, code } } : { ok: false, problem: "bad_check_digit" };
}
