/**
 * Runs a read plan's steps (`wasm-reader-options.ts`) on one grabbed frame, stopping at the first
 * text. The decoder is passed in: the worker passes zxing-wasm's `readBarcodes`, the benchmark the
 * same function in Node, so both run this code (docs/scanning.md, "Read plan").
 */
import type { ReaderOptions } from "zxing-wasm/reader";
import { locateBarcode, type BarcodeGuess } from "./barcode-locator";
import { cropRgba, finishBarLines, greyOf, halfSizeRgba, sampleBarLines, type BarLineGeometry, type RawLines, type Region, type Rgba } from "./scan-lines";
import {
  BAR_OPTIONS,
  BAR_OPTIONS_BINARY,
  centreRegion,
  FULL_OPTIONS,
  QR_OPTIONS,
  type BarLineTreatment,
  type ReadStep,
} from "./wasm-reader-options";

/** Reads one image; resolves to the first valid text, or null. */
export type Decode = (image: Rgba, options: ReaderOptions) => Promise<string | null>;

export type PlanRead = {
  text: string | null;
  /** Which step read it ("bars", "qr", "full"), or null. */
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
/** Parallel lines averaged into each row. */
const AVERAGE = 3;

/** The line geometry for one treatment of a located barcode. */
export function barLinesFor(guess: BarcodeGuess, treatment: BarLineTreatment): BarLineGeometry {
  const across = ACROSS_SHARE * guess.halfHeight;
  const count = Math.max(2, Math.min(MAX_LINES, Math.floor((2 * across) / MIN_SPACING) + 1));
  return {
    angleDeg: guess.angleDeg + treatment.angleOffsetDeg,
    centre: { x: guess.x, y: guess.y },
    halfLength: guess.halfWidth * (1 + QUIET_ZONE_SHARE) + QUIET_ZONE_PX,
    count,
    spacing: count > 1 ? (2 * across) / (count - 1) : 0,
    average: AVERAGE,
    upsample: treatment.upsample,
  };
}

/** The frame pixels the lines can touch (their bounding box, one pixel more each side), clipped to the frame. */
function linesBox(lines: BarLineGeometry, width: number, height: number): Region {
  const radians = (lines.angleDeg * Math.PI) / 180;
  const across = ((lines.count - 1) / 2) * lines.spacing + lines.average;
  const ex = Math.abs(Math.cos(radians)) * lines.halfLength + Math.abs(Math.sin(radians)) * across + 2;
  const ey = Math.abs(Math.sin(radians)) * lines.halfLength + Math.abs(Math.cos(radians)) * across + 2;
  const x0 = Math.max(0, Math.floor(lines.centre.x - ex));
  const y0 = Math.max(0, Math.floor(lines.centre.y - ey));
  const x1 = Math.min(width, Math.ceil(lines.centre.x + ex));
  const y1 = Math.min(height, Math.ceil(lines.centre.y + ey));
  return { x: x0, y: y0, width: Math.max(2, x1 - x0), height: Math.max(2, y1 - y0) };
}

/** Runs `steps` (a `ReadPlan`'s) on the frame the plan's region was cut to. */
export async function runReadPlan(frame: Rgba, steps: readonly ReadStep[], decode: Decode): Promise<PlanRead> {
  // Lines read grey values of just the box they cross, converted once per frame.
  let guess: BarcodeGuess | null | undefined;
  for (const step of steps) {
    let text: string | null = null;
    if (step.kind === "full") {
      text = await decode(frame, FULL_OPTIONS);
    } else if (step.kind === "qr") {
      const centre = centreRegion(frame.width, frame.height);
      text = await decode(step.scale === 2 ? halfSizeRgba(frame, centre) : cropRgba(frame, centre), QR_OPTIONS);
    } else {
      if (guess === undefined) guess = locateBarcode(frame);
      if (!guess) continue;
      // Treatments with the same angle and sampling share the sampled rows.
      const sampled = new Map<string, RawLines>();
      for (const treatment of step.treatments) {
        const geometry = barLinesFor(guess, treatment);
        const key = `${geometry.angleDeg}:${geometry.upsample}`;
        let lines = sampled.get(key);
        if (!lines) {
          const box = linesBox(geometry, frame.width, frame.height);
          lines = sampleBarLines(greyOf(frame, box), { ...geometry, centre: { x: geometry.centre.x - box.x, y: geometry.centre.y - box.y } });
          sampled.set(key, lines);
        }
        text = await decode(finishBarLines(lines, treatment), treatment.threshold === "local" ? BAR_OPTIONS_BINARY : BAR_OPTIONS);
        if (text !== null) break;
      }
    }
    if (text !== null) return { text, step: step.kind };
  }
  return { text: null, step: null };
}
