/**
 * Camera plumbing without a camera: error classification, constraints, the stop-before-start races
 * (docs/scanning-findings.md §2, browser#28/#131), and the shared camera loop on a fake clock (pacing, one frame in
 * flight, hidden tab, fallback engine, timing) with both engines' frame readers.
 */
import { BarcodeFormat, DecodeHintType, NotFoundException, Result } from "@zxing/library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cameraApiProblem, CameraUnavailableError, classifyCameraError } from "@/lib/scan/camera-errors";
import { startCameraLoop, type CameraLoopSpec, type FrameDecoder, type FrameRead } from "@/lib/scan/camera-loop";
import { cameraConstraints } from "@/lib/scan/camera-track";
import { startCameraDecoder, type CameraDecoderEngine, type CameraDecoderHandlers } from "@/lib/scan/decoder";
import { createScanTiming, type ScanTimingSnapshot, type TimingSink } from "@/lib/scan/scan-timing";
import { FULL_EFFORT_EVERY, readPlanFor } from "@/lib/scan/wasm-reader-options";
import type { WasmReader } from "@/lib/scan/zxing-wasm-client";

const reader = vi.hoisted(() => ({
  constructed: [] as { hints: Map<unknown, unknown> }[],
  decodeFromCanvas: vi.fn(),
}));

vi.mock("@zxing/browser", () => ({
  BrowserMultiFormatReader: class {
    constructor(hints: Map<unknown, unknown>) {
      reader.constructed.push({ hints });
    }
    decodeFromCanvas(...args: unknown[]) {
      return reader.decodeFromCanvas(...args);
    }
  },
}));

// The client module creates a Worker only when called; the engine module imports it.
vi.mock("@/lib/scan/zxing-wasm-client", () => ({ preloadWasmReader: vi.fn() }));

const { createZxingFrameDecoder } = await import("@/lib/scan/zxing-browser-engine");
const { createWasmFrameDecoder } = await import("@/lib/scan/zxing-wasm-engine");

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function fakeStream() {
  const track = {
    stop: vi.fn(),
    getCapabilities: vi.fn(() => ({})),
    applyConstraints: vi.fn(async () => undefined),
  };
  const stream = { getTracks: () => [track], getVideoTracks: () => [track] };
  return { track, stream: stream as unknown as MediaStream };
}

