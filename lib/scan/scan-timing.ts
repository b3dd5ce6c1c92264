/**
 * What one camera session measured, for the benchmark's Chromium run on the real sale screen and
 * for a look on a real device (DevTools: `__scantillScan`). Published as
 *
 * - `performance.mark("scan:start")`: the scanner asked for the camera;
 * - `performance.mark("scan:first-frame")`: the camera's first frame reached the loop;
 * - `performance.mark("scan:decoded")`: the first frame that decoded to any text;
 * - `performance.measure("scan:first-decode", "scan:first-frame", "scan:decoded")`: the time in
 *   between, i.e. the benchmark's `first_decode_ms`;
 * - `window.__scantillScan`: a `ScanTimingSnapshot` (below), replaced at each session's start and
 *   updated as it runs.
 *
 * The marks of the previous session are cleared when a new one starts, so there is at most one of
 * each. The decoded text itself is never published (payment codes are single-use secrets).
 */
import type { ScanEngineName } from "./scan-settings";

const SCAN_MARKS = {
  start: "scan:start",
  firstFrame: "scan:first-frame",
  decoded: "scan:decoded",
  firstDecode: "scan:first-decode",
} as const;

export type ScanSessionState = "starting" | "scanning" | "decoded" | "stopped" | "error";

export type ScanTimingSnapshot = {
  /** The engine that read the frames (`wasm` falls back to `zxing-js` if the wasm cannot load). */
  engine: ScanEngineName;
  /** The engine the settings asked for. */
  requestedEngine: ScanEngineName;
  /** Why `engine` is not `requestedEngine` (the first engine's error), or null: a fallback is never silent. */
  fallbackReason: string | null;
  /** 1, 2, …: one per camera start in this tab. */
  session: number;
  state: ScanSessionState;
  /** `performance.now()` values (ms since the page's time origin), or null until it happened. */
  startedAt: number;
  cameraReadyAt: number | null;
  firstFrameAt: number | null;
  decodedAt: number | null;
  /** `decodedAt - firstFrameAt`. */
  firstDecodeMs: number | null;
  /** Frames handed to the decoder, and how many of them were full-effort whole-frame reads. */
  attempts: number;
  fullAttempts: number;
  /** Median decoder time per frame (in the worker for `wasm`), and median frame grab time. */
  decodeMsMedian: number | null;
  grabMsMedian: number | null;
  /** The camera's frame size. */
  frameWidth: number | null;
  frameHeight: number | null;
};

export type TimingSink = {
  mark(name: string): void;
  measure(name: string, start: string, end: string): void;
  clear(): void;
  publish(snapshot: ScanTimingSnapshot): void;
};

export type FrameSample = { grabMs: number; decodeMs: number; full: boolean };

export type ScanTimingRecorder = {
  cameraReady(width: number, height: number): void;
  firstFrame(): void;
  /** A frame was read; `decoded`: it held text. Only the first decode is timed. */
  frame(sample: FrameSample, decoded: boolean): void;
  engine(engine: ScanEngineName): void;
  /** The requested engine could not start; the fallback reads instead. */
  fellBack(reason: string): void;
  end(state: Extract<ScanSessionState, "stopped" | "error">): void;
  snapshot(): ScanTimingSnapshot;
};

let sessions = 0;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 100) / 100;
}

/** Keeps the last this many samples for the medians (a long session must not grow without end). */
const MAX_SAMPLES = 600;

export function createScanTiming(
  requestedEngine: ScanEngineName,
  sink: TimingSink = browserTimingSink(),
  now: () => number = () => performance.now(),
): ScanTimingRecorder {
  sessions += 1;
  const grabs: number[] = [];
  const decodes: number[] = [];
  const snap: ScanTimingSnapshot = {
    engine: requestedEngine,
    requestedEngine,
    fallbackReason: null,
    session: sessions,
    state: "starting",
    startedAt: now(),
    cameraReadyAt: null,
    firstFrameAt: null,
    decodedAt: null,
    firstDecodeMs: null,
    attempts: 0,
    fullAttempts: 0,
    decodeMsMedian: null,
    grabMsMedian: null,
    frameWidth: null,
    frameHeight: null,
  };
  // A session that ends after a newer one began (a quick stop/start) must not overwrite its numbers.
  const current = () => snap.session === sessions;
  const publish = () => {
    if (current()) sink.publish({ ...snap });
  };
  const mark = (name: string) => {
    if (current()) sink.mark(name);
  };
  sink.clear();
  sink.mark(SCAN_MARKS.start);
  publish();

  return {
    cameraReady(width, height) {
      snap.cameraReadyAt = now();
      snap.frameWidth = width;
      snap.frameHeight = height;
      if (snap.state === "starting") snap.state = "scanning";
      publish();
    },
    firstFrame() {
      if (snap.firstFrameAt !== null) return;
      snap.firstFrameAt = now();
      mark(SCAN_MARKS.firstFrame);
      publish();
    },
    frame(sample, decoded) {
      snap.attempts += 1;
      if (sample.full) snap.fullAttempts += 1;
      grabs.push(sample.grabMs);
      decodes.push(sample.decodeMs);
      if (grabs.length > MAX_SAMPLES) grabs.shift();
      if (decodes.length > MAX_SAMPLES) decodes.shift();
      snap.grabMsMedian = median(grabs);
      snap.decodeMsMedian = median(decodes);
      if (decoded && snap.decodedAt === null) {
        snap.decodedAt = now();
        snap.state = "decoded";
        mark(SCAN_MARKS.decoded);
        if (snap.firstFrameAt !== null) {
          snap.firstDecodeMs = Math.round((snap.decodedAt - snap.firstFrameAt) * 100) / 100;
          if (current()) sink.measure(SCAN_MARKS.firstDecode, SCAN_MARKS.firstFrame, SCAN_MARKS.decoded);
        }
      }
      publish();
    },
    engine(engine) {
      snap.engine = engine;
      publish();
    },
    fellBack(reason) {
      snap.fallbackReason = reason.slice(0, 200);
      publish();
    },
    end(state) {
      if (snap.state !== "decoded") snap.state = state;
      publish();
    },
    snapshot: () => ({ ...snap }),
  };
}

declare global {
  interface Window {
    __scantillScan?: ScanTimingSnapshot;
  }
}

/** Performance marks and `window.__scantillScan`; silent where an API is missing. */
function browserTimingSink(): TimingSink {
  const perf = globalThis.performance;
  const names = Object.values(SCAN_MARKS);
  return {
    mark(name) {
      try {
        perf?.mark?.(name);
      } catch {
        // Old browsers: the snapshot still has the numbers.
      }
    },
    measure(name, start, end) {
      try {
        perf?.measure?.(name, start, end);
      } catch {
        // As above.
      }
    },
    clear() {
      try {
        for (const name of names) {
          perf?.clearMarks?.(name);
          perf?.clearMeasures?.(name);
        }
      } catch {
        // As above.
      }
    },
    publish(snapshot) {
      if (typeof window !== "undefined") window.__scantillScan = snapshot;
    },
  };
}
