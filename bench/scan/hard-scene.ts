/**
 * Renders one frame of a "hard" scan scene (`hard-corpus.ts` draws the scenes): a phone (or a
 * product label) seen by the till's camera through a pinhole model, so perspective is real: the
 * device is a plane in 3-D, tilted and turned, and every output pixel is traced back onto it
 * (2 × 2 samples a pixel, bilinear on a 10 px/mm texture). Then, in the order a camera applies
 * them: glare on the glass, moiré on the screen, lens blur, defocus, motion blur, exposure, sensor
 * noise (read + shot), 8-bit quantisation and, for some scenes, JPEG (the `@napi-rs/canvas`
 * encoder and decoder).
 *
 * Node only; deterministic for a given scene and frame index (no fonts: digits are drawn as
 * seven-segment glyphs, so another machine's fonts cannot change a frame).
 */
import { createCanvas, Image, type SKRSContext2D } from "@napi-rs/canvas";
import bwipjs from "bwip-js/node";
import { roundRect } from "../../tests/support/frames";
import { seededRandom } from "../../lib/seeded-random";

/** What the camera is pointed at. */
export type SceneSymbol =
  /** A wallet's payment code as a Code 128 barcode. */
  | "c128"
  /** A wallet's payment code as a QR code. */
  | "qr"
  /** Negatives: a wallet screen with no code yet, an EAN-13 on a product, a GTIN in a Code 128 label, a URL QR code. */
  | "none"
  | "ean13"
  | "gtin-c128"
  | "url-qr";

export type SceneSpec = {
  id: string;
  symbol: SceneSymbol;
  /** The text the code carries (null: no code). */
  payload: string | null;
  /** The wallet payment code the till should accept (null on negatives). */
  truth: string | null;
  /** The distortion this scene stresses (`CONDITIONS` in hard-corpus.ts). */
  condition: string;
  width: number;
  height: number;
  /** In-plane turn of the device, degrees (signed). */
  rotationDeg: number;
  /** Out-of-plane tilt, degrees, about an in-plane axis at `tiltAxisDeg`. */
  tiltDeg: number;
  tiltAxisDeg: number;
  /** Image pixels per millimetre at the code's centre (sets how far away the device is). */
  pxPerMm: number;
  /** Code 128 narrow bar in pixels at that scale (the figure the scale was drawn from). */
  pxPerModule: number;
  /** Where the code's centre lands, as a shift from the frame centre (fractions of width, height). */
  offset: { x: number; y: number };
  /** Camera grey levels of the screen's white and of its ink (the background scales with them). */
  white: number;
  ink: number;
  /** Lens blur (Gaussian sigma, px), sensor read noise (sigma, grey levels), shot-noise gain. */
  lensBlur: number;
  readNoise: number;
  shotNoise: number;
  /** A bright reflection on the glass: centre in mm from the code centre, radius mm, peak and veil (× white). */
  glare?: { x: number; y: number; radius: number; peak: number; veil: number };
  /** Interference of the screen's pixel grid with the sensor's: low-frequency bands plus a fine ripple. */
  moire?: {
    bandAmplitude: number;
    bandPeriod: number;
    bandAngleDeg: number;
    rippleAmplitude: number;
    ripplePeriod: number;
    rippleAngleDeg: number;
  };
  /** Out of focus: blur-circle radius, px. */
  defocusRadius?: number;
  /** Camera shake: streak length px and direction. */
  motion?: { length: number; angleDeg: number };
  jpegQuality?: number;
  /** A thumb over one corner of the code: which corner and how far into the code (fraction of its width). */
  finger?: { corner: 0 | 1 | 2 | 3; depth: number; widthMm: number };
  /** Background clutter and per-frame jitter come from this. */
  seed: number;
};

type RenderedFrame = { rgba: Uint8ClampedArray; width: number; height: number };

/**
 * Texture resolution: 1.5 texels per image pixel at the code's centre (canvas drawing is
 * antialiased, so one bilinear sample a pixel then integrates about a pixel's footprint).
 */
