/** Barcode SVGs drawn locally with bwip-js, so the wallet page needs nothing from the internet. */
// The explicit Node entry: the package root maps types only under the "node"/"browser" conditions,
// which TypeScript's `bundler` resolution (tsconfig) does not use.
import bwipjs from "bwip-js/node";

const BARCODE_TYPES = ["qrcode", "code128"] as const;
type BarcodeType = (typeof BARCODE_TYPES)[number];

/** Payment codes are 1-128 letters/digits (docs/qfpay.md §3 auth_code String(128), §10). */
const TEXT_RE = /^[0-9A-Za-z]{1,128}$/;

export function isBarcodeType(value: string): value is BarcodeType {
  return (BARCODE_TYPES as readonly string[]).includes(value);
}

export function isBarcodeText(value: string): boolean {
  return TEXT_RE.test(value);
}

/**
 * A white-backed SVG with a quiet zone (scanners need one, and phones in dark mode would otherwise
 * draw black bars on black). It has a viewBox and no fixed size: the page sizes it with CSS.
 */
export function barcodeSvg(type: BarcodeType, text: string): string {
  if (!isBarcodeText(text)) throw new Error("barcode text must be 1-128 letters or digits");
  if (type === "code128") {
    return bwipjs.toSVG({
      bcid: "code128",
      text,
      scale: 2,
      height: 16,
      includetext: false,
      paddingwidth: 12,
      paddingheight: 4,
      backgroundcolor: "FFFFFF",
    });
  }
  return bwipjs.toSVG({
    bcid: "qrcode",
    text,
    scale: 4,
    paddingwidth: 4,
    paddingheight: 4,
    backgroundcolor: "FFFFFF",
  });
}
