/**
 * The default engine's read plan (docs/scanning.md, "Read plan"): which steps each attempt runs
 * (`readPlanFor`), how a turned barcode is found (`barcode-locator.ts`) and read along lines
 * (`scan-lines.ts`), and how the steps run (`read-plan-runner.ts`), with a fake decoder where the
 * real one is not the point.
 */
import { describe, expect, it, vi } from "vitest";
import type { ReaderOptions } from "zxing-wasm/reader";
import { locateBarcode } from "@/lib/scan/barcode-locator";
import { runReadPlan, type Decode } from "@/lib/scan/read-plan-runner";
import { finishBarLines, sampleBarLines, type Rgba } from "@/lib/scan/scan-lines";
import {
  BAR_OPTIONS,
  BAR_OPTIONS_BINARY,
  BAR_TREATMENTS,
  FULL_EFFORT_EVERY,
  FULL_OPTIONS,
  QR_OPTIONS,
  READ_PLAN_PERIOD,
  readPlanFor,
  type ReadStep,
} from "@/lib/scan/wasm-reader-options";
import { renderFrame, SAMPLE_CODES } from "../../support/frames";

const angleBetween = (a: number, b: number) => {
  const d = Math.abs(a - b) % 180;
  return Math.min(d, 180 - d);
};

describe("readPlanFor: what each attempt runs", () => {
  it("grabs the whole frame; bar lines then QR, the line treatments taking turns, QR at full size once and full effort once a period", () => {
    const plans = Array.from({ length: 2 * READ_PLAN_PERIOD }, (_, attempt) => readPlanFor(attempt, 1280, 720));
    for (const plan of plans) expect(plan).toMatchObject({ x: 0, y: 0, width: 1280, height: 720 });
    expect(plans.map((p) => p.steps[0])).toEqual(
      plans.map((_, attempt) => ({ kind: "bars", treatments: BAR_TREATMENTS[attempt % 2] })),
    );
    const last = (steps: ReadStep[]) => {
      const step = steps[steps.length - 1]!;
      return step.kind === "qr" ? `qr/${step.scale}` : step.kind;
    };
    expect(plans.map((p) => last(p.steps))).toEqual(
      Array(2).fill(["qr/2", "qr/2", "qr/2", "qr/1", "qr/2", "qr/2", "qr/2", "full"]).flat(),
    );
    expect(plans.map((p) => p.full)).toEqual(
      plans.map((_, attempt) => attempt % FULL_EFFORT_EVERY === FULL_EFFORT_EVERY - 1),
    );
  });

  it("the two treatment sets differ, and each set shares one sampling (same angle, same upsampling)", () => {
    expect(BAR_TREATMENTS[0]).not.toEqual(BAR_TREATMENTS[1]);
    for (const set of BAR_TREATMENTS) {
      expect(new Set(set.map((t) => `${t.along}:${t.angleOffsetDeg}:${t.upsample}`)).size).toBe(1);
      // Grey rows first (cheapest to read), and one set of rows thresholded here (FixedThreshold binarizer).
      expect(set[0]!.threshold).toBe("none");
      expect(set.filter((t) => t.threshold === "local")).toHaveLength(1);
    }
  });
});

describe("locateBarcode", () => {
  it.each([0, 12, -18, 25, -30])("finds a Code 128 turned %i° to within 3°, near where it is", (rotationDeg) => {
    const frame = renderFrame({
      symbol: "code128",
      text: SAMPLE_CODES.unionpay,
      rotationDeg,
      barcodeWidth: 0.45,
      blur: 0.8,
      noise: 2,
      seed: 5,
    });
    const guess = locateBarcode({ data: frame.rgba, width: frame.width, height: frame.height });
    expect(guess).not.toBeNull();
    expect(angleBetween(guess!.angleDeg, rotationDeg)).toBeLessThan(3);
    // The barcode is centred horizontally, above the frame's middle (renderFrame's layout).
    expect(Math.abs(guess!.x - 640)).toBeLessThan(60);
    expect(guess!.halfWidth).toBeGreaterThan(0.3 * 0.45 * 1280);
  });

  it("finds nothing on a blank frame", () => {
    const rgba = new Uint8ClampedArray(320 * 240 * 4).fill(200);
    expect(locateBarcode({ data: rgba, width: 320, height: 240 })).toBeNull();
  });
});