const texPerMm = (spec: SceneSpec) => Math.min(16, Math.max(4, 1.5 * spec.pxPerMm));
/** Code 128 width on a wallet screen, mm; bar height is BAR_ASPECT of it. QR side, mm. */
const BARCODE_MM = 60;
const BAR_ASPECT = 0.26;
const QR_MM = 38;
/** The phone: screen 70 × 150 mm, the code's centre 25 mm above the screen's; 4 mm bezel. */
const SCREEN = { x0: -35, x1: 35, y0: -50, y1: 100 };
const BEZEL = 4;
/** A product label (EAN-13, GTIN in Code 128): a white sticker on a brown box. */
const LABEL = { x0: -34, x1: 34, y0: -20, y1: 24 };
/** Texture margin around the device, mm (the thumb reaches beyond the phone's edge). */
const marginMm = (spec: SceneSpec) => (spec.finger ? 25 : 2);

type Texture = {
  /** Premultiplied radiance and coverage, and whether a texel is lit screen (for moiré). */
  rad: Float32Array;
  alpha: Float32Array;
  screen: Uint8Array;
  w: number;
  h: number;
  /** mm of texel (0, 0), and texels per mm. */
  x0: number;
  y0: number;
  scale: number;
};

type SceneCache = { texture: Texture; background: Float32Array };
const cache = new WeakMap<SceneSpec, SceneCache>();

/** Renders frame `index` (0-based) of the scene; successive frames differ by small hand jitter and fresh noise. */
export function renderSceneFrame(spec: SceneSpec, index: number): RenderedFrame {
  let cached = cache.get(spec);
  if (!cached) {
    cached = { texture: deviceTexture(spec), background: counterBackground(spec) };
    cache.set(spec, cached);
  }
  const { texture, background } = cached;
  const { width: W, height: H } = spec;
  const random = seededRandom(spec.seed * 7907 + index * 104729 + 17);
  const jitter = (amplitude: number) => (random() * 2 - 1) * amplitude;

  // Hand jitter between frames (a camera delivers ~30 a second; we read ~10).
  const pose = {
    rotationDeg: spec.rotationDeg + jitter(0.7),
    tiltDeg: Math.max(0, spec.tiltDeg + jitter(1.5)),
    tiltAxisDeg: spec.tiltAxisDeg + jitter(4),
    pxPerMm: spec.pxPerMm * (1 + jitter(0.015)),
    offsetX: spec.offset.x + jitter(0.006),
    offsetY: spec.offset.y + jitter(0.006),
  };
  const hInv = inverseHomography(W, H, pose);
  const plane = new Float32Array(background);
  const screenMask = new Uint8Array(W * H);
  const bbox = warpDevice(plane, screenMask, W, H, texture, hInv);

  if (spec.glare) addGlare(plane, screenMask, W, bbox, hInv, spec.glare, jitter(3), jitter(3));
  if (spec.moire) applyMoire(plane, screenMask, W, bbox, spec.moire, random());

  blurGaussian(plane, W, H, spec.lensBlur * (1 + jitter(0.08)));
  if (spec.defocusRadius)
    convolveSparse(plane, W, H, diskKernel(spec.defocusRadius * (1 + jitter(0.1))), grow(bbox, W, H, 6));
  if (spec.motion) {
    const length = spec.motion.length * (0.5 + 0.5 * random());
    convolveSparse(plane, W, H, lineKernel(length, spec.motion.angleDeg + jitter(15)), grow(bbox, W, H, 12));
  }

  const rgba = expose(plane, spec, random);
  return { rgba: spec.jpegQuality ? jpegRoundTrip(rgba, W, H, spec.jpegQuality) : rgba, width: W, height: H };
}

// ---------------------------------------------------------------- geometry

type Pose = {
  rotationDeg: number;
  tiltDeg: number;
  tiltAxisDeg: number;
  pxPerMm: number;
  offsetX: number;
  offsetY: number;
};
type Mat3 = [number, number, number, number, number, number, number, number, number];

/**
 * Image pixel → device mm. Pinhole camera (focal length 0.9 × width, about a 58° field of view),
 * the device a plane whose centre (the code's) sits `f / pxPerMm` mm in front of the lens.
 */
