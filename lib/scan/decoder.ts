/**
 * The camera decoder as the UI sees it: start on a <video>, get decoded texts, stop. Engines (today
 * `@zxing/browser`; a zxing-wasm worker later, FINDINGS §7) implement `CameraDecoderEngine` and own
 * both the camera stream and the decode loop.
 */
import { cameraApiProblem } from "./camera-errors";

export type StartedCamera = {
  /** The live video track (for its label and settings). */
  track: MediaStreamTrack | null;
  /** Present only when the track reports a torch (FINDINGS §2: not on older iOS). */
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

/** The engine is imported on demand: @zxing/browser alone is ~125 KB gzip (FINDINGS §1). */
export const loadDefaultEngine = (): Promise<CameraDecoderEngine> =>
  import("./zxing-browser-engine").then((module) => module.zxingBrowserEngine);

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
