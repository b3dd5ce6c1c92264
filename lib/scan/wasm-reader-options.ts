/**
 * How the default engine (ZXing-C++ as WebAssembly, `zxing-wasm`) reads a frame: QR and Code 128
 * only, one symbol; "fast" options on a centre region most frames and a full-effort read now and
 * then, alternating between the whole frame and the centre region (scanning FINDINGS §5, §7). Pure: shared by the browser worker and the
 * Node benchmark, so the benchmark measures exactly what the till runs.
 */
import type { ReaderOptions } from "zxing-wasm/reader";

/** Every Nth attempt reads the whole frame with full effort; the others read the centre fast. */
export const FULL_EFFORT_EVERY = 4;

const COMMON = { formats: ["QRCode", "Code128"], maxNumberOfSymbols: 1 } satisfies ReaderOptions;

/** FINDINGS §5: 3.5 ms at 1280×720 on a centre region, with no loss at 720p. */
export const FAST_OPTIONS: ReaderOptions = { ...COMMON, tryHarder: false, tryRotate: false, tryInvert: false };

/** zxing-wasm's defaults (tryHarder, tryRotate, tryInvert, tryDownscale): ~10 ms at 720p. */
export const FULL_OPTIONS: ReaderOptions = { ...COMMON };

/** The centre region read on fast attempts: 75% of the width, 80% of the height (FINDINGS §5). */
export function centreRegion(width: number, height: number): { x: number; y: number; width: number; height: number } {
  const w = Math.round(width * 0.75);
  const h = Math.round(height * 0.8);
  return { x: Math.round((width - w) / 2), y: Math.round((height - h) / 2), width: w, height: h };
}

/** Whether attempt number `attempt` (0-based) is a full-effort one. */
export function isFullEffortAttempt(attempt: number): boolean {
  return attempt % FULL_EFFORT_EVERY === FULL_EFFORT_EVERY - 1;
}

/**
 * What read number `attempt` (0-based) of a `width`×`height` camera frame looks at and with which
 * options: the till's camera loop cuts exactly this region out of the frame and the worker reads
 * it with exactly these options, so a benchmark that follows this plan measures what the till does.
 */
export type ReadPlan = { x: number; y: number; width: number; height: number; full: boolean; options: ReaderOptions };

export function readPlanFor(attempt: number, width: number, height: number): ReadPlan {
  if (!isFullEffortAttempt(attempt)) return { ...centreRegion(width, height), full: false, options: FAST_OPTIONS };
  // Full effort alternates: the whole frame finds a code held off-centre; the centre region read
  // with full effort finds small, blurred Code 128s the whole frame misses (bench:scan, 1280×720:
  // 44 of 48 Code 128 frames against 41 for the whole frame).
  const wholeFrame = Math.floor(attempt / FULL_EFFORT_EVERY) % 2 === 0;
  return wholeFrame ? { x: 0, y: 0, width, height, full: true, options: FULL_OPTIONS } : { ...centreRegion(width, height), full: true, options: FULL_OPTIONS };
}

/** Read plans repeat with this period (fast reads, then full effort on the whole frame, then on the centre). */
export const READ_PLAN_PERIOD = 2 * FULL_EFFORT_EVERY;