function inverseHomography(W: number, H: number, pose: Pose): Mat3 {
  const f = 0.9 * W;
  const cx = W / 2;
  const cy = H / 2;
  const z = f / pose.pxPerMm;
  const u0 = cx + pose.offsetX * W;
  const v0 = cy + pose.offsetY * H;
  const centre = [((u0 - cx) * z) / f, ((v0 - cy) * z) / f, z];
  // R = Rz(rotation) · (rotation by tilt about the in-plane axis at tiltAxis).
  const a = (pose.tiltAxisDeg * Math.PI) / 180;
  const t = (pose.tiltDeg * Math.PI) / 180;
  const [ax, ay] = [Math.cos(a), Math.sin(a)];
  const c = Math.cos(t);
  const s = Math.sin(t);
  // Rodrigues for axis (ax, ay, 0).
  const tilt = [
    c + ax * ax * (1 - c),
    ax * ay * (1 - c),
    ay * s,
    ax * ay * (1 - c),
    c + ay * ay * (1 - c),
    -ax * s,
    -ay * s,
    ax * s,
    c,
  ];
  const g = (pose.rotationDeg * Math.PI) / 180;
  const [cg, sg] = [Math.cos(g), Math.sin(g)];
  const r = (row: number, col: number) => {
    const rz = [
      [cg, -sg, 0],
      [sg, cg, 0],
      [0, 0, 1],
    ][row]!;
    return rz[0]! * tilt[col]! + rz[1]! * tilt[3 + col]! + rz[2]! * tilt[6 + col]!;
  };
  // Forward: [u v 1] ~ K [r1 r2 centre] [X Y 1].
  const m = [
    [r(0, 0), r(0, 1), centre[0]!],
    [r(1, 0), r(1, 1), centre[1]!],
    [r(2, 0), r(2, 1), centre[2]!],
  ];
  const fwd: Mat3 = [
    f * m[0]![0]! + cx * m[2]![0]!,
    f * m[0]![1]! + cx * m[2]![1]!,
    f * m[0]![2]! + cx * m[2]![2]!,
    f * m[1]![0]! + cy * m[2]![0]!,
    f * m[1]![1]! + cy * m[2]![1]!,
    f * m[1]![2]! + cy * m[2]![2]!,
    m[2]![0]!,
    m[2]![1]!,
    m[2]![2]!,
  ];
  return invert3(fwd);
}