function handlers() {
  return { onStarted: vi.fn(), onResult: vi.fn(), onError: vi.fn() } satisfies CameraDecoderHandlers;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const video = () => ({ srcObject: null }) as unknown as HTMLVideoElement;

describe("classifyCameraError", () => {
  it.each([
    ["NotAllowedError", "permission_denied"],
    ["SecurityError", "permission_denied"],
    ["NotFoundError", "no_camera"],
    ["OverconstrainedError", "no_camera"],
    ["NotReadableError", "camera_busy"],
    ["AbortError", "camera_busy"],
    ["TypeError", "unknown"],
  ] as const)("%s → %s", (name, problem) => {
    expect(classifyCameraError(new DOMException("x", name))).toBe(problem);
  });

  it("knows our own unavailable-camera errors and tolerates junk", () => {
    expect(classifyCameraError(new CameraUnavailableError("insecure_context"))).toBe("insecure_context");
    expect(classifyCameraError(new CameraUnavailableError("unsupported"))).toBe("unsupported");
    expect(classifyCameraError("boom")).toBe("unknown");
    expect(classifyCameraError(null)).toBe("unknown");
  });
});

describe("cameraApiProblem", () => {
  it("blames the page when it is not a secure context (navigator.mediaDevices is undefined there)", () => {
    expect(cameraApiProblem({ isSecureContext: false, hasGetUserMedia: false })?.problem).toBe("insecure_context");
    expect(cameraApiProblem({ isSecureContext: undefined, hasGetUserMedia: false })?.problem).toBe("insecure_context");
    expect(cameraApiProblem({ isSecureContext: true, hasGetUserMedia: false })?.problem).toBe("unsupported");
    expect(cameraApiProblem({ isSecureContext: true, hasGetUserMedia: true })).toBeNull();
  });
});

describe("cameraConstraints", () => {
  it("asks for the rear camera at 1280×720 (docs/scanning-findings.md §3.4, §7)", () => {
    expect(cameraConstraints()).toEqual({
      audio: false,
      video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  });

  it("asks for a picked camera by id", () => {
    expect(cameraConstraints("cam-2").video).toEqual({
      deviceId: { exact: "cam-2" },
      width: { ideal: 1280 },
      height: { ideal: 720 },
    });
  });
});

describe("startCameraDecoder", () => {
  let getUserMedia: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    getUserMedia = vi.fn();
    vi.stubGlobal("isSecureContext", true);
    vi.stubGlobal("navigator", { mediaDevices: { getUserMedia } });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("reports an insecure context without loading an engine", async () => {
    vi.stubGlobal("isSecureContext", false);
    vi.stubGlobal("navigator", {});
    const loadEngine = vi.fn();
    const h = handlers();
    startCameraDecoder(video(), {}, h, loadEngine);
    await flush();
    expect(loadEngine).not.toHaveBeenCalled();
    expect(classifyCameraError(h.onError.mock.calls[0]?.[0])).toBe("insecure_context");
  });

  it("never starts the engine when stopped before it loaded", async () => {
    const engine = { start: vi.fn() } satisfies CameraDecoderEngine;
    const loading = deferred<CameraDecoderEngine>();
    const handle = startCameraDecoder(video(), {}, handlers(), () => loading.promise);
    handle.stop();
    loading.resolve(engine);
    await flush();
    expect(engine.start).not.toHaveBeenCalled();
  });

  it("stops the engine and silences it after stop()", async () => {
    const engineStop = vi.fn();
    let engineHandlers: CameraDecoderHandlers | undefined;
    const engine: CameraDecoderEngine = {
      start: (_video, _options, h) => {
        engineHandlers = h;
        return { stop: engineStop };
      },
    };
    const h = handlers();
    const handle = startCameraDecoder(video(), { deviceId: "cam-1" }, h, async () => engine);
    await flush();
    engineHandlers?.onResult("134857901234588557");
    expect(h.onResult).toHaveBeenCalledWith("134857901234588557");
    handle.stop();
    handle.stop();
    engineHandlers?.onResult("2812345678901234");
    expect(engineStop).toHaveBeenCalledTimes(1);
    expect(h.onResult).toHaveBeenCalledTimes(1);
  });

  it("reports an engine that fails to load", async () => {
    const h = handlers();
    startCameraDecoder(video(), {}, h, () => Promise.reject(new Error("chunk failed")));
    await flush();
    expect(h.onError).toHaveBeenCalledTimes(1);
  });
});

// ---------------------------------------------------------------------------------------------
// The shared camera loop (camera-loop.ts), on a fake clock.

type Env = {
  getUserMedia: ReturnType<typeof vi.fn>;
  setHidden(hidden: boolean): void;
  visibilityListeners(): number;
};

function fakeEnvironment(): Env {
  const listeners = new Set<() => void>();
  const doc = {
    visibilityState: "visible",
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  const getUserMedia = vi.fn();
  vi.stubGlobal("document", doc);
  vi.stubGlobal("navigator", { mediaDevices: { getUserMedia } });
  return {
    getUserMedia,
    setHidden(hidden) {
      doc.visibilityState = hidden ? "hidden" : "visible";
      for (const listener of listeners) listener();
    },
    visibilityListeners: () => listeners.size,
  };
}

/** A playing 1280×720 <video>; with `frameCallbacks`, `present()` delivers a camera frame. */
function fakeVideo({ frameCallbacks }: { frameCallbacks: boolean }) {
  const pending = new Map<number, VideoFrameRequestCallback>();
  let nextId = 1;
  const element = {
    srcObject: null as MediaStream | null,
    muted: false,
    readyState: 4,
    videoWidth: 1280,
    videoHeight: 720,
    play: vi.fn(async () => undefined),
    ...(frameCallbacks && {
      requestVideoFrameCallback: vi.fn((callback: VideoFrameRequestCallback) => {
        pending.set(nextId, callback);
        return nextId++;
      }),
      cancelVideoFrameCallback: vi.fn((id: number) => pending.delete(id)),
    }),
  };
  const present = () => {
    const callbacks = [...pending.values()];
    pending.clear();
    for (const callback of callbacks) callback(performance.now(), {} as VideoFrameCallbackMetadata);
  };
  return { element, video: element as unknown as HTMLVideoElement, present, pendingFrameCallbacks: () => pending.size };
}

/** A decoder whose reads take `readMs`; `textFor(attempt)` decides what each read finds. */
function fakeDecoder({
  readMs = 20,
  engine = "wasm" as const,
  textFor = (_attempt: number): string | null => null,
} = {}) {
  let inFlight = 0;
  let maxInFlight = 0;
  const read = vi.fn(async (_video: HTMLVideoElement, attempt: number): Promise<FrameRead> => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, readMs));
    inFlight--;
    return {
      text: textFor(attempt),
      grabMs: 2,
      decodeMs: readMs,
      full: attempt % FULL_EFFORT_EVERY === FULL_EFFORT_EVERY - 1,
    };
  });
  const decoder: FrameDecoder = { engine, read, close: vi.fn() };
  return { decoder, read, maxInFlight: () => maxInFlight };
}

function fakeSink() {
  const marks: string[] = [];
  const measures: string[] = [];
  let last: ScanTimingSnapshot | undefined;
  const sink: TimingSink = {
    mark: (name) => marks.push(name),
    measure: (name) => measures.push(name),
    clear: () => {
      marks.length = 0;
      measures.length = 0;
    },
    publish: (snapshot) => {
      last = snapshot;
    },
  };
  return { sink, marks, measures, snapshot: () => last };
}

function spec(decoder: FrameDecoder, extra: Partial<CameraLoopSpec> = {}, sink = fakeSink().sink): CameraLoopSpec {
  return {
    engine: "wasm",
    decoder: { engine: decoder.engine, create: async () => decoder },
    timing: createScanTiming("wasm", sink),
    ...extra,
  };
}

describe("camera loop", () => {
  let env: Env;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "performance", "Date"] });
    env = fakeEnvironment();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("opens the rear camera at 1280×720, plays it, reports the track and torch, then reads ~10 frames a second", async () => {
    const { track, stream } = fakeStream();
    track.getCapabilities.mockReturnValue({ torch: true });
    env.getUserMedia.mockResolvedValue(stream);
    const { element, video } = fakeVideo({ frameCallbacks: false });
    const { decoder, read, maxInFlight } = fakeDecoder({ readMs: 20 });
    const h = handlers();
    startCameraLoop(video, {}, h, spec(decoder));
    await vi.advanceTimersByTimeAsync(0);
    expect(env.getUserMedia).toHaveBeenCalledWith(cameraConstraints());
    expect(element.srcObject).toBe(stream);
    expect(element.play).toHaveBeenCalled();
    expect(h.onStarted).toHaveBeenCalledTimes(1);
    const started = h.onStarted.mock.calls[0]?.[0];
    expect(started.track).toBe(track);
    await started.setTorch(true);
    expect(track.applyConstraints).toHaveBeenCalledWith({ advanced: [{ torch: true }] });

    await vi.advanceTimersByTimeAsync(1_000);
    expect(read.mock.calls.length).toBeGreaterThanOrEqual(9);
    expect(read.mock.calls.length).toBeLessThanOrEqual(11);
    expect(read.mock.calls.map((call) => call[1])).toEqual([...read.mock.calls.keys()]);
    expect(maxInFlight()).toBe(1);
  });

  it("never queues a second frame behind a slow read", async () => {
    env.getUserMedia.mockResolvedValue(fakeStream().stream);
    const { video } = fakeVideo({ frameCallbacks: false });
    const { decoder, read, maxInFlight } = fakeDecoder({ readMs: 250 });
    startCameraLoop(video, {}, handlers(), spec(decoder));
    await vi.advanceTimersByTimeAsync(1_010);
    expect(read).toHaveBeenCalledTimes(5); // at 0, 250, 500, 750, 1000 ms
    expect(maxInFlight()).toBe(1);
  });

  it("paces on requestVideoFrameCallback where the browser has it", async () => {
    env.getUserMedia.mockResolvedValue(fakeStream().stream);
    const camera = fakeVideo({ frameCallbacks: true });
    const { decoder, read, maxInFlight } = fakeDecoder({ readMs: 15 });
    const handle = startCameraLoop(camera.video, {}, handlers(), spec(decoder));
    await vi.advanceTimersByTimeAsync(0);
    expect(camera.pendingFrameCallbacks()).toBe(1);
    // 30 frames a second for one second.
    for (let i = 0; i < 30; i++) {
      camera.present();
      await vi.advanceTimersByTimeAsync(1000 / 30);
    }
    expect(read.mock.calls.length).toBeGreaterThanOrEqual(9);
    expect(read.mock.calls.length).toBeLessThanOrEqual(11);
    expect(maxInFlight()).toBe(1);
    // Frames stop coming at the same pace: the timer is only a watchdog, so no read for a while.
    const reads = read.mock.calls.length;
    await vi.advanceTimersByTimeAsync(400);
    expect(read).toHaveBeenCalledTimes(reads);
    handle.stop();
    expect(camera.element.cancelVideoFrameCallback).toHaveBeenCalled();
    expect(camera.pendingFrameCallbacks()).toBe(0);
  });

  it("falls back to the timer if video frames stop being reported", async () => {
    env.getUserMedia.mockResolvedValue(fakeStream().stream);
    const camera = fakeVideo({ frameCallbacks: true });
    const { decoder, read } = fakeDecoder({ readMs: 10 });
    startCameraLoop(camera.video, {}, handlers(), spec(decoder));
    await vi.advanceTimersByTimeAsync(0);
    camera.present();
    await vi.advanceTimersByTimeAsync(450);
    expect(read).toHaveBeenCalledTimes(1);
    // No frame reported for 500 ms: the timer takes over at the usual pace.
    await vi.advanceTimersByTimeAsync(1_550);
    expect(read.mock.calls.length).toBeGreaterThanOrEqual(13);
    expect(read.mock.calls.length).toBeLessThanOrEqual(17);
  });

  it("reads nothing while the tab is hidden and resumes when it is visible again", async () => {
    env.getUserMedia.mockResolvedValue(fakeStream().stream);
    const { video } = fakeVideo({ frameCallbacks: false });
    const { decoder, read } = fakeDecoder({ readMs: 10 });
    const handle = startCameraLoop(video, {}, handlers(), spec(decoder));
    await vi.advanceTimersByTimeAsync(300);
    env.setHidden(true);
    await vi.advanceTimersByTimeAsync(20);
    const whileVisible = read.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(read).toHaveBeenCalledTimes(whileVisible);
    env.setHidden(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(read.mock.calls.length).toBeGreaterThanOrEqual(whileVisible + 5);
    expect(env.visibilityListeners()).toBe(1);
    handle.stop();
    expect(env.visibilityListeners()).toBe(0);
  });

  it("hands a decoded text on; a stop() in the handler ends everything at once; timing is published", async () => {
    const { track, stream } = fakeStream();
    env.getUserMedia.mockResolvedValue(stream);
    const { element, video } = fakeVideo({ frameCallbacks: false });
    const { decoder, read } = fakeDecoder({
      readMs: 20,
      textFor: (attempt) => (attempt === 2 ? "134857901234588557" : null),
    });
    const timing = fakeSink();
    const h = handlers();
    const handle = startCameraLoop(video, {}, h, spec(decoder, {}, timing.sink));
    h.onResult.mockImplementation(() => handle.stop());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.onResult).toHaveBeenCalledExactlyOnceWith("134857901234588557");
    expect(read).toHaveBeenCalledTimes(3);
    expect(track.stop).toHaveBeenCalled();
    expect(element.srcObject).toBeNull();
    expect(decoder.close).toHaveBeenCalled();
    expect(timing.marks).toEqual(["scan:start", "scan:first-frame", "scan:decoded"]);
    expect(timing.measures).toEqual(["scan:first-decode"]);
    const snapshot = timing.snapshot();
    expect(snapshot).toMatchObject({
      engine: "wasm",
      requestedEngine: "wasm",
      state: "decoded",
      attempts: 3,
      fullAttempts: 0,
      decodeMsMedian: 20,
      grabMsMedian: 2,
      frameWidth: 1280,
      frameHeight: 720,
    });
    // Frames at 0, 100, 200 ms; the third read ends 20 ms later.
    expect(snapshot?.firstDecodeMs).toBe(220);
    expect(JSON.stringify(snapshot)).not.toContain("134857901234588557");
  });

  it("keeps reading after a refused text, until stop()", async () => {
    env.getUserMedia.mockResolvedValue(fakeStream().stream);
    const { video } = fakeVideo({ frameCallbacks: false });
    const { decoder, read } = fakeDecoder({ textFor: () => "4006381333931" });
    const h = handlers();
    const handle = startCameraLoop(video, {}, h, spec(decoder));
    await vi.advanceTimersByTimeAsync(450);
    expect(h.onResult.mock.calls.length).toBeGreaterThanOrEqual(4);
    handle.stop();
    const reads = read.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(read).toHaveBeenCalledTimes(reads);
  });

  it("reads with the fallback engine when the first cannot start (e.g. the wasm did not load)", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    env.getUserMedia.mockResolvedValue(fakeStream().stream);
    const { video } = fakeVideo({ frameCallbacks: false });
    const fallback = fakeDecoder({ engine: "zxing-js" as never, textFor: () => "134857901234588557" });
    const timing = fakeSink();
    const h = handlers();
    startCameraLoop(video, {}, h, {
      engine: "wasm",
      decoder: { engine: "wasm", create: () => Promise.reject(new Error("404 zxing_reader.wasm")) },
      fallback: { engine: "zxing-js", create: async () => fallback.decoder },
      timing: createScanTiming("wasm", timing.sink),
    });
    await vi.advanceTimersByTimeAsync(50);
    expect(h.onResult).toHaveBeenCalledWith("134857901234588557");
    expect(h.onError).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
    expect(timing.snapshot()).toMatchObject({
      engine: "zxing-js",
      requestedEngine: "wasm",
      fallbackReason: "404 zxing_reader.wasm",
    });
  });

  it("reports an engine that cannot start at all, and releases the camera", async () => {
    const { track, stream } = fakeStream();
    env.getUserMedia.mockResolvedValue(stream);
    const { video } = fakeVideo({ frameCallbacks: false });
    const h = handlers();
    startCameraLoop(video, {}, h, {
      engine: "zxing-js",
      decoder: { engine: "zxing-js", create: () => Promise.reject(new Error("chunk")) },
    });
    await vi.advanceTimersByTimeAsync(50);
    expect(h.onError).toHaveBeenCalledTimes(1);
    expect(track.stop).toHaveBeenCalled();
  });

  it("skips a frame that fails, but reports a decoder that keeps failing", async () => {
    const { track, stream } = fakeStream();
    env.getUserMedia.mockResolvedValue(stream);
    const { video } = fakeVideo({ frameCallbacks: false });
    const read = vi.fn(async (): Promise<FrameRead> => {
      throw new DOMException("no frame", "InvalidStateError");
    });
    read.mockImplementationOnce(async () => {
      throw new DOMException("no frame", "InvalidStateError");
    });
    const h = handlers();
    startCameraLoop(video, {}, h, spec({ engine: "wasm", read, close: vi.fn() }));
    await vi.advanceTimersByTimeAsync(550);
    expect(h.onError).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.onError).toHaveBeenCalledTimes(1);
    expect(track.stop).toHaveBeenCalled();
    const reads = read.mock.calls.length;
    expect(reads).toBe(10);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(read).toHaveBeenCalledTimes(reads);
  });

  it("releases a camera that opens after stop() (the permission prompt was still up)", async () => {
    const opening = deferred<MediaStream>();
    env.getUserMedia.mockReturnValue(opening.promise);
    const { video } = fakeVideo({ frameCallbacks: false });
    const { decoder, read } = fakeDecoder();
    const h = handlers();
    const handle = startCameraLoop(video, {}, h, spec(decoder));
    handle.stop();
    const { track, stream } = fakeStream();
    opening.resolve(stream);
    await vi.advanceTimersByTimeAsync(500);
    expect(track.stop).toHaveBeenCalled();
    expect(h.onStarted).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
    expect(decoder.close).toHaveBeenCalled();
  });

  it("stops quietly while the video is starting to play", async () => {
    const { track, stream } = fakeStream();
    env.getUserMedia.mockResolvedValue(stream);
    const { element, video } = fakeVideo({ frameCallbacks: false });
    const playing = deferred<undefined>();
    element.play.mockReturnValue(playing.promise);
    const h = handlers();
    const handle = startCameraLoop(video, { deviceId: "cam-2" }, h, spec(fakeDecoder().decoder));
    await vi.advanceTimersByTimeAsync(0);
    expect(env.getUserMedia).toHaveBeenCalledWith(cameraConstraints("cam-2"));
    handle.stop();
    expect(track.stop).toHaveBeenCalled();
    playing.reject(new DOMException("interrupted", "AbortError"));
    await vi.advanceTimersByTimeAsync(100);
    expect(h.onError).not.toHaveBeenCalled();
    expect(h.onStarted).not.toHaveBeenCalled();
  });

  it("reports getUserMedia failures", async () => {
    env.getUserMedia.mockRejectedValue(new DOMException("denied", "NotAllowedError"));
    const h = handlers();
    startCameraLoop(fakeVideo({ frameCallbacks: false }).video, {}, h, spec(fakeDecoder().decoder));
    await vi.advanceTimersByTimeAsync(10);
    expect(classifyCameraError(h.onError.mock.calls[0]?.[0])).toBe("permission_denied");
  });
});

