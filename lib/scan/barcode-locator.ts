/**
 * Where a 1-D barcode lies in a grey frame and which way it runs, cheaply, so the Code 128 reader
 * can be handed lines along the barcode (`scan-lines.ts`) instead of image rows. The bars of a
 * barcode are the strongest, most parallel edges in a wallet frame: per cell of the frame, the
 * structure tensor of the grey gradient gives the edges' direction and how parallel they are; the
 * cells with strong parallel edges vote for the barcode's axis and centre (docs/scanning.md,
 * "Read plan"). Pure: used by the scanner's worker and by the benchmark.
 */
import type { Rgba } from "./scan-lines";

export type BarcodeGuess = {
  /** Direction of the barcode's axis (across the bars), degrees in (-90, 90], clockwise from horizontal. */
  angleDeg: number;
  /**
   * Direction in which the barred area is longest, same convention. Under perspective the bars
   * lean, so the barcode's long side is not square to them; lines along this cross all the bars.
   */
  extentAngleDeg: number;
  /** Centre of the barred area, px. */
  x: number;
  y: number;
  /** Half-extents of the barred area along the axis and across it (along the bars), px. */
  halfWidth: number;
  halfHeight: number;
  /** Share of the frame's edge energy that lies in the barred cells (0–1). */
  strength: number;
};

/** Gradients are taken every STEP_X pixels along rows and every STEP_Y rows; a cell is SPAN px square. */
const STEP_X = 2;
const STEP_Y = 2;
const SPAN = 16;
/** A cell counts as barred when its edges are this parallel (coherence 0–1)… */
const MIN_COHERENCE = 0.75;
/** …and its edge energy is at least this share of the strongest cell's. */
const MIN_ENERGY = 0.2;
/** Barred cells agree with the axis to within this many degrees. */
const ANGLE_TOLERANCE = 12;

/**
 * Returns the most likely barcode in the frame, or null when no cell has strong parallel edges.
 * Gradients are central differences of the green channel (close enough to grey for edges, and no
 * conversion) at every second pixel each way: a quarter of the pixels, yet differences across two
 * pixels, so bars 1.5 px wide still make edges.
 */
export function locateBarcode(image: Rgba): BarcodeGuess | null {
  const { data, width: w, height: h } = image;
  const words = new Uint32Array(data.buffer, data.byteOffset, w * h);
  const span = SPAN;
  const cols = Math.floor((w - 2) / span);
  const rows = Math.floor((h - 2) / span);
  if (cols < 2 || rows < 2) return null;
  const sxx = new Float64Array(cols * rows);
  const syy = new Float64Array(cols * rows);
  const sxy = new Float64Array(cols * rows);
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      let xx = 0;
      let yy = 0;
      let xy = 0;
      for (let y = 1 + cy * span; y < 1 + (cy + 1) * span; y += STEP_Y) {
        for (let i = y * w + 1 + cx * span, end = i + span; i < end; i += STEP_X) {
          const gx = ((words[i + 1]! >>> 8) & 0xff) - ((words[i - 1]! >>> 8) & 0xff);
          const gy = ((words[i + w]! >>> 8) & 0xff) - ((words[i - w]! >>> 8) & 0xff);
          xx += gx * gx;
          yy += gy * gy;
          xy += gx * gy;
        }
      }
      const c = cy * cols + cx;
      sxx[c] = xx;
      syy[c] = yy;
      sxy[c] = xy;
    }
  }

  // Per cell: energy, coherence and the gradient direction as a double angle (so ±g agree).
  let maxEnergy = 0;
  let totalEnergy = 0;
  const energy = new Float64Array(cols * rows);
  for (let c = 0; c < energy.length; c++) {
    energy[c] = sxx[c]! + syy[c]!;
    totalEnergy += energy[c]!;
    if (energy[c]! > maxEnergy) maxEnergy = energy[c]!;
  }
  if (maxEnergy === 0) return null;
  const candidates: number[] = [];
  for (let c = 0; c < energy.length; c++) {
    if (energy[c]! < MIN_ENERGY * maxEnergy) continue;
    const a = sxx[c]! - syy[c]!;
    const b = 2 * sxy[c]!;
    if (Math.hypot(a, b) >= MIN_COHERENCE * energy[c]!) candidates.push(c);
  }
  if (candidates.length === 0) return null;

  // The axis: the energy-weighted mean double angle of the barred cells, refined once over the
  // cells that agree with it (text and the phone's edges vote for other directions).
  const axisOf = (cells: number[]) => {
    let a = 0;
    let b = 0;
    for (const c of cells) {
      a += sxx[c]! - syy[c]!;
      b += 2 * sxy[c]!;
    }
    return Math.atan2(b, a) / 2;
  };
  const angleOf = (c: number) => Math.atan2(2 * sxy[c]!, sxx[c]! - syy[c]!) / 2;
  const agree = (c: number, axis: number) => {
    let d = Math.abs(angleOf(c) - axis) % Math.PI;
    if (d > Math.PI / 2) d = Math.PI - d;
    return d <= (ANGLE_TOLERANCE * Math.PI) / 180;
  };
  let axis = axisOf(candidates);
  let barred = candidates.filter((c) => agree(c, axis));
  if (barred.length === 0) return null;
  axis = axisOf(barred);
  barred = candidates.filter((c) => agree(c, axis));
  if (barred.length === 0) return null;

  // Centre and half-extents (√3 σ is the half-length of an evenly filled stretch) weighted by
  // energy squared: the bars' cells outweigh printed digits and the phone's edges, which also
  // have parallel edges but fewer of them.
  const weight = (c: number) => (energy[c]! / maxEnergy) ** 2;
  let sum = 0;
  let cx = 0;
  let cy = 0;
  let barredEnergy = 0;
  for (const c of barred) {
    const e = weight(c);
    sum += e;
    cx += e * (((c % cols) + 0.5) * span + 1);
    cy += e * ((((c / cols) | 0) + 0.5) * span + 1);
    barredEnergy += energy[c]!;
  }
  cx /= sum;
  cy /= sum;
  let cxx = 0;
  let cyy = 0;
  let cxy = 0;
  for (const c of barred) {
    const dx = ((c % cols) + 0.5) * span + 1 - cx;
    const dy = (((c / cols) | 0) + 0.5) * span + 1 - cy;
    cxx += weight(c) * dx * dx;
    cyy += weight(c) * dy * dy;
    cxy += weight(c) * dx * dy;
  }
  const extent = Math.atan2(2 * cxy, cxx - cyy) / 2;
  const [ux, uy] = [Math.cos(axis), Math.sin(axis)];
  let along = 0;
  let across = 0;
  for (const c of barred) {
    const dx = ((c % cols) + 0.5) * span + 1 - cx;
    const dy = (((c / cols) | 0) + 0.5) * span + 1 - cy;
    const a = dx * ux + dy * uy;
    const b = -dx * uy + dy * ux;
    along += weight(c) * a * a;
    across += weight(c) * b * b;
  }
  const halfWidth = Math.max(span, Math.sqrt((3 * along) / sum));
  const halfHeight = Math.max(span / 2, Math.sqrt((3 * across) / sum));
  const degrees = (radians: number) => {
    const d = (radians * 180) / Math.PI;
    return d <= -90 ? d + 180 : d > 90 ? d - 180 : d;
  };
  return {
    angleDeg: degrees(axis),
    extentAngleDeg: degrees(extent),
    x: cx,
    y: cy,
    halfWidth,
    halfHeight,
    strength: barredEnergy / totalEnergy,
  };
}