function invert3(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

function forward(hInv: Mat3, X: number, Y: number): [number, number] {
  const fwd = invert3(hInv);
  const w = fwd[6] * X + fwd[7] * Y + fwd[8];
  return [(fwd[0] * X + fwd[1] * Y + fwd[2]) / w, (fwd[3] * X + fwd[4] * Y + fwd[5]) / w];
}

type Box = { x0: number; y0: number; x1: number; y1: number };

function grow(box: Box, W: number, H: number, by: number): Box {
  return {
    x0: Math.max(0, box.x0 - by),
    y0: Math.max(0, box.y0 - by),
    x1: Math.min(W, box.x1 + by),
    y1: Math.min(H, box.y1 + by),
  };
}

/** Draws the device over the background (one bilinear texture sample a pixel); returns its bounding box. */
function warpDevice(plane: Float32Array, screenMask: Uint8Array, W: number, H: number, tex: Texture, hInv: Mat3): Box {
  const { rad, alpha, screen, w: tw, h: th, scale } = tex;
  const corners = [
    [tex.x0, tex.y0],
    [tex.x0 + tw / scale, tex.y0],
    [tex.x0, tex.y0 + th / scale],
    [tex.x0 + tw / scale, tex.y0 + th / scale],
  ].map(([x, y]) => forward(hInv, x!, y!));
  const box = grow(
    {
      x0: Math.floor(Math.min(...corners.map((p) => p[0]))),
      y0: Math.floor(Math.min(...corners.map((p) => p[1]))),
      x1: Math.ceil(Math.max(...corners.map((p) => p[0]))),
      y1: Math.ceil(Math.max(...corners.map((p) => p[1]))),
    },
    W,
    H,
    1,
  );
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = hInv;
  for (let y = box.y0; y < box.y1; y++) {
    const v = y + 0.5;
    for (let x = box.x0; x < box.x1; x++) {
      const u = x + 0.5;
      const w = h6 * u + h7 * v + h8;
      const tx = ((h0 * u + h1 * v + h2) / w - tex.x0) * scale - 0.5;
      const ty = ((h3 * u + h4 * v + h5) / w - tex.y0) * scale - 0.5;
      if (!(tx >= 0 && ty >= 0 && tx < tw - 1 && ty < th - 1)) continue;
      const ix = tx | 0;
      const iy = ty | 0;
      const fx = tx - ix;
      const fy = ty - iy;
      const k = iy * tw + ix;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const cover = alpha[k]! * w00 + alpha[k + 1]! * w10 + alpha[k + tw]! * w01 + alpha[k + tw + 1]! * w11;
      if (cover <= 0) continue;
      const i = y * W + x;
      plane[i] =
        rad[k]! * w00 + rad[k + 1]! * w10 + rad[k + tw]! * w01 + rad[k + tw + 1]! * w11 + (1 - cover) * plane[i]!;
      if (screen[k]! + screen[k + 1]! + screen[k + tw]! + screen[k + tw + 1]! >= 2) screenMask[i] = 1;
    }
  }
  return box;
}

// ---------------------------------------------------------------- the device

/** Code 128 / EAN-13 bars as module runs (bwip-js). */
function bars(encoder: "code128" | "ean13", text: string): number[] {
  const [symbol] = bwipjs.raw(encoder, text, {});
  if (!symbol || !("sbs" in symbol)) throw new Error(`bwip-js returned no ${encoder} bars`);
  return symbol.sbs;
}

function qrModules(text: string): { n: number; dark: (x: number, y: number) => boolean } {
  const [symbol] = bwipjs.raw("qrcode", text, "eclevel=M");
  if (!symbol || !("pixs" in symbol)) throw new Error("bwip-js returned no QR modules");
  return { n: symbol.pixx, dark: (x, y) => symbol.pixs[y * symbol.pixx + x] === 1 };
}

/** Narrow bars in a Code 128 of this text (how the scene scale is set). */
export function code128Modules(text: string): number {
  return bars("code128", text).reduce((a, b) => a + b, 0);
}

const isLabel = (symbol: SceneSymbol) => symbol === "ean13" || symbol === "gtin-c128";

/** The device face drawn once per scene at texPerMm(spec), in mm with the code's centre at (0, 0). */
function deviceTexture(spec: SceneSpec): Texture {
  const label = isLabel(spec.symbol);
  const outline = label
    ? LABEL
    : { x0: SCREEN.x0 - BEZEL, x1: SCREEN.x1 + BEZEL, y0: SCREEN.y0 - BEZEL, y1: SCREEN.y1 + BEZEL };
  const margin = marginMm(spec);
  const scale = texPerMm(spec);
  const x0 = outline.x0 - margin;
  const y0 = outline.y0 - margin;
  const w = Math.ceil((outline.x1 - outline.x0 + 2 * margin) * scale);
  const h = Math.ceil((outline.y1 - outline.y0 + 2 * margin) * scale);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(scale, 0, 0, scale, -x0 * scale, -y0 * scale);
  const random = seededRandom(spec.seed * 31 + 5);

  if (label) {
    // A cardboard box face with a white label: the label is not a lit screen.
    ctx.fillStyle = "rgb(150,110,70)";
    ctx.fillRect(outline.x0 - 20, outline.y0 - 14, outline.x1 - outline.x0 + 40, outline.y1 - outline.y0 + 28);
    ctx.fillStyle = "#fff";
    roundRect(ctx, outline.x0, outline.y0, outline.x1 - outline.x0, outline.y1 - outline.y0, 2);
    ctx.fill();
    drawBars(
      ctx,
      bars(spec.symbol === "ean13" ? "ean13" : "code128", spec.payload!),
      spec.symbol === "ean13" ? 37 : 56,
      spec.symbol === "ean13" ? 22 : 16,
    );
    drawDigits(ctx, spec.payload!, spec.symbol === "ean13" ? 13.5 : 10.5, 3.2);
  } else {
    ctx.fillStyle = "#000";
    roundRect(ctx, outline.x0, outline.y0, outline.x1 - outline.x0, outline.y1 - outline.y0, 9);
    ctx.fill();
    ctx.fillStyle = "#fff";
    roundRect(ctx, SCREEN.x0, SCREEN.y0, SCREEN.x1 - SCREEN.x0, SCREEN.y1 - SCREEN.y0, 6);
    ctx.fill();
    // The wallet's header band, a title line, a few lines of text below the code.
    ctx.fillStyle = "rgb(26,173,25)";
    ctx.fillRect(SCREEN.x0, SCREEN.y0, SCREEN.x1 - SCREEN.x0, 13);
    ctx.fillStyle = "rgb(90,90,90)";
    textLine(ctx, SCREEN.x0 + 8, SCREEN.y0 + 17, 30, 3, random);
    for (let i = 0; i < 4; i++) textLine(ctx, SCREEN.x0 + 8, 34 + i * 9, 36 + random() * 16, 2.6, random);
    if (spec.symbol === "c128") {
      drawBars(ctx, bars("code128", spec.payload!), BARCODE_MM, BARCODE_MM * BAR_ASPECT);
      drawDigits(ctx, spec.payload!, (BARCODE_MM * BAR_ASPECT) / 2 + 3, 3.4);
    } else if (spec.symbol === "qr" || spec.symbol === "url-qr") {
      drawQr(ctx, qrModules(spec.payload!), QR_MM);
    } else {
      // No code yet: a loading ring where it will appear.
      ctx.strokeStyle = "rgb(200,200,200)";
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.arc(0, 0, 9, 0, 1.6 * Math.PI);
      ctx.stroke();
    }
  }
  if (spec.finger) drawFinger(ctx, spec);

  const data = ctx.getImageData(0, 0, w, h).data;
  const rad = new Float32Array(w * h);
  const alpha = new Float32Array(w * h);
  const screen = new Uint8Array(w * h);
  // The screen's texels are those inside the screen rectangle that are not covered by the thumb.
  const sx0 = Math.round((SCREEN.x0 - x0) * scale);
  const sx1 = Math.round((SCREEN.x1 - x0) * scale);
  const sy0 = Math.round((SCREEN.y0 - y0) * scale);
  const sy1 = Math.round((SCREEN.y1 - y0) * scale);
  const fingerMask = spec.finger ? fingerCoverage(spec, w, h, x0, y0, scale) : null;
  for (let i = 0, j = 0; j < rad.length; i += 4, j++) {
    const a = data[i + 3]! / 255;
    // Radiance: ink ≈ 0, screen white = 1 (linear in the camera's levels after exposure).
    rad[j] = ((data[i]! * 0.299 + data[i + 1]! * 0.587 + data[i + 2]! * 0.114) / 255) * a;
    alpha[j] = a;
  }
  if (!label) {
    for (let ty = Math.max(0, sy0); ty < Math.min(h, sy1); ty++) {
      for (let tx = Math.max(0, sx0); tx < Math.min(w, sx1); tx++)
        if (!(fingerMask && fingerMask[ty * w + tx])) screen[ty * w + tx] = 1;
    }
  }
  return { rad, alpha, screen, w, h, x0, y0, scale };
}

function drawBars(ctx: SKRSContext2D, runs: number[], widthMm: number, heightMm: number): void {
  const modules = runs.reduce((a, b) => a + b, 0);
  const m = widthMm / modules;
  let x = -widthMm / 2;
  ctx.fillStyle = "#000";
  runs.forEach((run, i) => {
    if (i % 2 === 0) ctx.fillRect(x, -heightMm / 2, run * m, heightMm);
    x += run * m;
  });
}

function drawQr(ctx: SKRSContext2D, qr: { n: number; dark: (x: number, y: number) => boolean }, sideMm: number): void {
  const m = sideMm / qr.n;
  ctx.fillStyle = "#000";
  for (let y = 0; y < qr.n; y++) {
    for (let x = 0; x < qr.n; x++)
      if (qr.dark(x, y)) ctx.fillRect(-sideMm / 2 + x * m, -sideMm / 2 + y * m, m + 0.01, m + 0.01);
  }
}

/** Seven-segment digits (no fonts), `heightMm` tall, centred below the bars at `y`. */
function drawDigits(ctx: SKRSContext2D, text: string, y: number, heightMm: number): void {
  const SEGMENTS = ["abcdef", "bc", "abdeg", "abcdg", "bcfg", "acdfg", "acdefg", "abc", "abcdefg", "abcdfg"];
  const w = heightMm * 0.5;
  const pitch = heightMm * 0.75;
  const t = heightMm * 0.12;
  let x = (-pitch * text.length) / 2;
  ctx.fillStyle = "rgb(40,40,40)";
  for (const ch of text) {
    const segments = SEGMENTS[Number(ch)] ?? "";
    const h = heightMm / 2;
    const seg: Record<string, [number, number, number, number]> = {
      a: [x, y, w, t],
      b: [x + w - t, y, t, h],
      c: [x + w - t, y + h, t, h],
      d: [x, y + 2 * h - t, w, t],
      e: [x, y + h, t, h],
      f: [x, y, t, h],
      g: [x, y + h - t / 2, w, t],
    };
    for (const s of segments) ctx.fillRect(...seg[s]!);
    x += pitch;
  }
}

function textLine(
  ctx: SKRSContext2D,
  x: number,
  y: number,
  length: number,
  height: number,
  random: () => number,
): void {
  let at = x;
  while (at < x + length) {
    const word = 3 + random() * 7;
    ctx.fillRect(at, y, Math.min(word, x + length - at), height);
    at += word + 1.5;
  }
}

/** Thumb tip over one corner of the code: a capsule from outside the device towards the corner. */
function fingerGeometry(spec: SceneSpec): { tip: [number, number]; base: [number, number]; radius: number } {
  const f = spec.finger!;
  const halfW = (spec.symbol === "qr" || spec.symbol === "url-qr" ? QR_MM : BARCODE_MM) / 2;
  const halfH = spec.symbol === "qr" || spec.symbol === "url-qr" ? QR_MM / 2 : (BARCODE_MM * BAR_ASPECT) / 2;
  const sx = f.corner === 0 || f.corner === 3 ? -1 : 1;
  const sy = f.corner < 2 ? -1 : 1;
  const radius = f.widthMm / 2;
  const reach = f.depth * 2 * halfW;
  // The capsule's tip circle reaches `reach` mm inside the code's corner, coming from the side.
  const tip: [number, number] = [sx * (halfW - reach + radius), sy * (halfH - reach * 0.6 + radius * 0.6)];
  const base: [number, number] = [sx * (halfW + 70), tip[1] + sy * 25];
  return { tip, base, radius };
}

function drawFinger(ctx: SKRSContext2D, spec: SceneSpec): void {
  const { tip, base, radius } = fingerGeometry(spec);
  ctx.strokeStyle = "rgb(205,160,130)";
  ctx.lineCap = "round";
  ctx.lineWidth = 2 * radius;
  ctx.beginPath();
  ctx.moveTo(...tip);
  ctx.lineTo(...base);
  ctx.stroke();
  // The nail and the shading along the finger's edge.
  ctx.strokeStyle = "rgba(120,80,60,0.35)";
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.arc(tip[0], tip[1], radius - 0.8, 0, 2 * Math.PI);
  ctx.stroke();
}

function fingerCoverage(spec: SceneSpec, w: number, h: number, x0: number, y0: number, scale: number): Uint8Array {
  const { tip, base, radius } = fingerGeometry(spec);
  const mask = new Uint8Array(w * h);
  const [dx, dy] = [base[0] - tip[0], base[1] - tip[1]];
  const len2 = dx * dx + dy * dy;
  for (let ty = 0; ty < h; ty++) {
    for (let tx = 0; tx < w; tx++) {
      const x = x0 + tx / scale;
      const y = y0 + ty / scale;
      const t = Math.max(0, Math.min(1, ((x - tip[0]) * dx + (y - tip[1]) * dy) / len2));
      const ex = x - (tip[0] + t * dx);
      const ey = y - (tip[1] + t * dy);
      if (ex * ex + ey * ey <= radius * radius) mask[ty * w + tx] = 1;
    }
  }
  return mask;
}

/** A dim counter with clutter, in radiance (the screen's white = 1). */
function counterBackground(spec: SceneSpec): Float32Array {
  const { width: W, height: H } = spec;
  const random = seededRandom(spec.seed * 13 + 1);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext("2d");
  const gradient = ctx.createLinearGradient(0, 0, W, H);
  const a = Math.round(40 + random() * 40);
  const b = Math.round(80 + random() * 60);
  gradient.addColorStop(0, `rgb(${a},${a},${a + 5})`);
  gradient.addColorStop(1, `rgb(${b},${b - 5},${b - 10})`);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, W, H);
  for (let i = 0; i < 7; i++) {
    const c = Math.round(25 + random() * 150);
    ctx.fillStyle = `rgb(${c},${c},${c})`;
    ctx.fillRect(random() * W, random() * H, (0.05 + random() * 0.25) * W, (0.05 + random() * 0.2) * H);
  }
  const data = ctx.getImageData(0, 0, W, H).data;
  const out = new Float32Array(W * H);
  for (let i = 0, j = 0; j < out.length; i += 4, j++)
    out[j] = (data[i]! * 0.299 + data[i + 1]! * 0.587 + data[i + 2]! * 0.114) / 255;
  return out;
}

