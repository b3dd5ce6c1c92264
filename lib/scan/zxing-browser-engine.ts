/**
 * Camera decoder engine on `@zxing/browser` (needs the Code 128 patch in `patches/`, FINDINGS §3.1).
 * Browser only: imported on demand by `decoder.ts`.
 */
import { BrowserMultiFormatReader, type IScannerControls } from "@zxing/browser";
import { BarcodeFormat, ChecksumException, DecodeHintType, FormatException, NotFoundException } from "@zxing/library";
import type { CameraDecoderEngine, CameraDecoderHandlers, CameraDecoderOptions } from "./decoder";
import { cameraConstraints, preferContinuousFocus, setTorch, supportsTorch } from "./camera-track";

/**
 * FINDINGS §5/§7: only the two symbologies wallets show (3–5× cheaper per frame than all formats,
 * and no phantom reads); no TRY_HARDER (3–7× the cost for a few points of Code 128).
 */
function walletCodeHints(): Map<DecodeHintType, unknown> {
  return new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128]]]);
}

/** FINDINGS §1/§4: the 500 ms default adds up to half a second before a code in view is even tried. */
const READER_OPTIONS = { delayBetweenScanAttempts: 100, delayBetweenScanSuccess: 300 };

/** The loop reports these on every frame without a code; anything else ends the loop. */
function isMiss(error: unknown): boolean {
  return error instanceof NotFoundException || error instanceof ChecksumException || error instanceof FormatException;
}

function stopQuietly(controls: IScannerControls): void {
  try {
    // With a torch, stop() is async and turns the torch off after the track ended: iOS 17.4 rejects
    // that with "InvalidAccessError: Track has ended" (FINDINGS §2, browser#131).
    const pending: unknown = controls.stop();
    if (pending instanceof Promise) pending.catch(() => undefined);
  } catch {
    // Same error, thrown synchronously by some builds.
  }
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

function start(video: HTMLVideoElement, options: CameraDecoderOptions, handlers: CameraDecoderHandlers) {
  let stopped = false;
  let stream: MediaStream | null = null;
  let controls: IScannerControls | null = null;
  const reader = new BrowserMultiFormatReader(walletCodeHints(), READER_OPTIONS);

  const run = async () => {
    // We open the stream ourselves rather than decodeFromConstraints so a stop() that lands while
    // the permission prompt is up releases the camera the moment it opens (FINDINGS §2, browser#28).
    const opened = await navigator.mediaDevices.getUserMedia(cameraConstraints(options.deviceId));
    if (stopped) return stopStream(opened);
    stream = opened;
    const started = await reader.decodeFromStream(opened, video, (result, error) => {
      if (stopped) return;
      if (result) handlers.onResult(result.getText());
      else if (error && !isMiss(error)) handlers.onError(error);
    });
    if (stopped) return stopQuietly(started);
    controls = started;
    const track = opened.getVideoTracks()[0] ?? null;
    if (track) void preferContinuousFocus(track);
    handlers.onStarted({
      track,
      ...(track && supportsTorch(track) && { setTorch: (on: boolean) => setTorch(track, on) }),
    });
  };

  run().catch((error: unknown) => {
    if (stream) stopStream(stream);
    if (!stopped) handlers.onError(error);
  });

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      if (controls) stopQuietly(controls);
      if (stream) stopStream(stream);
      video.srcObject = null;
    },
  };
}

export const zxingBrowserEngine: CameraDecoderEngine = { start };
