/**
 * The alternative engine and the benchmark baseline: `@zxing/browser` (needs the Code 128 patch in
 * `patches/`, docs/scanning-findings.md §3.1), reading on the main thread. Each read does what @zxing/browser's own
 * scan loop does per attempt (docs/scanning-findings.md §1): draw the whole frame on one reused canvas, then
 * `decodeFromCanvas` (grey conversion, HybridBinarizer, MultiFormatReader). The camera and the
 * pacing are the shared loop's (`camera-loop.ts`). Browser only: imported on demand.
 */
import "client-only";
import { BrowserMultiFormatReader } from "@zxing/browser";
import { BarcodeFormat, ChecksumException, DecodeHintType, FormatException, NotFoundException } from "@zxing/library";
import { startCameraLoop, type FrameDecoder } from "./camera-loop";
import type { CameraDecoderEngine } from "./decoder";
import { productCodeOfRead, type ReadMode } from "./wasm-reader-options";

/**
 * docs/scanning-findings.md §5/§7: only the two symbologies wallets show (3–5× cheaper per frame than all formats,
 * and no phantom reads); no TRY_HARDER (3–7× the cost for a few points of Code 128).
 */
function walletCodeHints(): Map<DecodeHintType, unknown> {
  return new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128]],
  ]);
}

/** The product mode's symbologies (`PRODUCT_FORMATS`), by zxing-wasm's names for `productCodeOfRead`. */
const PRODUCT_FORMAT_NAMES = new Map<BarcodeFormat, string>([
  [BarcodeFormat.EAN_13, "EAN13"],
  [BarcodeFormat.EAN_8, "EAN8"],
  [BarcodeFormat.UPC_A, "UPCA"],
  [BarcodeFormat.UPC_E, "UPCE"],
  [BarcodeFormat.CODE_128, "Code128"],
]);

function productCodeHints(): Map<DecodeHintType, unknown> {
  return new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, [...PRODUCT_FORMAT_NAMES.keys()]]]);
}

/** What the reader throws on every frame without a code; anything else is a real failure. */
function isMiss(error: unknown): boolean {
  return error instanceof NotFoundException || error instanceof ChecksumException || error instanceof FormatException;
}

export function createZxingFrameDecoder(mode: ReadMode = "payment"): FrameDecoder {
  const reader = new BrowserMultiFormatReader(mode === "product" ? productCodeHints() : walletCodeHints());
  const canvas = document.createElement("canvas");
  let context: CanvasRenderingContext2D | null = null;

  return {
    engine: "zxing-js",
    async read(video) {
      const { videoWidth: width, videoHeight: height } = video;
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      context ??= canvas.getContext("2d", { willReadFrequently: true });
      if (!context) throw new Error("no 2D canvas context");
      const started = performance.now();
      context.drawImage(video, 0, 0);
      const drawn = performance.now();
      let text: string | null = null;
      try {
        const result = reader.decodeFromCanvas(canvas);
        text =
          mode === "product"
            ? productCodeOfRead({
                text: result.getText(),
                format: PRODUCT_FORMAT_NAMES.get(result.getBarcodeFormat()) ?? "",
              })
            : result.getText();
      } catch (error) {
        if (!isMiss(error)) throw error;
      }
      return { text, grabMs: drawn - started, decodeMs: performance.now() - drawn, full: true };
    },
    close() {
      canvas.width = 0;
      canvas.height = 0;
    },
  };
}

export const zxingBrowserEngine: CameraDecoderEngine = {
  start: (video, options, handlers) =>
    startCameraLoop(video, options, handlers, {
      engine: "zxing-js",
      decoder: { engine: "zxing-js", create: async () => createZxingFrameDecoder(options.mode) },
    }),
};