// ---------------------------------------------------------------- optics and sensor

/** A reflection on the glass: a bright blob (saturates the sensor at its peak) and a veil over the device. */
function addGlare(
  plane: Float32Array,
  screenMask: Uint8Array,
  W: number,
  box: Box,
  hInv: Mat3,
  glare: NonNullable<SceneSpec["glare"]>,
  dx: number,
  dy: number,
): void {
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = hInv;
  const cx = glare.x + dx;
  const cy = glare.y + dy;
  const k = 1 / (2 * glare.radius * glare.radius);
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = y * W + x;
      if (!screenMask[i]) continue;
      const u = x + 0.5;
      const v = y + 0.5;
      const w = h6 * u + h7 * v + h8;
      const X = (h0 * u + h1 * v + h2) / w - cx;
      const Y = (h3 * u + h4 * v + h5) / w - cy;
      plane[i] = plane[i]! + glare.veil + glare.peak * Math.exp(-(X * X + Y * Y) * k);
    }
  }
}

/** Moiré: slow bands of brightness and a fine ripple, on the lit screen only (where the pixel grids beat). */
function applyMoire(
  plane: Float32Array,
  screenMask: Uint8Array,
  W: number,
  box: Box,
  m: NonNullable<SceneSpec["moire"]>,
  phase: number,
): void {
  const ba = (m.bandAngleDeg * Math.PI) / 180;
  const ra = (m.rippleAngleDeg * Math.PI) / 180;
  const [bx, by] = [(Math.cos(ba) * 2 * Math.PI) / m.bandPeriod, (Math.sin(ba) * 2 * Math.PI) / m.bandPeriod];
  const [rx, ry] = [(Math.cos(ra) * 2 * Math.PI) / m.ripplePeriod, (Math.sin(ra) * 2 * Math.PI) / m.ripplePeriod];
  const p = phase * 2 * Math.PI;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = y * W + x;
      if (!screenMask[i]) continue;
      const band = m.bandAmplitude * Math.sin(bx * x + by * y + p);
      const ripple = m.rippleAmplitude * Math.sin(rx * x + ry * y + 3 * p);
      plane[i] = plane[i]! * (1 + band + ripple);
    }
  }
}

