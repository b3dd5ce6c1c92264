/**
 * The two decoders exactly as the till runs them, for Node:
 *
 * - the default engine, ZXing-C++ as WebAssembly (`zxing-wasm/reader`), reading each attempt with
 *   the till's own read plan: `readPlanFor` names the region and the steps, and
 *   `runReadPlan` (the code the till's worker runs) runs them (`wasmPlanRead`);
 * - `@zxing/library` (patched, `patches/`): `MultiFormatReader` with QR + Code 128 hints, no
 *   TRY_HARDER, HybridBinarizer over an RGBLuminanceSource of the whole frame, one long-lived reader
 *   and `decodeWithState` (what `@zxing/browser` does on every attempt, docs/scanning-findings.md §1).
 *
 * Each decode function takes RGBA as the browser has it after getImageData and does the grey
 * conversion itself (zxing-wasm converts inside `readBarcodes`; for zxing-js we use the formula of
 * @zxing/browser's HTMLCanvasElementLuminanceSource, `frameLuminance`).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { prepareZXingModule, readBarcodes, type ReaderOptions } from "zxing-wasm/reader";
import { runReadPlan, type Decode, type PlanRead } from "../../lib/scan/read-plan-runner";
import { cropRgba } from "../../lib/scan/scan-lines";
import { productCodeOfRead, productReadPlanFor, readPlanFor } from "../../lib/scan/wasm-reader-options";
import { frameLuminance } from "../../tests/support/frames";

const require = createRequire(import.meta.url);
// CommonJS: Node's ESM loader cannot see its names (as in tests/support/frames.ts).
const { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } =
  require("@zxing/library") as typeof import("@zxing/library");

export type Rgba = { data: Uint8ClampedArray; width: number; height: number };

/** The reader binary shipped in node_modules (the browser page serves the same file). */
export const ZXING_WASM_FILE = require.resolve("zxing-wasm/reader/zxing_reader.wasm");

/** Instantiates zxing-wasm from the local .wasm file: no CDN, no network. */
export async function loadWasmReader(): Promise<void> {
  const wasmBinary = readFileSync(ZXING_WASM_FILE);
  await prepareZXingModule({
    overrides: {
      wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength),
    },
    fireImmediately: true,
  });
}

/** Texts zxing-wasm returns for one image (only valid results: its default `returnErrors: false`). */
async function wasmDecode(image: Rgba, options: ReaderOptions): Promise<string[]> {
  const results = await readBarcodes(image as unknown as ImageData, options);
  return results.filter((r) => r.isValid && r.text !== "").map((r) => r.text);
}

/** The first valid text, as the till's worker takes it. */
export const wasmFirstText: Decode = async (image, options) => (await wasmDecode(image, options))[0] ?? null;

/**
 * Read attempt number `attempt` of the till's read plan on a whole camera frame: the plan's region
 * is cut out first (the browser's createImageBitmap does that, outside the worker's decode time),
 * then only the steps are timed, as the worker times them.
 */
export async function wasmPlanRead(frame: Rgba, attempt: number): Promise<PlanRead & { ms: number }> {
  const plan = readPlanFor(attempt, frame.width, frame.height);
  const whole = plan.x === 0 && plan.y === 0 && plan.width === frame.width && plan.height === frame.height;
  const region = whole ? frame : cropRgba(frame, plan);
  const started = performance.now();
  const read = await runReadPlan(region, plan.steps, wasmFirstText);
  return { ...read, ms: performance.now() - started };
}

/** A long-lived @zxing/library reader, as one @zxing/browser scan session keeps it. */
export function zxingJsDecoder(): (image: Rgba) => string[] {
  const reader = new MultiFormatReader();
  reader.setHints(new Map([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128]]]));
  return (image) => {
    const grey = frameLuminance({ rgba: image.data, width: image.width, height: image.height });
    const luminance = new RGBLuminanceSource(grey, image.width, image.height);
    try {
      return [reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(luminance))).getText()];
    } catch {
      return []; // NotFound / Checksum / Format: the normal "nothing this frame"
    }
  };
}

/** Whether node_modules carries our Code 128 fix (patch-package runs on install). */
export function zxingJsIsPatched(): boolean {
  const file = path.join(path.dirname(require.resolve("@zxing/library")), "core", "oned", "Code128Reader.js");
  return readFileSync(file, "utf8").includes("counters.copyWithin(0, 2, 2 + counterPosition - 1)");
}

/** The product mode's decode, as the till's worker runs it: the first valid result that is a product barcode, normalised. */
const wasmProductText: Decode = async (image, options) => {
  const results = await readBarcodes(image as unknown as ImageData, options);
  for (const result of results) {
    const code = result.isValid ? productCodeOfRead(result) : null;
    if (code !== null) return code;
  }
  return null;
};

/** Read attempt number `attempt` of the till's product-mode plan (`productReadPlanFor`) on a whole frame, timed as the worker times it. */
export async function wasmProductPlanRead(frame: Rgba, attempt: number): Promise<PlanRead & { ms: number }> {
  const plan = productReadPlanFor(attempt, frame.width, frame.height);
  const started = performance.now();
  const read = await runReadPlan(frame, plan.steps, wasmProductText);
  return { ...read, ms: performance.now() - started };
}
