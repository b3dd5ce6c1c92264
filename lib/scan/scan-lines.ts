/**
 * Scan lines along a barcode, for the Code 128 reader. ZXing's 1-D readers read image rows only, so
 * a barcode turned more than about 12° in the frame (a wallet barcode is about four times as wide
 * as it is tall) has no row that crosses all its bars. Given where the barcode lies and which way
 * it runs (`barcode-locator.ts`), this module builds a small image whose rows are lines along the
 * barcode, and the reader reads that (docs/scanning.md, "Read plan").
 *
 * What a row gets on its way, each step chosen by the read plan:
 * - averaged over a few parallel lines one pixel apart: the bars are long across the line, so this
 *   cuts sensor noise, JPEG blocks and moiré ripple without blurring the bars;
 * - sampled every half pixel (`upsample: 2`), so a narrow bar of under 2 px still has edges the
 *   reader can place;
 * - sharpened along the line, which restores narrow bars and spaces that defocus or distance has
 *   blurred into grey;
 * - thresholded here against its own running mean (`threshold: "local"`), so glare or a dim end
 *   of the barcode does not move the threshold for the rest of the line; such rows are black and
 *   white and must be read with the FixedThreshold binarizer.
 *
 * Pure: used by the scanner's worker and by the benchmark.
 */

export type Rgba = { data: Uint8ClampedArray; width: number; height: number };
type Region = { x: number; y: number; width: number; height: number };

/** Where the lines lie and how they are sampled. */
export type BarLineGeometry = {
  /** Direction of the lines, degrees clockwise from horizontal (the image's y axis points down). */
  angleDeg: number;
  /** The middle of the middle line, and how far each line reaches either side of it, px. */
  centre: { x: number; y: number };
  halfLength: number;
  /** How many lines, and how far apart across (px, between line centres). */
  count: number;
  spacing: number;
  /** Parallel lines one pixel apart averaged into each row (1 = none). */
  average: number;
  /** Samples per pixel along the line. */
  upsample: 1 | 2;
};

/** What is done to the sampled rows before the reader gets them. */
type BarLineFinish = {
  /** Unsharp amount along the line (0 = none), against the mean of the samples `sharpenRadius` px either side. */
  sharpen: number;
  sharpenRadius: number;
  threshold: "local" | "none";
};

/** Sampled rows, before any finish: grey values, `rows` × `width`. */
export type RawLines = { values: Float32Array; width: number; rows: number; upsample: 1 | 2 };

/** A region of the frame as its own RGBA image. */
export function cropRgba(image: Rgba, region: Region): Rgba {
  const out = new Uint8ClampedArray(region.width * region.height * 4);
  for (let y = 0; y < region.height; y++) {
    const start = ((region.y + y) * image.width + region.x) * 4;
    out.set(image.data.subarray(start, start + region.width * 4), y * region.width * 4);
  }
  return { data: out, width: region.width, height: region.height };
}

/**
 * A region of the frame at half size each way, as grey RGBA for the reader: the mean green of each
 * 2 × 2 block (a payment QR code is black on white, where green is grey), a quarter of the work of
 * converting every pixel.
 */
export function halfSizeRgba(image: Rgba, region: Region): Rgba {
  const { data, width } = image;
  const words = new Uint32Array(data.buffer, data.byteOffset, width * image.height);
  const ow = region.width >> 1;
  const oh = region.height >> 1;
  const out = new Uint8ClampedArray(ow * oh * 4);
  const outWords = new Uint32Array(out.buffer);
  for (let y = 0; y < oh; y++) {
    const a = (region.y + 2 * y) * width + region.x;
    const b = a + width;
    for (let x = 0; x < ow; x++) {
      const i = 2 * x;
      const g =
        (((words[a + i]! >>> 8) & 0xff) +
          ((words[a + i + 1]! >>> 8) & 0xff) +
          ((words[b + i]! >>> 8) & 0xff) +
          ((words[b + i + 1]! >>> 8) & 0xff) +
          2) >>
        2;
      outWords[y * ow + x] = (0xff000000 | (g << 16) | (g << 8) | g) >>> 0;
    }
  }
  return { data: out, width: ow, height: oh };
}

/**
 * Samples `count` lines at `angleDeg`, `spacing` px apart across, centred on `centre`, each
 * `2 × halfLength` px long, from the frame's green channel (grey enough for black bars on a white
 * screen, and no conversion pass over the frame); bilinear; samples off the frame take its nearest
 * edge pixel.
 */
