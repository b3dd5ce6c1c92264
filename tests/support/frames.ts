/**
 * Synthetic camera frames of a customer's phone showing a wallet payment code, for decoder tests
 * and for the fake-camera e2e video (PNG → `ffmpeg -loop 1 -i frame.png -t 1 -r 30 -pix_fmt
 * yuv420p frame.y4m`, docs/scanning-findings.md §6). Ported from scan-bench `frames.mjs`
 * (docs/scanning-findings.md §5), but every distortion is an explicit option, so a test states
 * exactly what it exercises.
 *
 * Node only (bwip-js + @napi-rs/canvas); synchronous.
 */
import { writeFileSync } from "node:fs";
import { createCanvas, type Canvas, type SKRSContext2D } from "@napi-rs/canvas";
import { createRequire } from "node:module";
import bwipjs from "bwip-js/node";
import { seededRandom } from "../../lib/seeded-random";

// @zxing/library ships CommonJS whose names Node's ESM loader cannot see (Playwright loads this
// file as native ESM), so take it through require.
const { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } =
  createRequire(import.meta.url)("@zxing/library") as typeof import("@zxing/library");

/** Payment-code-like numbers (docs/qfpay.md §10 prefixes). */
export const SAMPLE_CODES = {
  wechat: "134857901234588557",
  wechatHongKong: "150123456789012345",
  alipay: "286543210987654321",
  unionpay: "6212345678901234567",
  alipayLong: "301234567890123456789012",
} as const;

/** "ean13", "upca": a product's barcode (issue 12's product mode), drawn where the Code 128 goes. */
export type FrameSymbol = "code128" | "qrcode" | "both" | "none" | "ean13" | "upca";

export type FrameOptions = {
  /** What the wallet screen shows: the barcode, the QR code, both (as wallets do), or nothing. */
  symbol: FrameSymbol;
  /** The payment code; required unless `symbol` is "none". */
  text?: string;
  width?: number;
  height?: number;
  /** Code 128 width as a fraction of the frame width. */
  barcodeWidth?: number;
  /** QR side as a fraction of the frame height. */
  qrSize?: number;
  /** Tilt of the phone, degrees (clockwise). */
  rotationDeg?: number;
  /** Horizontal shift of the phone from the centre, as a fraction of the frame width. */
  offsetX?: number;
  /** Gaussian blur sigma in pixels. */
  blur?: number;
  /** Sensor noise sigma in grey levels (iid gaussian). */
  noise?: number;
  /** Grey levels the camera records for black ink and for the white screen (low contrast: 70/180). */
  contrast?: { dark: number; light: number };
  /**
   * What surrounds the phone. "dark": a dim counter and a black bezel, so dark pixels lie left of
   * the barcode on every scan row (what stock @zxing/library cannot read, docs/scanning-findings.md §3.1).
   * "white": nothing dark anywhere near the code.
   */
  surroundings?: "dark" | "white";
  /** Seed for the noise and the background clutter. */
  seed?: number;
};

export type Frame = { rgba: Uint8ClampedArray; width: number; height: number };

const DEFAULTS = {
  width: 1280,
  height: 720,
  barcodeWidth: 0.45,
  qrSize: 0.35,
  rotationDeg: 0,
  offsetX: 0,
  blur: 0,
  noise: 0,
  contrast: { dark: 25, light: 240 },
  surroundings: "dark",
  seed: 1,
} as const;