/** A grey image of stripes across direction `angleDeg`: dark where the position along it falls in a dark run. */
function stripes(width: number, height: number, angleDeg: number, runs: number[], module: number): Rgba {
  const rgba = new Uint8ClampedArray(width * height * 4);
  const a = (angleDeg * Math.PI) / 180;
  const total = runs.reduce((s, r) => s + r, 0) * module;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x - width / 2) * Math.cos(a) + (y - height / 2) * Math.sin(a) + total / 2;
      let dark = false;
      if (t >= 0 && t < total) {
        let at = 0;
        for (const [i, run] of runs.entries()) {
          at += run * module;
          if (t < at) {
            dark = i % 2 === 0;
            break;
          }
        }
      }
      const v = dark ? 30 : 220;
      rgba.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { data: rgba, width, height };
}

/** Lengths of the dark and light runs along a row of the reader's image. */
function runsOf(image: Rgba, row: number): number[] {
  const out: number[] = [];
  let last = -1;
  for (let x = 0; x < image.width; x++) {
    const dark = image.data[(row * image.width + x) * 4]! < 128 ? 1 : 0;
    if (dark === last) out[out.length - 1]! += 1;
    else out.push(1);
    last = dark;
  }
  return out;
}

describe("scan lines", () => {
  const RUNS = [2, 1, 3, 1, 1, 2, 4, 1, 2];
  const geometry = (angleDeg: number) => ({
    angleDeg,
    centre: { x: 160, y: 120 },
    halfLength: 100,
    count: 5,
    spacing: 6,
    average: 3,
    upsample: 1 as const,
  });

  it("laid along turned bars, every line reads the bars' widths", () => {
    const image = stripes(320, 240, 28, RUNS, 8);
    const raw = sampleBarLines(image, geometry(28));
    const lines = finishBarLines(raw, { sharpen: 0, sharpenRadius: 1, threshold: "local" });
    for (let row = 0; row < lines.height; row++) {
      // Light margin, then the runs (8 px a module), then light again.
      const runs = runsOf(lines, row).slice(1, -1);
      expect(runs.map((r) => Math.round(r / 8))).toEqual(RUNS);
    }
  });

  it("laid at the wrong angle, the lines cross the bars' ends and read other widths", () => {
    const image = stripes(320, 240, 28, RUNS, 8);
    const lines = finishBarLines(sampleBarLines(image, { ...geometry(0), spacing: 30 }), {
      sharpen: 0,
      sharpenRadius: 1,
      threshold: "local",
    });
    const first = runsOf(lines, 0)
      .slice(1, -1)
      .map((r) => Math.round(r / 8));
    expect(first).not.toEqual(RUNS);
  });

  it("the local threshold keeps bars under a glare gradient and leaves flat areas white", () => {
    // One line: flat white, then bars whose light and dark levels climb towards saturation.
    const width = 400;
    const values = new Float32Array(width);
    for (let x = 0; x < width; x++) {
      const glare = x < 100 ? 0 : ((x - 100) / 300) * 150;
      const bar = x >= 100 && Math.floor((x - 100) / 10) % 2 === 0;
      values[x] = Math.min(255, (bar ? 40 : 200) + glare + (x % 3) - 1);
    }
    const out = finishBarLines(
      { values, width, rows: 1, upsample: 1 },
      { sharpen: 0, sharpenRadius: 1, threshold: "local" },
    );
    const dark = (x: number) => out.data[x * 4]! < 128;
    expect(Array.from({ length: 90 }, (_, x) => dark(x)).some(Boolean)).toBe(false);
    for (let bar = 0; bar < 30; bar += 2) expect(dark(100 + bar * 10 + 5)).toBe(true);
    for (let space = 1; space < 29; space += 2) expect(dark(100 + space * 10 + 5)).toBe(false);
  });

  it("sharpening brings back a narrow space that blur has filled in", () => {
    // Wide bar, one-pixel gap, wide bar, after a blur: the gap is a shallow bump.
    const values = Float32Array.from([200, 200, 200, 60, 50, 50, 60, 110, 60, 50, 50, 60, 200, 200, 200]);
    const plain = finishBarLines(
      { values, width: values.length, rows: 1, upsample: 1 },
      { sharpen: 0, sharpenRadius: 1, threshold: "none" },
    );
    const sharp = finishBarLines(
      { values, width: values.length, rows: 1, upsample: 1 },
      { sharpen: 2, sharpenRadius: 1, threshold: "none" },
    );
    const gap = (image: Rgba) => image.data[7 * 4]! - (image.data[6 * 4]! + image.data[8 * 4]!) / 2;
    expect(gap(sharp)).toBeGreaterThan(2 * gap(plain));
  });
});