export function sampleBarLines(image: Rgba, geometry: BarLineGeometry): RawLines {
  const { width: w, height: h, data } = image;
  const words = new Uint32Array(data.buffer, data.byteOffset, w * h);
  const radians = (geometry.angleDeg * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const up = geometry.upsample;
  const width = Math.max(2, Math.round(2 * geometry.halfLength * up));
  const rows = Math.max(1, geometry.count);
  const average = Math.max(1, Math.round(geometry.average));
  const values = new Float32Array(width * rows);
  const maxX = w - 1.001;
  const maxY = h - 1.001;
  const dx = cos / up;
  const dy = sin / up;
  for (let row = 0; row < rows; row++) {
    const across = (row - (rows - 1) / 2) * geometry.spacing;
    const base = row * width;
    for (let k = 0; k < average; k++) {
      const p = across + k - (average - 1) / 2;
      // Pixel centres are at integer + 0.5.
      let x = geometry.centre.x - geometry.halfLength * cos - p * sin - 0.5;
      let y = geometry.centre.y - geometry.halfLength * sin + p * cos - 0.5;
      for (let j = base; j < base + width; j++, x += dx, y += dy) {
        const xx = x < 0 ? 0 : x > maxX ? maxX : x;
        const yy = y < 0 ? 0 : y > maxY ? maxY : y;
        const ix = xx | 0;
        const iy = yy | 0;
        const fx = xx - ix;
        const i = iy * w + ix;
        const a = (words[i]! >>> 8) & 0xff;
        const b = (words[i + 1]! >>> 8) & 0xff;
        const c = (words[i + w]! >>> 8) & 0xff;
        const d = (words[i + w + 1]! >>> 8) & 0xff;
        const top = a + (b - a) * fx;
        values[j] = values[j]! + top + (c + (d - c) * fx - top) * (yy - iy);
      }
    }
  }
  const scale = 1 / average;
  for (let j = 0; j < values.length; j++) values[j] = values[j]! * scale;
  return { values, width, rows, upsample: up };
}

/** The reader's image of sampled rows after a finish (the raw rows are left as they are). */
export function finishBarLines(raw: RawLines, finish: BarLineFinish): Rgba {
  const { width, rows } = raw;
  const line = new Float32Array(width);
  const scratch = new Float32Array(width);
  const data = new Uint8ClampedArray(width * rows * 4);
  const words = new Uint32Array(data.buffer);
  for (let row = 0; row < rows; row++) {
    line.set(raw.values.subarray(row * width, (row + 1) * width));
    if (finish.sharpen > 0)
      sharpenLine(line, scratch, Math.max(1, Math.round(raw.upsample * finish.sharpenRadius)), finish.sharpen);
    if (finish.threshold === "local") thresholdLine(line, scratch, raw.upsample);
    for (let j = 0; j < width; j++) {
      const v = line[j]!;
      const g = v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0;
      words[row * width + j] = (0xff000000 | (g << 16) | (g << 8) | g) >>> 0;
    }
  }
  return { data, width, height: rows };
}

/** v + amount · (v − mean of the samples `step` samples either side). */
function sharpenLine(line: Float32Array, scratch: Float32Array, step: number, amount: number): void {
  scratch.set(line);
  for (let j = step; j < line.length - step; j++)
    line[j] = scratch[j]! + (amount * (2 * scratch[j]! - scratch[j - step]! - scratch[j + step]!)) / 2;
}

/**
 * Binarises one line in place (0 or 255): against the mean of a window of ±12 px where the line
 * varies there (edges, bars), and against the line's overall mid level where it is flat (a quiet
 * zone, a bezel), so flat areas do not turn into noise bars.
 */
function thresholdLine(line: Float32Array, scratch: Float32Array, samplesPerPixel: number): void {
  const n = line.length;
  const radius = Math.min(12 * samplesPerPixel, (n - 1) >> 1);
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < n; j++) {
    const v = line[j]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const mid = (lo + hi) / 2;
  // Flat: a local standard deviation under 3% of the line's range (and never under 3 grey levels).
  const flat = Math.max(3, 0.03 * (hi - lo));
  const flat2 = flat * flat;
  scratch.set(line);
  // A sliding window [j - radius, j + radius], clipped at the ends.
  let sum = 0;
  let squares = 0;
  for (let j = 0; j < radius; j++) {
    sum += scratch[j]!;
    squares += scratch[j]! * scratch[j]!;
  }
  for (let j = 0; j < n; j++) {
    const enter = j + radius;
    if (enter < n) {
      sum += scratch[enter]!;
      squares += scratch[enter]! * scratch[enter]!;
    }
    const leave = j - radius - 1;
    if (leave >= 0) {
      sum -= scratch[leave]!;
      squares -= scratch[leave]! * scratch[leave]!;
    }
    const count = Math.min(n - 1, j + radius) - Math.max(0, j - radius) + 1;
    const mean = sum / count;
    const variance = squares / count - mean * mean;
    line[j] = scratch[j]! > (variance < flat2 ? mid : mean) ? 255 : 0;
  }
}
