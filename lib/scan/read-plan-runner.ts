/**
 * Runs a read plan's steps (`wasm-reader-options.ts`) on one grabbed frame, stopping at the first
 * text. The decoder is passed in: the worker passes zxing-wasm's `readBarcodes`, the benchmark the
 * same function in Node, so both run this code (docs/scanning.md, "Read plan").
 */
import type { ReaderOptions } from "zxing-wasm/reader";
import { locateBarcode, type BarcodeGuess } from "./barcode-locator";
import {
  cropRgba,
  finishBarLines,
  halfSizeRgba,
  sampleBarLines,
  type BarLineGeometry,
  type RawLines,
  type Rgba,
} from "./scan-lines";
import {
  BAR_OPTIONS,
  BAR_OPTIONS_BINARY,
  centreRegion,
  FULL_OPTIONS,
  PRODUCT_BAR_OPTIONS,
  PRODUCT_BAR_OPTIONS_BINARY,
  PRODUCT_FULL_OPTIONS,
  QR_OPTIONS,
  type BarLineTreatment,
  type ReadStep,
} from "./wasm-reader-options";

/** Reads one image; resolves to the first valid text, or null. */
export type Decode = (image: Rgba, options: ReaderOptions) => Promise<string | null>;

export type PlanRead = {
  text: string | null;
  /** Which step read it ("bars", "qr", "full", "product"), or null. */
  step: ReadStep["kind"] | null;
};

/** Lines at most this many, and at least this far apart (px), across the located barcode. */
const MAX_LINES = 24;
const MIN_SPACING = 3;
/** Lines reach this much past the barred area each way (its quiet zones), as a share of its half-width, plus a few pixels. */
const QUIET_ZONE_SHARE = 0.25;
const QUIET_ZONE_PX = 12;
/** Lines cover this share of the barred area's half-height (the digits printed below stay out). */
const ACROSS_SHARE = 0.8;
/**
 * Below this locator strength (share of the frame's edge energy in barred cells) the frame is more
 * likely a QR code or no code than a barcode: the QR step goes first. Hard-corpus QR frames score
 * about 0.2–0.35, Code 128 frames mostly 0.5–0.8 (dim ones lower: they still get the bar step).
 */
const BARCODE_LIKELY = 0.4;
/** Parallel lines averaged into each row. */
const AVERAGE = 3;

/** The angle halfway between two line directions (degrees, directions modulo 180°). */
function between(a: number, b: number): number {
  let d = b - a;
  while (d > 90) d -= 180;
  while (d <= -90) d += 180;
  return a + d / 2;
}

/** The line geometry for one treatment of a located barcode. */
export function barLinesFor(guess: BarcodeGuess, treatment: BarLineTreatment): BarLineGeometry {
  const across = ACROSS_SHARE * guess.halfHeight;
  const count = Math.max(2, Math.min(MAX_LINES, Math.floor((2 * across) / MIN_SPACING) + 1));
  return {
    angleDeg:
      (treatment.along === "bars" ? guess.angleDeg : between(guess.angleDeg, guess.extentAngleDeg)) +
      treatment.angleOffsetDeg,
    centre: { x: guess.x, y: guess.y },
    halfLength: guess.halfWidth * (1 + QUIET_ZONE_SHARE) + QUIET_ZONE_PX,
    count,
    spacing: count > 1 ? (2 * across) / (count - 1) : 0,
    average: AVERAGE,
    upsample: treatment.upsample,
  };
}

/**
 * Runs `steps` (a `ReadPlan`'s) on the frame the plan's region was cut to. The locator runs first
 * when there is a bar step; if it finds nothing barcode-like, a QR step is moved before the bar
 * step (the order changes the cost, not what is read, unless a frame holds two codes).
 */
export async function runReadPlan(frame: Rgba, steps: readonly ReadStep[], decode: Decode): Promise<PlanRead> {
  const guess = steps.some((s) => s.kind === "bars") ? locateBarcode(frame) : null;
  const ordered = !guess || guess.strength < BARCODE_LIKELY ? [...steps].sort((a, b) => rank(a) - rank(b)) : steps;
  for (const step of ordered) {
    let text: string | null = null;
    if (step.kind === "full") {
      text = await decode(frame, FULL_OPTIONS);
    } else if (step.kind === "product") {
      text = await decode(frame, PRODUCT_FULL_OPTIONS);
    } else if (step.kind === "qr") {
      const centre = centreRegion(frame.width, frame.height);
      text = await decode(step.scale === 2 ? halfSizeRgba(frame, centre) : cropRgba(frame, centre), QR_OPTIONS);
    } else {
      if (!guess) continue;
      // Treatments with the same angle and sampling share the sampled rows.
      const sampled = new Map<string, RawLines>();
      for (const treatment of step.treatments) {
        const geometry = barLinesFor(guess, treatment);
        const key = `${geometry.angleDeg}:${geometry.upsample}`;
        let lines = sampled.get(key);
        if (!lines) {
          lines = sampleBarLines(frame, geometry);
          sampled.set(key, lines);
        }
        text = await decode(finishBarLines(lines, treatment), barOptions(step.product === true, treatment));
        if (text !== null) break;
      }
    }
    if (text !== null) return { text, step: step.kind };
  }
  return { text: null, step: null };
}

/** The options for one treatment's lines: wallet Code 128, or the product symbologies. */
function barOptions(product: boolean, treatment: BarLineTreatment): ReaderOptions {
  if (treatment.threshold === "local") return product ? PRODUCT_BAR_OPTIONS_BINARY : BAR_OPTIONS_BINARY;
  return product ? PRODUCT_BAR_OPTIONS : BAR_OPTIONS;
}

/** With no likely barcode: QR first, then the bar step, then full effort (a stable sort keeps the rest). */
const rank = (step: ReadStep) => (step.kind === "qr" ? 0 : step.kind === "bars" ? 1 : 2);
