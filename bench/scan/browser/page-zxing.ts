/**
 * Benchmark page, @zxing/browser as the till's zxing engine runs it (lib/scan/zxing-browser-engine):
 * QR + Code 128 hints, no TRY_HARDER, 100 ms between attempts, decodeFromStream on our own stream,
 * the whole frame decoded on the main thread each attempt. @zxing/library is the patched copy.
 */
import { BrowserCodeReader, BrowserMultiFormatReader } from "@zxing/browser";
import { BarcodeFormat, DecodeHintType } from "@zxing/library";
import { cameraConstraints } from "../../../lib/scan/camera-track";
import { ATTEMPT_INTERVAL_MS, finish, startReport, stopStream, videoElement, watchFirstFrame } from "./common";

const report = startReport("zxing");
const video = videoElement(report);
const hints = new Map<DecodeHintType, unknown>([
  [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128]],
]);
const reader = new BrowserMultiFormatReader(hints, {
  delayBetweenScanAttempts: ATTEMPT_INTERVAL_MS,
  delayBetweenScanSuccess: 300,
});
report.engineReadyAt = performance.now();

// Time each attempt: the frame draw, then getImageData + grey + decode.
let grabAt = 0;
let grabMs = 0;
const draw = BrowserCodeReader.drawImageOnCanvas.bind(BrowserCodeReader);
BrowserCodeReader.drawImageOnCanvas = (ctx, element) => {
  grabAt = performance.now();
  draw(ctx, element);
  grabMs = performance.now() - grabAt;
};
const decodeFromCanvas = reader.decodeFromCanvas.bind(reader);
reader.decodeFromCanvas = (canvas) => {
  const t = performance.now();
  const record = (texts: string[]) =>
    report.attempts.push({ at: grabAt, full: true, grabMs, decodeMs: performance.now() - t, texts });
  try {
    const result = decodeFromCanvas(canvas);
    record([result.getText()]);
    return result;
  } catch (error) {
    record([]);
    throw error;
  }
};

let stream: MediaStream | null = null;
try {
  stream = await navigator.mediaDevices.getUserMedia(cameraConstraints());
  report.cameraOpenAt = performance.now();
  watchFirstFrame(report, video);
  await reader.decodeFromStream(stream, video, (result, _error, controls) => {
    if (report.done || !result) return;
    report.decodedAt = performance.now();
    report.text = result.getText();
    controls.stop();
    stopStream(stream);
    finish(report);
  });
  report.playingAt = performance.now();
} catch (error) {
  stopStream(stream);
  finish(report, `camera: ${String(error)}`);
}
