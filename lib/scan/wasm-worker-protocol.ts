/**
 * Messages between the page and the zxing-wasm reader worker (`zxing-wasm.worker.ts`). Types only.
 */

export type ToWorker =
  /** Load and compile the reader binary from `wasmUrl` (our own origin, never a CDN). */
  | { type: "init"; wasmUrl: string }
  /**
   * Read one frame, already cropped to the region to read. `full`: whole frame, full effort
   * (`FULL_OPTIONS`); otherwise the centre region, fast (`FAST_OPTIONS`). The image is transferred.
   */
  | { type: "read"; id: number; full: boolean; image: ImageBitmap }
  /** The same as raw RGBA, where the worker cannot draw an ImageBitmap (no OffscreenCanvas 2D). */
  | { type: "read"; id: number; full: boolean; pixels: { data: ArrayBuffer; width: number; height: number } };

export type FromWorker =
  /** `canDrawBitmaps`: the worker has OffscreenCanvas 2D, so send `image` rather than `pixels`. */
  | { type: "ready"; compileMs: number; canDrawBitmaps: boolean }
  | { type: "init-failed"; message: string }
  | { type: "result"; id: number; text: string | null; format: string | null; decodeMs: number }
  | { type: "read-failed"; id: number; message: string };
