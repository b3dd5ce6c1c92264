/** Messages between the benchmark page and its decode worker, and what the page reports. */

export type DecodeRequest = { id: number; bitmap: ImageBitmap; full: boolean };

export type WorkerMessage =
  | { type: "ready"; loadMs: number }
  | { type: "error"; message: string }
  | { type: "result"; id: number; texts: string[]; drawMs: number; decodeMs: number };

export type Attempt = {
  /** performance.now() on the page when the frame was grabbed. */
  at: number;
  /** Full-effort whole-frame read (wasm) or always the whole frame (zxing-js). */
  full: boolean;
  /** Page side: createImageBitmap (wasm) / drawImage (zxing-js). */
  grabMs: number;
  /** Worker side: drawImage + getImageData + readBarcodes (wasm) / getImageData + grey + decode (zxing-js). */
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
