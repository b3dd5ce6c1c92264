/**
 * The scanner's two settings, as the server passes them to the sale screen. Pure (no imports), so
 * `lib/env-schema.ts` validates the environment against the same lists the browser code uses.
 */

/**
 * `wasm`: ZXing-C++ (zxing-wasm) in a Web Worker, the default (docs/scanning-findings.md §7).
 * `zxing-js`: `@zxing/browser` with our Code 128 fix, on the main thread: the benchmark baseline.
 */
export const SCAN_ENGINES = ["wasm", "zxing-js"] as const;
export type ScanEngineName = (typeof SCAN_ENGINES)[number];
export const DEFAULT_SCAN_ENGINE: ScanEngineName = "wasm";

/**
 * `digits`: WeChat Pay / Alipay / UnionPay codes, 16–24 digits. `alphanumeric`: letters and digits
 * up to 128 (QFPay's auth_code limit), for regions whose wallets show such codes.
 */
export const SCAN_CODE_FORMATS = ["digits", "alphanumeric"] as const;
export type ScanCodeFormat = (typeof SCAN_CODE_FORMATS)[number];

/** Where the app serves zxing-wasm's reader binary: our own origin, one stable URL to precache. */
export const SCANNER_WASM_PATH = "/scanner/zxing_reader.wasm";

export function isScanEngineName(value: unknown): value is ScanEngineName {
  return typeof value === "string" && (SCAN_ENGINES as readonly string[]).includes(value);
}
