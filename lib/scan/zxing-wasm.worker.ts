/**
 * The default decoder (scanning FINDINGS §7): ZXing-C++ as WebAssembly, off the main thread. One
 * worker per tab, created when the sale screen opens (`zxing-wasm-client.ts`); it compiles the
 * reader binary once and then reads one frame at a time, QR + Code 128 only, with the shared
 * options of `wasm-reader-options.ts` (the benchmark reads frames with the same ones).
 */
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { FAST_OPTIONS, FULL_OPTIONS } from "./wasm-reader-options";
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

/**
 * Reads a small picture of both symbologies, the way frames are read, so the first camera frame
 * does not pay for the engine's first run. A frame that arrives meanwhile waits its turn.
 */
async function warmUp(bitmaps: boolean): Promise<void> {
  const png = Uint8Array.from(atob(WARMUP_PNG_BASE64), (c) => c.charCodeAt(0));
  let input: ImageData | Uint8Array = png;
  if (bitmaps) {
    const image = await createImageBitmap(new Blob([png], { type: "image/png" }));
    try {
      input = pixelsOf(image);
    } finally {
      image.close();
    }
  }
  await readBarcodes(input, FAST_OPTIONS);
  await readBarcodes(input, FULL_OPTIONS);
}

async function init(wasmUrl: string): Promise<void> {
  const started = performance.now();
  try {
    await prepareZXingModule({
      // Without this zxing-wasm fetches the binary from jsDelivr (FINDINGS §6).
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path) },
      fireImmediately: true,
    });
  } catch (error) {
    scope.postMessage({ type: "init-failed", message: String(error) });
    return;
  }
  const bitmaps = canDrawBitmaps();
  scope.postMessage({ type: "ready", compileMs: performance.now() - started, canDrawBitmaps: bitmaps });
  await warmUp(bitmaps).catch(() => undefined);
}

async function read(message: Extract<ToWorker, { type: "read" }>): Promise<void> {
  const { id, full } = message;
  try {
    let input: ImageData | { data: Uint8ClampedArray; width: number; height: number };
    if ("image" in message) {
      try {
        input = pixelsOf(message.image);
      } finally {
        message.image.close();
      }
    } else {
      const { data, width, height } = message.pixels;
      // zxing-wasm trusts the size: a short buffer would have it read past the pixels.
      if (!(width > 0 && height > 0 && data.byteLength === width * height * 4)) {
        throw new RangeError(`bad frame: ${data.byteLength} bytes for ${width}×${height}`);
      }
      input = { data: new Uint8ClampedArray(data), width, height };
    }
    const started = performance.now();
    const [first] = await readBarcodes(input as ImageData, full ? FULL_OPTIONS : FAST_OPTIONS);
    const decodeMs = performance.now() - started;
    const hit = first && first.isValid ? first : null;
    scope.postMessage({ type: "result", id, text: hit ? hit.text : null, format: hit ? hit.format : null, decodeMs });
  } catch (error) {
    scope.postMessage({ type: "read-failed", id, message: String(error) });
  }
}

scope.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "init") void init(message.wasmUrl);
  else if (message.type === "read") void read(message);
});
