/**
 * The default decoder (docs/scanning-findings.md §7): ZXing-C++ as WebAssembly, off the main thread. One
 * worker per tab, created when the sale screen opens (`zxing-wasm-client.ts`); it compiles the
 * reader binary once and then reads one frame at a time by running the read plan's steps
 * (`read-plan-runner.ts`, docs/scanning.md; the benchmark runs the same code in Node).
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from "zxing-wasm/reader";
import { runReadPlan, type Decode } from "./read-plan-runner";
import type { Rgba } from "./scan-lines";
import { FAST_OPTIONS, FULL_OPTIONS, productCodeOfRead, READ_PLAN_PERIOD, readPlanFor } from "./wasm-reader-options";
import { WARMUP_PNG_BASE64 } from "./wasm-warmup-image";
import type { FromWorker, ToWorker } from "./wasm-worker-protocol";

type Scope = {
  postMessage(message: FromWorker): void;
  addEventListener(type: "message", listener: (event: MessageEvent<ToWorker>) => void): void;
};
const scope = globalThis as unknown as Scope;

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function canDrawBitmaps(): boolean {
  try {
    return typeof OffscreenCanvas === "function" && new OffscreenCanvas(1, 1).getContext("2d") !== null;
  } catch {
    return false;
  }
}

/** One reusable canvas; `willReadFrequently` keeps it on the CPU, where getImageData is cheap. */
function pixelsOf(image: ImageBitmap): ImageData {
  const { width, height } = image;
  if (!canvas || !context) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("no OffscreenCanvas 2D context");
  }
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  context.drawImage(image, 0, 0);
  return context.getImageData(0, 0, width, height);
}

/** The first valid text zxing-wasm reads in an image, or null. */
const decode: Decode = async (image: Rgba, options: ReaderOptions) => {
  const results = await readBarcodes(image as unknown as ImageData, options);
  return results.find((result) => result.isValid && result.text !== "")?.text ?? null;
};

/** The product mode's: the first result that is a valid product barcode, normalised, or null. */
const decodeProduct: Decode = async (image: Rgba, options: ReaderOptions) => {
  const results = await readBarcodes(image as unknown as ImageData, options);
  for (const result of results) {
    const code = result.isValid ? productCodeOfRead(result) : null;
    if (code !== null) return code;
  }
  return null;
};

/** Reads a small picture of both symbologies, the way frames are read, so the first camera frame does not pay for the engine's first run. */
async function warmUp(bitmaps: boolean): Promise<void> {
  const png = Uint8Array.from(atob(WARMUP_PNG_BASE64), (c) => c.charCodeAt(0));
  if (!bitmaps) {
    await readBarcodes(png, FAST_OPTIONS);
    await readBarcodes(png, FULL_OPTIONS);
    return;
  }
  const image = await createImageBitmap(new Blob([png], { type: "image/png" }));
  let pixels: ImageData;
  try {
    pixels = pixelsOf(image);
  } finally {
    image.close();
  }
  // One period of the plan: every step's code (locator, lines, QR, full effort) runs once.
  for (let attempt = 0; attempt < READ_PLAN_PERIOD; attempt++)
    await runReadPlan(pixels, readPlanFor(attempt, pixels.width, pixels.height).steps, decode);
}

async function init(wasmUrl: string): Promise<void> {
  const started = performance.now();
  try {
    await prepareZXingModule({
      // Without this zxing-wasm fetches the binary from jsDelivr (docs/scanning-findings.md §6).
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path) },
      fireImmediately: true,
    });
  } catch (error) {
    scope.postMessage({ type: "init-failed", message: String(error) });
    return;
  }
  const bitmaps = canDrawBitmaps();
  const compileMs = performance.now() - started;
  // Ready once warm: the read plan's JavaScript (locator, lines) runs unoptimised the first times,
  // and a camera frame that arrived during the warm-up would wait behind it. The sale screen
  // preloads the worker, so the warm-up is long done when the cashier opens the camera.
  await warmUp(bitmaps).catch(() => undefined);
  scope.postMessage({ type: "ready", compileMs, canDrawBitmaps: bitmaps });
}

async function read(message: Extract<ToWorker, { type: "read" }>): Promise<void> {
  const { id, steps } = message;
  try {
    const drawStarted = performance.now();
    let frame: Rgba;
    if ("image" in message) {
      try {
        frame = pixelsOf(message.image);
      } finally {
        message.image.close();
      }
    } else {
      const { data, width, height } = message.pixels;
      // zxing-wasm trusts the size: a short buffer would have it read past the pixels.
      if (!(width > 0 && height > 0 && data.byteLength === width * height * 4)) {
        throw new RangeError(`bad frame: ${data.byteLength} bytes for ${width}×${height}`);
      }
      frame = { data: new Uint8ClampedArray(data), width, height };
    }
    const started = performance.now();
    const { text, step } = await runReadPlan(frame, steps, message.mode === "product" ? decodeProduct : decode);
    const decodeMs = performance.now() - started;
    scope.postMessage({ type: "result", id, text, step, decodeMs, drawMs: started - drawStarted });
  } catch (error) {
    scope.postMessage({ type: "read-failed", id, message: String(error) });
  }
}

scope.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "init") void init(message.wasmUrl);
  else if (message.type === "read") void read(message);
});
