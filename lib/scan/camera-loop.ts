/**
 * The camera loop both engines share: open the camera, play it into the <video>, hand the decoder
 * one frame about every 100 ms (on `requestVideoFrameCallback` where the browser has it, a timer
 * otherwise), never a second frame while one is being read, nothing while the tab is hidden, and
 * release everything the moment `stop()` is called. The engines only say how to read a frame
 * (`FrameDecoder`). Browser only; nothing runs at import time.
 */
import "client-only";
import { cameraConstraints, preferContinuousFocus, setTorch, supportsTorch } from "./camera-track";
import type { CameraDecoderHandle, CameraDecoderHandlers, CameraDecoderOptions } from "./decoder";
import { createFramePacer, DEFAULT_PACING, type FramePacerOptions } from "./frame-pacer";
import type { ScanEngineName } from "./scan-settings";
import { createScanTiming, type ScanTimingRecorder } from "./scan-timing";

export type FrameRead = {
  /** The decoded text, or null when the frame held no readable code. */
  text: string | null;
  /** Getting the frame's pixels (or bitmap) off the video, ms. */
  grabMs: number;
  /** The decoder's own time, ms (in the worker for `wasm`). */
  decodeMs: number;
  /** Whether this was a whole-frame, full-effort read. */
  full: boolean;
};

export type FrameDecoder = {
  readonly engine: ScanEngineName;
  /**
   * Reads the video's current frame. `attempt` counts this session's reads from 0 (the engine
   * decides the region and effort from it). Rejects only when something broke, not on a miss.
   */
  read(video: HTMLVideoElement, attempt: number): Promise<FrameRead>;
  /** Frees what this session holds (not what the tab shares, such as the wasm worker). */
  close(): void;
};

export type DecoderSource = { engine: ScanEngineName; create(): Promise<FrameDecoder> };

export type CameraLoopSpec = {
  /** The engine the settings asked for (published in the timing snapshot). */
  engine: ScanEngineName;
  decoder: DecoderSource;
  /** Taken when `decoder` cannot start, e.g. the wasm binary did not load. */
  fallback?: DecoderSource;
  pacing?: FramePacerOptions;
  /** For tests. */
  timing?: ScanTimingRecorder;
};

/** A decoder that throws this many times in a row is broken: the loop reports it and stops. */
const MAX_FAILED_READS_IN_A_ROW = 10;
/** With `requestVideoFrameCallback`, a timer still ticks if no video frame came for this long. */
const FRAME_CALLBACK_WATCHDOG_MS = 500;
/** How often the timer looks again while the video has no frame yet. */
const NO_FRAME_POLL_MS = 20;
/** HTMLMediaElement.HAVE_CURRENT_DATA */
const HAVE_CURRENT_DATA = 2;

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

