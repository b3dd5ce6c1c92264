/**
 * The camera decoder as the UI sees it: start on a <video>, get decoded texts, stop. Two engines
 * implement `CameraDecoderEngine`, both on the shared camera loop (`camera-loop.ts`):
 * - `wasm` (default): zxing-wasm in a Web Worker (`zxing-wasm-engine.ts`, docs/scanning-findings.md §7);
 * - `zxing-js`: `@zxing/browser` with our Code 128 fix, on the main thread (`zxing-browser-engine.ts`).
 * The `SCAN_ENGINE` setting picks one; the server page passes it down as a prop.
 */
import { cameraApiProblem } from "./camera-errors";
import { DEFAULT_SCAN_ENGINE, type ScanEngineName } from "./scan-settings";
import type { ReadMode } from "./wasm-reader-options";

export type StartedCamera = {
  /** The live video track (for its label and settings). */
  track: MediaStreamTrack | null;
  /** Present only when the track reports a torch (docs/scanning-findings.md §2: not on older iOS). */
  setTorch?: (on: boolean) => Promise<void>;
};

export type CameraDecoderHandlers = {
  /** The preview is playing and decoding has begun. */
  onStarted(camera: StartedCamera): void;
  /** A decoded text, unvalidated. Keeps coming (about 10 a second) until `stop()`. */
  onResult(text: string): void;
  /** The camera could not start, or the decode loop died. Classify with `classifyCameraError`. */
  onError(error: unknown): void;
};

export type CameraDecoderOptions = {
  /** A camera picked by the cashier; default: the rear camera. */
  deviceId?: string;
  /** Default "payment" (wallet codes); "product": product barcodes, each read normalised. */
  mode?: ReadMode;
};

export type CameraDecoderHandle = {
  /** Stops decoding and releases the camera. Safe at any moment, including before it started. */
  stop(): void;
};

export type CameraDecoderEngine = {
  /**
   * Give each start its own <video> element: a stop that lands late may clear the `srcObject` of
   * the element its session was given.
   */
  start(video: HTMLVideoElement, options: CameraDecoderOptions, handlers: CameraDecoderHandlers): CameraDecoderHandle;
};

/** Engines are imported on demand: @zxing/browser alone is ~125 KB gzip (docs/scanning-findings.md §1). */
const ENGINE_LOADERS: Record<ScanEngineName, () => Promise<CameraDecoderEngine>> = {
  wasm: () => import("./zxing-wasm-engine").then((module) => module.wasmEngine),
  "zxing-js": () => import("./zxing-browser-engine").then((module) => module.zxingBrowserEngine),
};

export function engineLoader(engine: ScanEngineName): () => Promise<CameraDecoderEngine> {
  return ENGINE_LOADERS[engine];
}

const loadDefaultEngine = engineLoader(DEFAULT_SCAN_ENGINE);

/**
 * Call when the sale screen opens: fetches the engine's code and, for `wasm`, starts the worker
 * that downloads and compiles the reader binary, so the first frame is read without waiting.
 */
export function preloadScanEngine(engine: ScanEngineName): void {
  if (typeof window === "undefined") return;
  if (engine === "wasm") {
    void import("./zxing-wasm-client").then((module) => module.preloadWasmReader()).catch(() => undefined);
  }
  void ENGINE_LOADERS[engine]().catch(() => undefined);
}

/**
 * Starts the camera and decoder. Returns at once; `stop()` may come before the engine has even
 * loaded (the scanner closed quickly), and then no camera is ever opened.
 */
export function startCameraDecoder(
  video: HTMLVideoElement,
  options: CameraDecoderOptions,
  handlers: CameraDecoderHandlers,
  loadEngine: () => Promise<CameraDecoderEngine> = loadDefaultEngine,
): CameraDecoderHandle {
  let stopped = false;
  let running: CameraDecoderHandle | null = null;
  const live: CameraDecoderHandlers = {
    onStarted: (camera) => {
      if (!stopped) handlers.onStarted(camera);
    },
    onResult: (text) => {
      if (!stopped) handlers.onResult(text);
    },
    onError: (error) => {
      if (!stopped) handlers.onError(error);
    },
  };

  const problem = cameraApiProblem({
    isSecureContext: globalThis.isSecureContext,
    hasGetUserMedia: typeof globalThis.navigator?.mediaDevices?.getUserMedia === "function",
  });
  if (problem) {
    queueMicrotask(() => live.onError(problem));
  } else {
    loadEngine().then(
      (engine) => {
        if (!stopped) running = engine.start(video, options, live);
      },
      (error: unknown) => live.onError(error),
    );
  }

  return {
    stop() {
      stopped = true;
      running?.stop();
      running = null;
    },
  };
}
