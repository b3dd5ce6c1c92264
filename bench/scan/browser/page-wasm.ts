/**
 * Benchmark page, default engine: the camera loop docs/scanning-findings.md §7 describes. A 1280×720 rear-camera
 * stream (the till's own constraints); one attempt per ~100 ms driven by requestVideoFrameCallback,
 * one frame in flight; each attempt cuts out the region the till's `readPlanFor` names with
 * createImageBitmap and hands it, with the plan's steps, to the till's own worker
 * (`lib/scan/zxing-wasm.worker.ts`, bundled as /worker.js).
 *
 * `?preload=1`: the camera opens only once the worker has the wasm instantiated (the engine was
 * preloaded when the payment screen opened, docs/scanning-findings.md §6). Without it the worker and the camera
 * start together, and a fast camera can deliver frames before the engine is ready.
 */
import { cameraConstraints } from "../../../lib/scan/camera-track";
import { readPlanFor } from "../../../lib/scan/wasm-reader-options";
import type { FromWorker, ToWorker } from "../../../lib/scan/wasm-worker-protocol";
import { ATTEMPT_INTERVAL_MS, finish, recordFirstFrame, startReport, stopStream, videoElement } from "./common";
import type { Attempt } from "./protocol";

const report = startReport("wasm");
const video = videoElement(report);
// Started with the page, as the till would when the payment screen opens (docs/scanning-findings.md §6: preload).
const worker = new Worker("/worker.js", { type: "module" });
const post = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
const loadStart = performance.now();
post({ type: "init", wasmUrl: new URL("/zxing_reader.wasm", location.origin).href });

const preload = new URLSearchParams(location.search).get("preload") === "1";
let ready = false;
let onReady: () => void = () => undefined;
const engineReady = new Promise<void>((resolve) => (onReady = resolve));
let framesStarted = false;
let inFlight = false;
/** Grabs that failed in a row: skipped as the till's camera loop does (lib/scan/camera-loop.ts), up to 10. */
let grabFailures = 0;
let attemptNo = 0;
let lastAttemptAt = -Infinity;
let stream: MediaStream | null = null;
const pending = new Map<number, Omit<Attempt, "decodeMs" | "texts" | "step">>();

function end(error?: string): void {
  stopStream(stream);
  worker.terminate();
  finish(report, error);
}

async function attempt(): Promise<void> {
  if (report.done || inFlight || !ready) return;
  inFlight = true;
  const id = attemptNo++;
  const plan = readPlanFor(id, video.videoWidth, video.videoHeight);
  const full = plan.full;
  const at = performance.now();
  lastAttemptAt = at;
  try {
    const image = await createImageBitmap(video, plan.x, plan.y, plan.width, plan.height);
    const bitmapMs = performance.now() - at;
    pending.set(id, { at, full, grabMs: bitmapMs, bitmapMs });
    post({ type: "read", id, steps: plan.steps, image }, [image]);
    grabFailures = 0;
  } catch (error) {
    inFlight = false;
    if (++grabFailures >= 10) end(`grab failed 10 times in a row: ${String(error)}`);
  }
}

worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const message = event.data;
  if (message.type === "ready") {
    ready = true;
    report.engineReadyAt = performance.now();
    report.engineLoadMs = performance.now() - loadStart;
    onReady();
    if (framesStarted) void attempt();
  } else if (message.type === "init-failed" || message.type === "read-failed") {
    end(`worker: ${message.message}`);
  } else {
    const started = pending.get(message.id);
    pending.delete(message.id);
    inFlight = false;
    if (!started) return;
    const texts = message.text !== null ? [message.text] : [];
    report.attempts.push({
      ...started,
      grabMs: started.grabMs + message.drawMs,
      decodeMs: message.decodeMs,
      texts,
      step: message.step,
    });
    if (texts.length > 0 && report.decodedAt === undefined) {
      report.decodedAt = performance.now();
      report.text = texts[0];
      end();
    }
  }
};

const onFrame: VideoFrameRequestCallback = (now, meta) => {
  if (report.done) return;
  recordFirstFrame(report, now, meta);
  framesStarted = true;
  if (performance.now() - lastAttemptAt >= ATTEMPT_INTERVAL_MS - 5) void attempt();
  video.requestVideoFrameCallback(onFrame);
};

try {
  if (preload) await engineReady;
  stream = await navigator.mediaDevices.getUserMedia(cameraConstraints());
  report.cameraOpenAt = performance.now();
  video.srcObject = stream;
  video.requestVideoFrameCallback(onFrame);
  await video.play();
  report.playingAt = performance.now();
} catch (error) {
  end(`camera: ${String(error)}`);
}
