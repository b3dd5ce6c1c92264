/**
 * Camera plumbing without a camera: error classification, constraints, and the stop-before-start
 * races of `startCameraDecoder` and the @zxing/browser engine (FINDINGS §2, browser#28/#131).
 */
import { BarcodeFormat, DecodeHintType, NotFoundException, Result } from "@zxing/library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cameraApiProblem, CameraUnavailableError, classifyCameraError } from "@/lib/scan/camera-errors";
import { cameraConstraints } from "@/lib/scan/camera-track";
import {
  startCameraDecoder,
  type CameraDecoderEngine,
  type CameraDecoderHandlers,
} from "@/lib/scan/decoder";

const reader = vi.hoisted(() => ({
  constructed: [] as { hints: Map<unknown, unknown>; options: Record<string, number> }[],
  decodeFromStream: vi.fn(),
}));

vi.mock("@zxing/browser", () => ({
  BrowserMultiFormatReader: class {
    constructor(hints: Map<unknown, unknown>, options: Record<string, number>) {
      reader.constructed.push({ hints, options });
    }
    decodeFromStream(...args: unknown[]) {
      return reader.decodeFromStream(...args);
    }
  },
}));

const { zxingBrowserEngine } = await import("@/lib/scan/zxing-browser-engine");

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
  it("asks for the rear camera at 1280×720 (FINDINGS §3.4, §7)", () => {
    expect(cameraConstraints()).toEqual({
      audio: false,
      video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  });

  it("asks for a picked camera by id", () => {
    expect(cameraConstraints("cam-2").video).toEqual({ deviceId: { exact: "cam-2" }, width: { ideal: 1280 }, height: { ideal: 720 } });
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

describe("zxingBrowserEngine", () => {
  let getUserMedia: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    reader.constructed.length = 0;
    reader.decodeFromStream.mockReset();
    getUserMedia = vi.fn();
    vi.stubGlobal("navigator", { mediaDevices: { getUserMedia } });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("asks for QR + Code 128 only, no TRY_HARDER, 100 ms between attempts (FINDINGS §7)", async () => {
    getUserMedia.mockReturnValue(new Promise(() => {}));
    zxingBrowserEngine.start(video(), {}, handlers());
    const [{ hints, options }] = reader.constructed as [(typeof reader.constructed)[number]];
    expect(hints.get(DecodeHintType.POSSIBLE_FORMATS)).toEqual([BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128]);
    expect(hints.has(DecodeHintType.TRY_HARDER)).toBe(false);
    expect(options.delayBetweenScanAttempts).toBe(100);
    expect(getUserMedia).toHaveBeenCalledWith(cameraConstraints());
  });

  it("releases a camera that opens after stop() (the permission prompt was still up)", async () => {
    const opening = deferred<MediaStream>();
    getUserMedia.mockReturnValue(opening.promise);
    const h = handlers();
    const handle = zxingBrowserEngine.start(video(), {}, h);
    handle.stop();
    const { track, stream } = fakeStream();
    opening.resolve(stream);
    await flush();
    expect(track.stop).toHaveBeenCalled();
    expect(reader.decodeFromStream).not.toHaveBeenCalled();
    expect(h.onStarted).not.toHaveBeenCalled();
  });

  it("stops the camera at once, and the scan loop when it starts late", async () => {
    const { track, stream } = fakeStream();
    getUserMedia.mockResolvedValue(stream);
    const starting = deferred<{ stop: () => void }>();
    reader.decodeFromStream.mockReturnValue(starting.promise);
    const h = handlers();
    const handle = zxingBrowserEngine.start(video(), {}, h);
    await flush();
    handle.stop();
    expect(track.stop).toHaveBeenCalled();
    const controls = { stop: vi.fn() };
    starting.resolve(controls);
    await flush();
    expect(controls.stop).toHaveBeenCalled();
    expect(h.onStarted).not.toHaveBeenCalled();
  });

  it("passes results on, ignores misses, reports a dead loop, and swallows the iOS torch-off error", async () => {
    const { track, stream } = fakeStream();
    track.getCapabilities.mockReturnValue({ torch: true } as never);
    getUserMedia.mockResolvedValue(stream);
    const rejection = Promise.reject(new DOMException("Track has ended", "InvalidAccessError"));
    rejection.catch(() => undefined);
    const controls = { stop: vi.fn(() => rejection) };
    reader.decodeFromStream.mockResolvedValue(controls);
    const h = handlers();
    const handle = zxingBrowserEngine.start(video(), { deviceId: "cam-2" }, h);
    await flush();
    expect(getUserMedia).toHaveBeenCalledWith(cameraConstraints("cam-2"));
    expect(h.onStarted).toHaveBeenCalledTimes(1);
    const started = h.onStarted.mock.calls[0]?.[0];
    expect(started.track).toBe(track);
    await started.setTorch(true);
    expect(track.applyConstraints).toHaveBeenCalledWith({ advanced: [{ torch: true }] });

    const callback = reader.decodeFromStream.mock.calls[0]?.[2] as (r?: Result, e?: unknown) => void;
    callback(undefined, new NotFoundException());
    expect(h.onError).not.toHaveBeenCalled();
    callback(new Result("134857901234588557", new Uint8Array(), 0, [], BarcodeFormat.CODE_128));
    expect(h.onResult).toHaveBeenCalledWith("134857901234588557");
    callback(undefined, new TypeError("canvas gone"));
    expect(h.onError).toHaveBeenCalledTimes(1);

    handle.stop();
    await flush();
    expect(controls.stop).toHaveBeenCalled();
    expect(track.stop).toHaveBeenCalled();
  });

  it("reports getUserMedia failures", async () => {
    getUserMedia.mockRejectedValue(new DOMException("denied", "NotAllowedError"));
    const h = handlers();
    zxingBrowserEngine.start(video(), {}, h);
    await flush();
    expect(classifyCameraError(h.onError.mock.calls[0]?.[0])).toBe("permission_denied");
  });
});