// ---------------------------------------------------------------------------------------------
// The two engines' frame readers.

function fakeCanvas() {
  const context = {
    drawImage: vi.fn(),
    getImageData: vi.fn((_x: number, _y: number, width: number, height: number) => ({
      data: new Uint8ClampedArray(width * height * 4),
      width,
      height,
    })),
  };
  const canvas = { width: 0, height: 0, getContext: vi.fn(() => context) };
  vi.stubGlobal("document", { createElement: vi.fn(() => canvas) });
  return { canvas, context };
}

describe("zxing-js frame reader (@zxing/browser)", () => {
  beforeEach(() => {
    reader.constructed.length = 0;
    reader.decodeFromCanvas.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("asks for QR + Code 128 only, no TRY_HARDER (docs/scanning-findings.md §7), and reads the whole frame like @zxing/browser", async () => {
    const { canvas, context } = fakeCanvas();
    const frame = createZxingFrameDecoder();
    expect(frame.engine).toBe("zxing-js");
    const [{ hints }] = reader.constructed as [(typeof reader.constructed)[number]];
    expect(hints.get(DecodeHintType.POSSIBLE_FORMATS)).toEqual([BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128]);
    expect(hints.has(DecodeHintType.TRY_HARDER)).toBe(false);

    const camera = fakeVideo({ frameCallbacks: false }).video;
    reader.decodeFromCanvas.mockImplementationOnce(() => {
      throw new NotFoundException();
    });
    await expect(frame.read(camera, 0)).resolves.toMatchObject({ text: null, full: true });
    expect([canvas.width, canvas.height]).toEqual([1280, 720]);
    expect(context.drawImage).toHaveBeenCalledWith(camera, 0, 0);
    expect(reader.decodeFromCanvas).toHaveBeenCalledWith(canvas);

    reader.decodeFromCanvas.mockReturnValueOnce(
      new Result("134857901234588557", new Uint8Array(), 0, [], BarcodeFormat.CODE_128),
    );
    await expect(frame.read(camera, 1)).resolves.toMatchObject({ text: "134857901234588557" });

    reader.decodeFromCanvas.mockImplementationOnce(() => {
      throw new TypeError("canvas gone");
    });
    await expect(frame.read(camera, 2)).rejects.toThrow("canvas gone");
  });
});

describe("wasm frame reader", () => {
  afterEach(() => vi.unstubAllGlobals());

  function fakeReader() {
    const read = vi.fn(async () => ({ text: null, step: null, decodeMs: 3, drawMs: 1.5 }));
    return {
      reader: { ready: Promise.resolve({ compileMs: 1, canDrawBitmaps: true }), read } as unknown as WasmReader,
      read,
    };
  }

  it("sends the whole frame as a transferable bitmap with the plan's steps; every 8th read ends with full effort", async () => {
    const createImageBitmap = vi.fn(async (..._args: unknown[]) => ({ close: vi.fn() }));
    vi.stubGlobal("createImageBitmap", createImageBitmap);
    const { reader: wasm, read } = fakeReader();
    const frame = createWasmFrameDecoder(wasm, true);
    const camera = fakeVideo({ frameCallbacks: false }).video;
    const results = [];
    for (let attempt = 0; attempt < 16; attempt++) results.push(await frame.read(camera, attempt));
    expect(createImageBitmap.mock.calls).toEqual(Array(16).fill([camera, 0, 0, 1280, 720]));
    expect(results.map((r) => r.full)).toEqual([...Array(7).fill(false), true, ...Array(7).fill(false), true]);
    expect(read.mock.calls.map((call) => (call as unknown[])[0])).toEqual(
      results.map((_, attempt) => ({
        steps: readPlanFor(attempt, 1280, 720).steps,
        image: expect.objectContaining({ close: expect.any(Function) }),
      })),
    );
    // The grab counts the worker's drawImage + getImageData too.
    expect(results[0]).toMatchObject({ text: null, decodeMs: 3 });
    expect(results[0]!.grabMs).toBeGreaterThanOrEqual(1.5);
  });

  it("copies the region's pixels where the worker cannot draw bitmaps", async () => {
    const { context } = fakeCanvas();
    const { reader: wasm, read } = fakeReader();
    const frame = createWasmFrameDecoder(wasm, false);
    const camera = fakeVideo({ frameCallbacks: false }).video;
    await frame.read(camera, 0);
    expect(context.drawImage).toHaveBeenCalledWith(camera, 0, 0, 1280, 720, 0, 0, 1280, 720);
    expect(read).toHaveBeenCalledWith({
      steps: readPlanFor(0, 1280, 720).steps,
      pixels: expect.objectContaining({ width: 1280, height: 720 }),
    });
  });
});
