/**
 * The read plan the till ran before issue 10, kept here only as the benchmark's "baseline" so the
 * old and the current plan are measured side by side on the same frames (commit 47ceab4,
 * lib/scan/wasm-reader-options.ts): zxing-wasm's fast options on the centre region, and every 4th
 * attempt its full-effort options, alternating the whole frame and the centre region. QR + Code
 * 128 only, one symbol. The till itself runs `readPlanFor` (lib/scan/wasm-reader-options.ts).
 */
import type { ReaderOptions } from "zxing-wasm/reader";
import { cropRgba, type Rgba } from "../../lib/scan/scan-lines";
import { centreRegion } from "../../lib/scan/wasm-reader-options";
import { wasmFirstText } from "./engines";

const COMMON = { formats: ["QRCode", "Code128"], maxNumberOfSymbols: 1 } satisfies ReaderOptions;
const FAST: ReaderOptions = { ...COMMON, tryHarder: false, tryRotate: false, tryInvert: false };
const FULL: ReaderOptions = { ...COMMON };
const FULL_EFFORT_EVERY = 4;

/** The old plan's period: three fast reads, full effort on the whole frame, three fast, full effort on the centre. */
export const BASELINE_PERIOD = 2 * FULL_EFFORT_EVERY;

function baselinePlanFor(attempt: number, width: number, height: number) {
  const centre = centreRegion(width, height);
  if (attempt % FULL_EFFORT_EVERY !== FULL_EFFORT_EVERY - 1) return { region: centre, options: FAST, full: false };
  const wholeFrame = Math.floor(attempt / FULL_EFFORT_EVERY) % 2 === 0;
  return { region: wholeFrame ? { x: 0, y: 0, width, height } : centre, options: FULL, full: true };
}

/** Attempt `attempt` of the old plan on a whole camera frame; the crop (the browser's grab) is not timed. */
export async function baselineRead(frame: Rgba, attempt: number): Promise<{ text: string | null; ms: number }> {
  const plan = baselinePlanFor(attempt, frame.width, frame.height);
  const whole = plan.region.width === frame.width && plan.region.height === frame.height;
  const image = whole ? frame : cropRgba(frame, plan.region);
  const started = performance.now();
  const text = await wasmFirstText(image, plan.options);
  return { text, ms: performance.now() - started };
}
