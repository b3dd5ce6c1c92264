/**
 * How the default engine (ZXing-C++ as WebAssembly, `zxing-wasm`) reads camera frames: the read
 * plan (docs/scanning.md, "Read plan"). Pure: the browser worker runs it (`read-plan-runner.ts`)
 * and the Node benchmark imports the same plan, so the benchmark measures what the till runs.
 *
 * Every frame, the whole frame is grabbed, and two steps run:
 * - "bars": find the barcode's direction and place (`barcode-locator.ts`) and read Code 128 along
 *   lines laid on it (`scan-lines.ts`): a turned barcode has no image row across all its bars, so
 *   ZXing's row reader alone misses anything turned more than about 12°;
 * - "qr": QR only, fast options, on the centre region at half size (QR modules are big), or at
 *   full size on every QR_FULL_SIZE_EVERY-th frame (small or glared QR codes).
 * Successive frames take turns between two sets of line treatments (a camera delivers many frames
 * of the same scene), and every FULL_EFFORT_EVERY-th frame the QR step is replaced by one
 * full-effort ZXing read of the whole frame, which also finds a code held far off-centre.
 */
import type { ReaderOptions } from "zxing-wasm/reader";
import { normaliseProductBarcode, type ProductSymbology } from "./product-code";

/** Every Nth attempt ends with a full-effort read of the whole frame instead of the QR step. */
export const FULL_EFFORT_EVERY = 8;
/** Every Nth attempt (half-way between full-effort ones) reads QR at full size. */
const QR_FULL_SIZE_EVERY = 8;

const COMMON = { formats: ["QRCode", "Code128"], maxNumberOfSymbols: 1 } satisfies ReaderOptions;

/** docs/scanning-findings.md §5: no rotations, no inverted codes, no extra effort. Used for the worker's warm-up. */
export const FAST_OPTIONS: ReaderOptions = { ...COMMON, tryHarder: false, tryRotate: false, tryInvert: false };

/** zxing-wasm's defaults (tryHarder, tryRotate, tryInvert, tryDownscale): ~10 ms at 720p. */
export const FULL_OPTIONS: ReaderOptions = { ...COMMON };

/** QR on the centre region, at half or full size: no downscaled retry (the half size is one). */
export const QR_OPTIONS: ReaderOptions = {
  formats: ["QRCode"],
  maxNumberOfSymbols: 1,
  tryHarder: false,
  tryRotate: false,
  tryInvert: false,
  tryDownscale: false,
};

/**
 * Code 128 on the bar-line images: every row is a line worth reading (`tryHarder` reads them all
 * and retries further along a row), two rows must agree (ZXing's `minLineCount` default).
 */
export const BAR_OPTIONS: ReaderOptions = {
  formats: ["Code128"],
  maxNumberOfSymbols: 1,
  tryHarder: true,
  tryRotate: false,
  tryInvert: false,
  tryDownscale: false,
};

/** Rows thresholded by `scan-lines.ts` are already black and white. */
export const BAR_OPTIONS_BINARY: ReaderOptions = { ...BAR_OPTIONS, binarizer: "FixedThreshold" };

/**
 * One way of turning the located barcode into lines (see `scan-lines.ts`). `along`: "bars" lays
 * the lines square to the bars; "between" halfway between that and the barred area's long side,
 * which crosses all the bars of a barcode seen in perspective (its bars lean).
 */
export type BarLineTreatment = {
  sharpen: number;
  sharpenRadius: number;
  upsample: 1 | 2;
  threshold: "local" | "none";
  along: "bars" | "between";
  angleOffsetDeg: number;
};

export type ReadStep =
  /**
   * Locate the barcode, then read Code 128 along lines on it, one treatment after another;
   * `product`: the product symbologies instead (`PRODUCT_FORMATS`).
   */
  | { kind: "bars"; treatments: BarLineTreatment[]; product?: true }
  /** The product symbologies with full effort on the whole frame (product mode only). */
  | { kind: "product" }
  /** QR, fast, on the centre region, at half (2) or full (1) size. */
  | { kind: "qr"; scale: 1 | 2 }
  /** QR and Code 128 with full effort on the whole frame. */
  | { kind: "full" };

/**
 * The two sets successive frames take turns with, each tried in order until one reads. Chosen on
 * development corpora (other seeds than the benchmark's) by how many Code 128 frames each reads on
 * its own and together: lines sharpened against the samples 2 px away read 92% of frames alone
 * (defocus and small codes: the 1 px sharpening reads 86%), a local threshold rescues glare and
 * dim ends, a stronger sharpening the worst defocus; three together read about 96.5% of single
 * frames. The second set lays its lines halfway to the barred area's long side (perspective) with
 * milder treatments, so a frame the first set missed is tried differently on the next. All
 * sample every half pixel, so a set shares one sampling.
 */
