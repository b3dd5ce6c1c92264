/**
 * The decode worker of the benchmark page (FINDINGS §7): zxing-wasm with the till's own options,
 * the .wasm served from the page's origin. Receives ImageBitmaps (the centre region on fast
 * attempts, full effort on the whole frame or the centre region) and answers with the texts read.
 */
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { FAST_OPTIONS, FULL_OPTIONS } from "../../../lib/scan/wasm-reader-options";
import type { DecodeRequest, WorkerMessage } from "./protocol";

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerMessage) => scope.postMessage(message);

const loadStart = performance.now();
prepareZXingModule({
  overrides: {
    locateFile: (file: string, prefix: string) => (file.endsWith(".wasm") ? new URL("/zxing_reader.wasm", scope.location.origin).href : prefix + file),
  },
  fireImmediately: true,
}).then(
  () => post({ type: "ready", loadMs: performance.now() - loadStart }),
  (error: unknown) => post({ type: "error", message: String(error) }),
);

const canvas = new OffscreenCanvas(1, 1);
const ctx = canvas.getContext("2d", { willReadFrequently: true });

scope.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, bitmap, full } = event.data;
  try {
    if (!ctx) throw new Error("no 2d context on OffscreenCanvas");
    let t = performance.now();
    if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
    }
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const drawMs = performance.now() - t;
    t = performance.now();
    const results = await readBarcodes(image, full ? FULL_OPTIONS : FAST_OPTIONS);
    const decodeMs = performance.now() - t;
    post({ type: "result", id, texts: results.filter((r) => r.isValid && r.text !== "").map((r) => r.text), drawMs, decodeMs });
  } catch (error) {
    post({ type: "error", message: String(error) });
  }
};