function blurGaussian(plane: Float32Array, W: number, H: number, sigma: number): void {
  if (sigma < 0.05) return;
  const radius = Math.max(1, Math.ceil(sigma * 3));
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= sum;
  // Along rows into tmp (edges clamped via a padded line), then along columns back into plane.
  const tmp = new Float32Array(plane.length);
  const line = new Float32Array(W + 2 * radius);
  for (let y = 0; y < H; y++) {
    const row = y * W;
    line.fill(plane[row]!, 0, radius);
    line.set(plane.subarray(row, row + W), radius);
    line.fill(plane[row + W - 1]!, W + radius);
    for (let x = 0; x < W; x++) {
      let acc = 0;
      for (let k = 0; k < kernel.length; k++) acc += line[x + k]! * kernel[k]!;
      tmp[row + x] = acc;
    }
  }
  // Columns: each kernel row of tmp is added to plane in turn (edge rows repeat).
  plane.fill(0);
  for (let k = 0; k < kernel.length; k++) {
    const weight = kernel[k]!;
    for (let y = 0; y < H; y++) {
      const from = Math.min(H - 1, Math.max(0, y + k - radius)) * W;
      const to = y * W;
      for (let x = 0; x < W; x++) plane[to + x] = plane[to + x]! + tmp[from + x]! * weight;
    }
  }
}