export const BAR_TREATMENTS: readonly [BarLineTreatment[], BarLineTreatment[]] = [
  [
    { sharpen: 1, sharpenRadius: 2, upsample: 2, threshold: "none", along: "bars", angleOffsetDeg: 0 },
    { sharpen: 1, sharpenRadius: 1, upsample: 2, threshold: "local", along: "bars", angleOffsetDeg: 0 },
    { sharpen: 2, sharpenRadius: 2, upsample: 2, threshold: "none", along: "bars", angleOffsetDeg: 0 },
  ],
  [
    { sharpen: 0.5, sharpenRadius: 2, upsample: 2, threshold: "none", along: "between", angleOffsetDeg: 0 },
    { sharpen: 0.5, sharpenRadius: 1.5, upsample: 2, threshold: "local", along: "between", angleOffsetDeg: 0 },
    { sharpen: 0, sharpenRadius: 1, upsample: 2, threshold: "none", along: "between", angleOffsetDeg: 0 },
  ],
];

/**
 * What read number `attempt` (0-based) of a `width`×`height` camera frame grabs and does with it.
 * The camera loop cuts exactly this region out of the frame and the worker runs exactly these
 * steps on it, stopping at the first text; a benchmark that follows this plan measures the till.
 */
type ReadPlan = { x: number; y: number; width: number; height: number; full: boolean; steps: ReadStep[] };

function isFullEffortAttempt(attempt: number): boolean {
  return attempt % FULL_EFFORT_EVERY === FULL_EFFORT_EVERY - 1;
}

export function readPlanFor(attempt: number, width: number, height: number): ReadPlan {
  const frame = { x: 0, y: 0, width, height };
  const bars: ReadStep = { kind: "bars", treatments: BAR_TREATMENTS[attempt % 2]! };
  // The full-effort read cannot read a turned barcode either, so the bars step comes first.
  if (isFullEffortAttempt(attempt)) return { ...frame, full: true, steps: [bars, { kind: "full" }] };
  const qrScale = attempt % QR_FULL_SIZE_EVERY === QR_FULL_SIZE_EVERY / 2 - 1 ? 1 : 2;
  return { ...frame, full: false, steps: [bars, { kind: "qr", scale: qrScale }] };
}

/**
 * What the camera reads (docs/glossary.md, "read mode"): "payment", the payment step's wallet codes
 * by `readPlanFor` (unchanged by the product mode, so the wallet read keeps its speed); "product",
 * the sale step's product barcodes by `productReadPlanFor`.
 */
export type ReadMode = "payment" | "product";

/** The product barcodes a catalogue item may carry (`normaliseProductBarcode`), as zxing-wasm names them. */
const PRODUCT_FORMATS = ["EAN13", "EAN8", "UPCA", "UPCE", "Code128"] satisfies ReaderOptions["formats"];

const SYMBOLOGY_OF_FORMAT: Record<string, ProductSymbology> = {
  EAN13: "ean13",
  EAN8: "ean8",
  UPCA: "upca",
  UPCE: "upce",
  Code128: "code128",
};

/**
 * The product mode's text for one zxing-wasm result: the normalised product barcode (its format
 * settles an 8-digit EAN-8 from a UPC-E), or null for what is not one, so the plan reads on.
 */
export function productCodeOfRead(read: { text: string; format: string }): string | null {
  const symbology = SYMBOLOGY_OF_FORMAT[read.format];
  if (!symbology) return null;
  const product = normaliseProductBarcode(read.text, symbology);
  return product.ok ? product.code : null;
}

/** The bar-line images of the product mode: as `BAR_OPTIONS`, for every product symbology. */
export const PRODUCT_BAR_OPTIONS: ReaderOptions = { ...BAR_OPTIONS, formats: PRODUCT_FORMATS };
export const PRODUCT_BAR_OPTIONS_BINARY: ReaderOptions = { ...BAR_OPTIONS_BINARY, formats: PRODUCT_FORMATS };

/** zxing-wasm's defaults on the whole frame (rotations, inverted, downscaled), product symbologies only. */
export const PRODUCT_FULL_OPTIONS: ReaderOptions = { formats: PRODUCT_FORMATS, maxNumberOfSymbols: 1 };

/**
 * The product mode's plan: every attempt the bar lines (turned barcodes, as for Code 128 wallet
 * codes) and then one whole-frame read, which finds a barcode anywhere in the frame. No QR: no
 * product symbology is a matrix code. Goods are held still and read once, so each attempt may
 * cost what a full-effort read costs (`npm run bench:scan` reports it).
 */
export function productReadPlanFor(attempt: number, width: number, height: number): ReadPlan {
  const bars: ReadStep = { kind: "bars", treatments: BAR_TREATMENTS[attempt % 2]!, product: true };
  return { x: 0, y: 0, width, height, full: true, steps: [bars, { kind: "product" }] };
}

/** The plan of `mode` for read number `attempt`. */
export function readPlanForMode(mode: ReadMode, attempt: number, width: number, height: number): ReadPlan {
  return mode === "product" ? productReadPlanFor(attempt, width, height) : readPlanFor(attempt, width, height);
}

/**
 * Read plans repeat with this period: the full-effort and the full-size-QR cycles are both 8 reads.
 * Its own name because callers mean the plan's period, not the full-effort cadence.
 * @alias
 */
export const READ_PLAN_PERIOD = FULL_EFFORT_EVERY;

/** The centre region the QR step reads: 75% of the width, 80% of the height (docs/scanning-findings.md §5). */
export function centreRegion(width: number, height: number): { x: number; y: number; width: number; height: number } {
  const w = Math.round(width * 0.75);
  const h = Math.round(height * 0.8);
  return { x: Math.round((width - w) / 2), y: Math.round((height - h) / 2), width: w, height: h };
}