/** Renders one frame as RGBA (grey, with the faint colour tint camera frames have). */
export function renderFrame(options: FrameOptions): Frame {
  const o = { ...DEFAULTS, ...options };
  const { width: W, height: H } = o;
  const random = seededRandom(o.seed);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext("2d");

  if (o.surroundings === "dark") drawCounter(ctx, W, H, random);
  else {
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, W, H);
  }

  const barcode =
    o.symbol === "code128" || o.symbol === "both"
      ? linearBitmap("code128", requireText(o))
      : o.symbol === "ean13" || o.symbol === "upca"
        ? linearBitmap(o.symbol, requireText(o))
        : null;
  const qr = o.symbol === "qrcode" || o.symbol === "both" ? qrBitmap(requireText(o)) : null;
  const barcodeW = o.barcodeWidth * W;
  const barcodeH = barcodeW / 4;
  const qrSide = o.qrSize * H;
  const gap = 0.04 * H;
  const contentW = Math.max(barcode ? barcodeW : 0, qr ? qrSide : 0, 0.35 * W);
  const contentH = (barcode ? barcodeH : 0) + (qr ? qrSide : 0) + (barcode && qr ? gap : 0) || 0.3 * H;
  const screenW = contentW * 1.24;
  const screenH = contentH + 0.18 * H;

  ctx.save();
  ctx.translate(W / 2 + o.offsetX * W, H / 2);
  ctx.rotate((o.rotationDeg * Math.PI) / 180);
  if (o.surroundings === "dark") {
    const bezel = 0.035 * W;
    ctx.fillStyle = "#000";
    roundRect(ctx, -screenW / 2 - bezel, -screenH / 2 - bezel, screenW + 2 * bezel, screenH + 2 * bezel, bezel * 1.5);
    ctx.fill();
  }
  ctx.fillStyle = "#fff";
  roundRect(ctx, -screenW / 2, -screenH / 2, screenW, screenH, 0.02 * W);
  ctx.fill();
  // The wallet's header band, above the codes and off the barcode's scan rows.
  ctx.fillStyle = "#1aad19";
  ctx.fillRect(-screenW / 2, -screenH / 2, screenW, 0.06 * H);

  ctx.imageSmoothingEnabled = false;
  let y = -contentH / 2 + 0.03 * H;
  if (barcode) {
    ctx.drawImage(barcode, -barcodeW / 2, y, barcodeW, barcodeH);
    y += barcodeH + gap;
  }
  if (qr) ctx.drawImage(qr, -qrSide / 2, y, qrSide, qrSide);
  ctx.restore();

  const grey = toGreyPlane(ctx.getImageData(0, 0, W, H).data, o.contrast);
  const blurred = o.blur > 0.05 ? gaussianBlur(grey, W, H, o.blur) : grey;
  return { rgba: toRgba(blurred, o.noise, random), width: W, height: H };
}

/** The grey plane @zxing/browser feeds its decoder (HTMLCanvasElementLuminanceSource, docs/scanning-findings.md §1). */
export function frameLuminance(frame: Frame): Uint8ClampedArray {
  const { rgba } = frame;
  const out = new Uint8ClampedArray(frame.width * frame.height);
  for (let i = 0, j = 0; j < out.length; i += 4, j++) {
    out[j] = (306 * rgba[i]! + 601 * rgba[i + 1]! + 117 * rgba[i + 2]! + 0x200) >> 10;
  }
  return out;
}

/**
 * Decodes a frame the way our camera engine does: @zxing/library with QR + Code 128 hints, no
 * TRY_HARDER, HybridBinarizer (docs/scanning-findings.md §1, §5). Throws NotFoundException when nothing is read.
 */
export function decodeFrame(frame: Frame): string {
  const reader = new MultiFormatReader();
  reader.setHints(new Map([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128]]]));
  const luminance = new RGBLuminanceSource(frameLuminance(frame), frame.width, frame.height);
  return reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(luminance))).getText();
}

export function framePng(frame: Frame): Buffer {
  const canvas = createCanvas(frame.width, frame.height);
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(frame.width, frame.height);
  image.data.set(frame.rgba);
  ctx.putImageData(image, 0, 0);
  return canvas.toBuffer("image/png");
}

export function writeFramePng(frame: Frame, path: string): void {
  writeFileSync(path, framePng(frame));
}

/** The e2e fake camera's view of the customer's phone (tests/e2e/support/fake-camera.ts). */
export type WalletFrameOptions = Omit<FrameOptions, "symbol" | "text" | "surroundings"> & {
  code: string;
  format: Exclude<FrameSymbol, "none">;
  /** A black bezel and dim counter around the screen (default: white surroundings). */
  darkBorder?: boolean;
};

export function renderWalletFramePng({ code, format, darkBorder = false, ...rest }: WalletFrameOptions): Buffer {
  return framePng(renderFrame({ ...rest, symbol: format, text: code, surroundings: darkBorder ? "dark" : "white" }));
}