type Tap = { dx: number; dy: number; w: number };

/** A uniform disk (defocus), edge texels weighted by coverage. */
function diskKernel(radius: number): Tap[] {
  const taps: Tap[] = [];
  const r = Math.ceil(radius + 1);
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      const w = Math.max(0, Math.min(1, radius + 0.5 - Math.hypot(dx, dy)));
      if (w > 0) taps.push({ dx, dy, w });
    }
  }
  return normalise(taps);
}

/** A straight streak (motion blur), sampled every half pixel and spread bilinearly onto the grid. */
function lineKernel(length: number, angleDeg: number): Tap[] {
  const a = (angleDeg * Math.PI) / 180;
  const n = Math.max(2, Math.ceil(length * 2) + 1);
  const acc = new Map<string, Tap>();
  for (let i = 0; i < n; i++) {
    const t = (i / (n - 1) - 0.5) * length;
    const x = t * Math.cos(a);
    const y = t * Math.sin(a);
    const ix = Math.floor(x);
    const iy = Math.floor(y);
    const fx = x - ix;
    const fy = y - iy;
    for (const [dx, dy, w] of [
      [ix, iy, (1 - fx) * (1 - fy)],
      [ix + 1, iy, fx * (1 - fy)],
      [ix, iy + 1, (1 - fx) * fy],
      [ix + 1, iy + 1, fx * fy],
    ] as const) {
      const key = `${dx},${dy}`;
      const tap = acc.get(key) ?? { dx, dy, w: 0 };
      tap.w += w;
      acc.set(key, tap);
    }
  }
  return normalise([...acc.values()].filter((t) => t.w > 1e-4));
}

