/** What both benchmark pages share: the report object, the <video>, first-frame timing, the end. */
import type { PageReport } from "./protocol";

/** docs/scanning-findings.md §4/§7 and the till's @zxing/browser engine: about 10 attempts a second. */
export const ATTEMPT_INTERVAL_MS = 100;
/** A run that has not decoded this long after the first frame is reported as a miss. */
const GIVE_UP_MS = 5000;

const query = new URLSearchParams(location.search);

export function startReport(engine: PageReport["engine"]): PageReport {
  const report: PageReport = {
    engine,
    expected: query.get("expected") ?? "",
    scriptAt: performance.now(),
    attempts: [],
    done: false,
  };
  window.__scanBench = report;
  // The camera never came up, or never produced a frame.
  setTimeout(() => finish(report, "no decode within 10 s of the script start"), 10_000 + GIVE_UP_MS);
  return report;
}

/** The page's <video>, with its loadeddata (first frame available) time recorded. */
export function videoElement(report: PageReport): HTMLVideoElement {
  const video = document.querySelector("video");
  if (!video) throw new Error("the page has no <video>");
  video.addEventListener("loadeddata", () => (report.loadedDataAt ??= performance.now()), { once: true });
  return video;
}

/** Records the first frame the compositor got (requestVideoFrameCallback metadata). */
export function recordFirstFrame(report: PageReport, now: number, meta: VideoFrameCallbackMetadata): void {
  if (report.firstFrameCallbackAt !== undefined) return;
  report.firstFrameCallbackAt = now;
  report.firstFramePresentedAt = meta.presentationTime;
  if (meta.captureTime !== undefined) report.firstFrameCaptureAt = meta.captureTime;
  report.frameSize = `${meta.width}x${meta.height}`;
  setTimeout(() => finish(report), GIVE_UP_MS);
}

/** For the zxing-js page, whose loop is @zxing/browser's: only the first frame matters. */
export function watchFirstFrame(report: PageReport, video: HTMLVideoElement): void {
  video.requestVideoFrameCallback((now, meta) => recordFirstFrame(report, now, meta));
}

export function finish(report: PageReport, error?: string): void {
  if (report.done) return;
  if (error && report.decodedAt === undefined) report.error = error;
  report.done = true;
  document.title = report.decodedAt !== undefined ? "DECODED" : "DONE";
}

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
