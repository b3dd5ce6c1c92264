/**
 * The default engine (docs/scanning-findings.md §7): frames go to the zxing-wasm worker with the steps the
 * read plan names for that attempt (`readPlanFor` in `wasm-reader-options.ts`, shared with the
 * benchmark; docs/scanning.md). The plan's region is cut by `createImageBitmap(video, x, y, w, h)`
 * and the bitmap transferred, so the main thread neither copies pixels nor decodes. If the binary
 * cannot load, the loop reads with zxing-js instead. Browser only: imported on demand.
 */
import { startCameraLoop, type FrameDecoder } from "./camera-loop";
import type { CameraDecoderEngine } from "./decoder";
import { readPlanForMode, type ReadMode } from "./wasm-reader-options";
import { preloadWasmReader, type WasmReader } from "./zxing-wasm-client";

type FrameRegion = { x: number; y: number; width: number; height: number };

export function createWasmFrameDecoder(
  reader: WasmReader,
  canDrawBitmaps: boolean,
  mode: ReadMode = "payment",
): FrameDecoder {
  const useBitmaps = canDrawBitmaps && typeof createImageBitmap === "function";
  let canvas: HTMLCanvasElement | null = null;
  let context: CanvasRenderingContext2D | null = null;

  /** Where the worker cannot draw bitmaps (old Safari): copy the region out here, transfer the bytes. */
  const pixelsOf = (video: HTMLVideoElement, region: FrameRegion): ImageData => {
    canvas ??= document.createElement("canvas");
    if (canvas.width !== region.width || canvas.height !== region.height) {
      canvas.width = region.width;
      canvas.height = region.height;
    }
    context ??= canvas.getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("no 2D canvas context");
    context.drawImage(video, region.x, region.y, region.width, region.height, 0, 0, region.width, region.height);
    return context.getImageData(0, 0, region.width, region.height);
  };

  return {
    engine: "wasm",
    async read(video, attempt) {
      const plan = readPlanForMode(mode, attempt, video.videoWidth, video.videoHeight);
      const started = performance.now();
      // The payment mode's message is the one from before there was a product mode.
      const tagged = mode === "product" ? { steps: plan.steps, mode } : { steps: plan.steps };
      const frame = useBitmaps
        ? { ...tagged, image: await createImageBitmap(video, plan.x, plan.y, plan.width, plan.height) }
        : { ...tagged, pixels: pixelsOf(video, plan) };
      const grabMs = performance.now() - started;
      const reply = await reader.read(frame);
      // The grab includes the worker's drawImage + getImageData of the bitmap.
      return { text: reply.text, grabMs: grabMs + reply.drawMs, decodeMs: reply.decodeMs, full: plan.full };
    },
    close() {
      if (canvas) canvas.width = canvas.height = 0;
    },
  };
}

export const wasmEngine: CameraDecoderEngine = {
  start: (video, options, handlers) =>
    startCameraLoop(video, options, handlers, {
      engine: "wasm",
      decoder: {
        engine: "wasm",
        create: async () => {
          const reader = preloadWasmReader();
          const { canDrawBitmaps } = await reader.ready;
          return createWasmFrameDecoder(reader, canDrawBitmaps, options.mode);
        },
      },
      fallback: {
        engine: "zxing-js",
        create: () => import("./zxing-browser-engine").then((module) => module.createZxingFrameDecoder(options.mode)),
      },
    }),
};