function requireText(o: FrameOptions): string {
  if (!o.text) throw new Error(`renderFrame: symbol "${o.symbol}" needs text`);
  return o.text;
}

/** One pixel per module, scaled up nearest-neighbour by the caller. */
function linearBitmap(bcid: "code128" | "ean13" | "upca", text: string): Canvas {
  const [symbol] = bwipjs.raw(bcid, text, {});
  if (!symbol || !("sbs" in symbol)) throw new Error(`bwip-js returned no ${bcid} bars`);
  const modules = symbol.sbs.reduce((sum, width) => sum + width, 0);
  const canvas = createCanvas(modules, 1);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, modules, 1);
  ctx.fillStyle = "#000";
  let x = 0;
  symbol.sbs.forEach((width, i) => {
    if (i % 2 === 0) ctx.fillRect(x, 0, width, 1);
    x += width;
  });
  return canvas;
}

function qrBitmap(text: string): Canvas {
  const [symbol] = bwipjs.raw("qrcode", text, "eclevel=M");
  if (!symbol || !("pixs" in symbol)) throw new Error("bwip-js returned no QR modules");
  const canvas = createCanvas(symbol.pixx, symbol.pixy);
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(symbol.pixx, symbol.pixy);
  symbol.pixs.forEach((dark, i) => {
    const v = dark ? 0 : 255;
    image.data.set([v, v, v, 255], i * 4);
  });
  ctx.putImageData(image, 0, 0);
  return canvas;
}

function drawCounter(ctx: SKRSContext2D, W: number, H: number, random: () => number): void {
  const gradient = ctx.createLinearGradient(0, 0, W, H);
  gradient.addColorStop(0, "rgb(55,55,60)");
  gradient.addColorStop(1, "rgb(110,105,100)");
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, W, H);
  for (let i = 0; i < 6; i++) {
    const c = Math.round(30 + random() * 120);
    ctx.fillStyle = `rgb(${c},${c},${c})`;
    ctx.fillRect(random() * W, random() * H, (0.05 + random() * 0.25) * W, (0.05 + random() * 0.2) * H);
  }
}

/** A rounded-rectangle path (also drawn by the benchmark's hard corpus, bench/scan/hard-scene.ts). */
export function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

function toGreyPlane(rgba: Uint8ClampedArray, contrast: { dark: number; light: number }): Float32Array {
  const plane = new Float32Array(rgba.length / 4);
  const span = contrast.light - contrast.dark;
  for (let i = 0, j = 0; j < plane.length; i += 4, j++) {
    const v = (rgba[i]! * 0.299 + rgba[i + 1]! * 0.587 + rgba[i + 2]! * 0.114) / 255;
    plane[j] = contrast.dark + span * v;
  }
  return plane;
}

function toRgba(plane: Float32Array, noise: number, random: () => number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(plane.length * 4);
  for (let j = 0, i = 0; j < plane.length; j++, i += 4) {
    const v = plane[j]! + (noise > 0 ? gaussian(random) * noise : 0);
    rgba[i] = v * 1.02;
    rgba[i + 1] = v;
    rgba[i + 2] = v * 0.97;
    rgba[i + 3] = 255;
  }
  return rgba;
}

function gaussianBlur(src: Float32Array, W: number, H: number, sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(sigma * 3));
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const k = Math.exp(-(i * i) / (2 * sigma * sigma));
    kernel[i + radius] = k;
    sum += k;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= sum;
  const pass = (input: Float32Array, horizontal: boolean): Float32Array => {
    const out = new Float32Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        let acc = 0;
        for (let i = -radius; i <= radius; i++) {
          const xx = horizontal ? Math.min(W - 1, Math.max(0, x + i)) : x;
          const yy = horizontal ? y : Math.min(H - 1, Math.max(0, y + i));
          acc += input[yy * W + xx]! * kernel[i + radius]!;
        }
        out[y * W + x] = acc;
      }
    }
    return out;
  };
  return pass(pass(src, true), false);
}

function gaussian(random: () => number): number {
  let u = 0;
  let v = 0;
  while (u === 0) u = random();
  while (v === 0) v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