function normalise(taps: Tap[]): Tap[] {
  const sum = taps.reduce((s, t) => s + t.w, 0);
  return taps.map((t) => ({ ...t, w: t.w / sum }));
}

/** Convolves the box with the taps (pixels closer to the frame's edge than the kernel reaches stay as they are). */
function convolveSparse(plane: Float32Array, W: number, H: number, taps: Tap[], box: Box): void {
  const reach = Math.max(...taps.map((t) => Math.max(Math.abs(t.dx), Math.abs(t.dy))));
  const x0 = Math.max(box.x0, reach);
  const x1 = Math.min(box.x1, W - reach);
  const y0 = Math.max(box.y0, reach);
  const y1 = Math.min(box.y1, H - reach);
  if (x1 <= x0 || y1 <= y0) return;
  const src = plane.slice();
  for (let y = y0; y < y1; y++) plane.fill(0, y * W + x0, y * W + x1);
  for (const { dx, dy, w } of taps) {
    const shift = dy * W + dx;
    for (let y = y0; y < y1; y++) {
      const row = y * W;
      for (let i = row + x0; i < row + x1; i++) plane[i] = plane[i]! + src[i + shift]! * w;
    }
  }
}

/** 2^20 standard normal draws (fixed seed), read at a random start and odd stride per frame. */
const NOISE_BITS = 20;
let noiseTable: Float32Array | null = null;
function gaussianTable(): Float32Array {
  if (noiseTable) return noiseTable;
  const random = seededRandom(0x6e015e);
  noiseTable = new Float32Array(1 << NOISE_BITS);
  for (let i = 0; i < noiseTable.length; i += 2) {
    const u = Math.max(random(), 1e-12);
    const v = random();
    const m = Math.sqrt(-2 * Math.log(u));
    noiseTable[i] = m * Math.cos(2 * Math.PI * v);
    noiseTable[i + 1] = m * Math.sin(2 * Math.PI * v);
  }
  return noiseTable;
}

/**
 * Radiance → camera grey levels (the ink and white levels, read noise plus shot noise, 8 bits) →
 * RGBA with the faint colour tint of camera frames (as tests/support/frames.ts).
 */
function expose(plane: Float32Array, spec: SceneSpec, random: () => number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(plane.length * 4);
  const span = spec.white - spec.ink;
  const read2 = spec.readNoise * spec.readNoise;
  const table = gaussianTable();
  const mask = table.length - 1;
  let at = Math.floor(random() * table.length);
  const stride = (Math.floor(random() * 4096) * 2 + 1) | 0;
  for (let i = 0, o = 0; i < plane.length; i++, o += 4) {
    const level = spec.ink + span * plane[i]!;
    at = (at + stride) & mask;
    const v = level + table[at]! * Math.sqrt(read2 + spec.shotNoise * (level > 0 ? level : 0));
    const g = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
    rgba[o] = g * 1.02;
    rgba[o + 1] = g;
    rgba[o + 2] = g * 0.97;
    rgba[o + 3] = 255;
  }
  return rgba;
}

function jpegRoundTrip(rgba: Uint8ClampedArray, W: number, H: number, quality: number): Uint8ClampedArray {
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(W, H);
  image.data.set(rgba);
  ctx.putImageData(image, 0, 0);
  const jpeg = canvas.toBuffer("image/jpeg", quality);
  const decoded = new Image();
  decoded.src = jpeg;
  const out = createCanvas(W, H).getContext("2d");
  out.drawImage(decoded, 0, 0);
  return new Uint8ClampedArray(out.getImageData(0, 0, W, H).data);
}