describe("wider sharpening", () => {
  it("lifts the middle of a 4 px space a 7 px blur has flattened, where 1 px sharpening leaves the plateau as it is", () => {
    const sharp = Array.from({ length: 40 }, (_, x) => (x >= 18 && x < 22 ? 220 : 40));
    const blurred = Float32Array.from(sharp, (_, x) => {
      let sum = 0;
      for (let k = -3; k <= 3; k++) sum += sharp[Math.min(39, Math.max(0, x + k))]!;
      return sum / 7;
    });
    const middle = (radius: number) =>
      finishBarLines(
        { values: blurred, width: 40, rows: 1, upsample: 1 },
        { sharpen: 1, sharpenRadius: radius, threshold: "none" },
      ).data[20 * 4]!;
    expect(middle(1)).toBe(Math.round(blurred[20]!));
    expect(middle(2)).toBeGreaterThan(blurred[20]! + 10);
  });
});

describe("runReadPlan", () => {
  const frame = renderFrame({
    symbol: "code128",
    text: SAMPLE_CODES.wechat,
    rotationDeg: 24,
    barcodeWidth: 0.45,
    blur: 0.8,
    noise: 2,
    seed: 3,
  });
  const image = { data: frame.rgba, width: frame.width, height: frame.height };

  it("runs the steps in order and stops at the first text", async () => {
    const calls: Array<{ width: number; height: number; options: ReaderOptions }> = [];
    const decode: Decode = vi.fn(async (img: Rgba, options: ReaderOptions) => {
      calls.push({ width: img.width, height: img.height, options });
      return options === BAR_OPTIONS_BINARY ? "read by the thresholded lines" : null;
    });
    const read = await runReadPlan(image, readPlanFor(0, 1280, 720).steps, decode);
    expect(read).toEqual({ text: "read by the thresholded lines", step: "bars" });
    // Grey lines first, then thresholded ones, and no further: the QR step never ran.
    expect(calls.map((c) => c.options)).toEqual([BAR_OPTIONS, BAR_OPTIONS_BINARY]);
    // Both treatments read the same lines (one sampling).
    expect(calls[0]!.width).toBe(calls[1]!.width);
    expect(calls[0]!.height).toBeGreaterThan(1);
  });

  it("QR reads the centre region at half or full size; full effort reads the whole frame", async () => {
    const calls: Array<{ width: number; height: number; options: ReaderOptions }> = [];
    const decode: Decode = async (img, options) => {
      calls.push({ width: img.width, height: img.height, options });
      return null;
    };
    await runReadPlan(image, [{ kind: "qr", scale: 2 }, { kind: "qr", scale: 1 }, { kind: "full" }], decode);
    expect(calls).toEqual([
      { width: 480, height: 288, options: QR_OPTIONS },
      { width: 960, height: 576, options: QR_OPTIONS },
      { width: 1280, height: 720, options: FULL_OPTIONS },
    ]);
  });

  it("reads QR first when what it located does not look like a barcode (a QR code's edges are not parallel enough)", async () => {
    const qr = renderFrame({ symbol: "qrcode", text: SAMPLE_CODES.alipay, qrSize: 0.45, blur: 0.8, noise: 2, seed: 4 });
    const options: ReaderOptions[] = [];
    const decode: Decode = async (_img, o) => {
      options.push(o);
      return null;
    };
    await runReadPlan({ data: qr.rgba, width: qr.width, height: qr.height }, readPlanFor(0, 1280, 720).steps, decode);
    expect(options[0]).toBe(QR_OPTIONS);
    // …and the bar step still runs after it.
    expect(options.slice(1)).toEqual([BAR_OPTIONS, BAR_OPTIONS_BINARY, BAR_OPTIONS].slice(0, options.length - 1));
  });

  it("skips the bar step when nothing barred is in view", async () => {
    const blank = { data: new Uint8ClampedArray(640 * 480 * 4).fill(180), width: 640, height: 480 };
    const decode = vi.fn(async () => null);
    await expect(runReadPlan(blank, readPlanFor(0, 640, 480).steps, decode)).resolves.toEqual({
      text: null,
      step: null,
    });
    expect(decode).toHaveBeenCalledTimes(1);
    expect(decode).toHaveBeenCalledWith(expect.objectContaining({ width: 240, height: 192 }), QR_OPTIONS);
  });
});
