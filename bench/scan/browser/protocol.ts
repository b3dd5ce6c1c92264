/**
 * What the benchmark pages report. The wasm page talks to the till's own worker
 * (`lib/scan/zxing-wasm.worker.ts`, `lib/scan/wasm-worker-protocol.ts`).
 */

export type Attempt = {
  /** performance.now() on the page when the frame was grabbed. */
  at: number;
  /** Full-effort whole-frame read (wasm) or always the whole frame (zxing-js). */
  full: boolean;
  /** wasm: the read plan step that read the text ("bars", "qr", "full"), or null. */
  step?: string | null;
  /** Page side: createImageBitmap (wasm) / drawImage (zxing-js). */
  grabMs: number;
  /** Worker side: the read plan's steps (wasm) / getImageData + grey + decode (zxing-js). */
  decodeMs: number;
  /** wasm: the createImageBitmap part of grabMs (the rest is the worker's drawImage + getImageData). */
  bitmapMs?: number;
  texts: string[];
};

export type PageReport = {
  engine: "wasm" | "zxing";
  expected: string;
  /** All times are performance.now() on the page (ms since navigation start). */
  scriptAt: number;
  cameraOpenAt?: number;
  playingAt?: number;
  /** The <video>'s loadeddata event: its first frame is available. */
  loadedDataAt?: number;
  /** The first requestVideoFrameCallback: when it ran and the frame's presentationTime. */
  firstFrameCallbackAt?: number;
  firstFramePresentedAt?: number;
  firstFrameCaptureAt?: number;
  frameSize?: string;
  /** wasm: the worker has the module instantiated. */
  engineReadyAt?: number;
  engineLoadMs?: number;
  decodedAt?: number;
  text?: string;
  attempts: Attempt[];
  error?: string;
  done: boolean;
};

declare global {
  interface Window {
    __scanBench?: PageReport;
  }
}