export function startCameraLoop(
  video: HTMLVideoElement,
  options: CameraDecoderOptions,
  handlers: CameraDecoderHandlers,
  spec: CameraLoopSpec,
): CameraDecoderHandle {
  const now = () => performance.now();
  const timing = spec.timing ?? createScanTiming(spec.engine);
  const pacer = createFramePacer(spec.pacing ?? DEFAULT_PACING);
  const hasFrameCallback = typeof video.requestVideoFrameCallback === "function";
  let stopped = false;
  let stream: MediaStream | null = null;
  /** The video is playing and `onStarted` was called: frames may be read. */
  let playing = false;
  let decoder: FrameDecoder | null = null;
  let frameCallback: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastFrameCallbackAt = Number.NEGATIVE_INFINITY;
  let attempt = 0;
  let failuresInRow = 0;

  const hidden = () => typeof document !== "undefined" && document.visibilityState === "hidden";
  const hasFrame = () => video.readyState >= HAVE_CURRENT_DATA && video.videoWidth > 0;

  const teardown = () => {
    stopped = true;
    if (frameCallback !== null) video.cancelVideoFrameCallback?.(frameCallback);
    frameCallback = null;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    document.removeEventListener("visibilitychange", onVisibilityChange);
    if (stream) stopStream(stream);
    video.srcObject = null;
    decoder?.close();
    decoder = null;
  };

  const fail = (error: unknown) => {
    if (stopped) return;
    teardown();
    timing.end("error");
    handlers.onError(error);
  };

  const read = async (current: FrameDecoder) => {
    const n = attempt++;
    pacer.sent(now());
    try {
      const result = await current.read(video, n);
      if (stopped) return;
      failuresInRow = 0;
      timing.frame(result, result.text !== null);
      // May call stop() (the scanner took the code).
      if (result.text !== null) handlers.onResult(result.text);
    } catch (error) {
      if (stopped) return;
      // A frame the browser could not hand over (e.g. while the track changes) is skipped.
      if (++failuresInRow >= MAX_FAILED_READS_IN_A_ROW) fail(error);
    } finally {
      pacer.finished();
      schedule();
    }
  };

  /** Sends the current frame if the pacer allows it. */
  const tick = () => {
    if (stopped || !hasFrame()) return;
    timing.firstFrame();
    if (decoder && pacer.nextSendIn(now()) === 0) void read(decoder);
  };

  const onVideoFrame = () => {
    frameCallback = null;
    lastFrameCallbackAt = now();
    tick();
    armFrameCallback();
  };

  const armFrameCallback = () => {
    if (!stopped && hasFrameCallback && frameCallback === null)
      frameCallback = video.requestVideoFrameCallback(onVideoFrame);
  };

  /**
   * The timer: the loop's clock without `requestVideoFrameCallback`, and with it a watchdog in
   * case video frames stop being reported. Called after every event that can change what is next.
   */
  function schedule() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (stopped || !playing || !decoder) return;
    armFrameCallback();
    const wait = pacer.nextSendIn(now());
    // In flight, or hidden and paused: read completion or visibilitychange calls us again.
    if (wait === null) return;
    const frameCallbacksAlive = () => hasFrameCallback && now() - lastFrameCallbackAt < FRAME_CALLBACK_WATCHDOG_MS;
    const delay = frameCallbacksAlive()
      ? FRAME_CALLBACK_WATCHDOG_MS
      : Math.max(wait, hasFrame() ? 0 : NO_FRAME_POLL_MS);
    timer = setTimeout(() => {
      timer = null;
      if (!frameCallbacksAlive()) tick();
      if (!pacer.inFlight) schedule();
    }, delay);
  }

  function onVisibilityChange() {
    pacer.setHidden(hidden());
    schedule();
  }

  const decoderReady = spec.decoder
    .create()
    .catch((error: unknown) => {
      if (!spec.fallback || stopped) throw error;
      console.warn(
        `[scan] the ${spec.decoder.engine} engine is unavailable; reading with ${spec.fallback.engine}:`,
        error,
      );
      timing.fellBack(error instanceof Error ? error.message : String(error));
      return spec.fallback.create();
    })
    .then((created) => {
      if (stopped) return created.close();
      decoder = created;
      timing.engine(created.engine);
      schedule();
    });
  decoderReady.catch(fail);

  const run = async () => {
    // Opened by us, not by a library, so a stop() that lands while the permission prompt is up
    // releases the camera the moment it opens (docs/scanning-findings.md §2, browser#28).
    const opened = await navigator.mediaDevices.getUserMedia(cameraConstraints(options.deviceId));
    if (stopped) return stopStream(opened);
    stream = opened;
    video.srcObject = opened;
    video.muted = true;
    try {
      await video.play();
    } catch (error) {
      // stop() cleared srcObject while play() was pending: an AbortError nobody needs.
      if (stopped) return;
      throw error;
    }
    if (stopped) return;
    const track = opened.getVideoTracks()[0] ?? null;
    if (track) void preferContinuousFocus(track);
    timing.cameraReady(video.videoWidth, video.videoHeight);
    if (!hasFrameCallback && hasFrame()) timing.firstFrame();
    pacer.setHidden(hidden());
    document.addEventListener("visibilitychange", onVisibilityChange);
    playing = true;
    handlers.onStarted({
      track,
      ...(track && supportsTorch(track) && { setTorch: (on: boolean) => setTorch(track, on) }),
    });
    schedule();
  };

  run().catch((error: unknown) => {
    if (stream) stopStream(stream);
    fail(error);
  });

  return {
    stop() {
      if (stopped) return;
      teardown();
      timing.end("stopped");
    },
  };
}
