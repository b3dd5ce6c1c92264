/**
 * Messages between the page and the zxing-wasm reader worker (`zxing-wasm.worker.ts`). Types only.
 */
import type { ReadMode, ReadStep } from "./wasm-reader-options";

export type ToWorker =
  /** Load and compile the reader binary from `wasmUrl` (our own origin, never a CDN). */
  | { type: "init"; wasmUrl: string }
  /**
   * Read one frame, already cut to the read plan's region, by running the plan's `steps`
   * (`readPlanFor`, `read-plan-runner.ts`) until one yields text. The image is transferred.
   */
  | { type: "read"; id: number; steps: ReadStep[]; mode?: ReadMode; image: ImageBitmap }
  /** The same as raw RGBA, where the worker cannot draw an ImageBitmap (no OffscreenCanvas 2D). */
  | {
      type: "read";
      id: number;
      steps: ReadStep[];
      /** Absent: "payment". "product": the text is the normalised product barcode (`productCodeOfRead`). */
      mode?: ReadMode;
      pixels: { data: ArrayBuffer; width: number; height: number };
    };

export type FromWorker =
  /** `canDrawBitmaps`: the worker has OffscreenCanvas 2D, so send `image` rather than `pixels`. */
  | { type: "ready"; compileMs: number; canDrawBitmaps: boolean }
  | { type: "init-failed"; message: string }
  /**
   * `step`: which step read the text (null when none did). `drawMs`: getting the pixels out of the
   * bitmap in the worker; `decodeMs`: running the steps.
   */
  | { type: "result"; id: number; text: string | null; step: ReadStep["kind"] | null; decodeMs: number; drawMs: number }
  | { type: "read-failed"; id: number; message: string };
