/**
 * The page's side of the zxing-wasm worker: one worker per tab, started by `preloadWasmReader()`
 * when the sale screen opens so the reader binary is fetched and compiled before the cashier
 * taps Charge, then kept for every scan of the tab's life. Browser only.
 */
import "client-only";
import { SCANNER_WASM_PATH } from "./scan-settings";
import type { ReadMode, ReadStep } from "./wasm-reader-options";
import type { FromWorker, ToWorker } from "./wasm-worker-protocol";

export type WasmReadReply = { text: string | null; step: ReadStep["kind"] | null; decodeMs: number; drawMs: number };

export type WasmReader = {
  /** Resolves once the binary is compiled and warmed up; rejects if it cannot load (then the worker is gone). */
  readonly ready: Promise<{ compileMs: number; canDrawBitmaps: boolean }>;
  /** Reads one frame with the plan's steps; the image's pixels are transferred to the worker, not copied. */
  read(
    frame: ({ steps: ReadStep[]; image: ImageBitmap } | { steps: ReadStep[]; pixels: ImageData }) & { mode?: ReadMode },
  ): Promise<WasmReadReply>;
};

/** A binary that has not compiled by then is treated as unavailable (the camera uses zxing-js). */
const READY_TIMEOUT_MS = 15_000;

let shared: WasmReader | null = null;

/** Only the product mode is named: a payment read's message is the one from before the mode existed. */
const tag = (mode: ReadMode | undefined) => (mode === "product" ? { mode } : {});

/** Starts the worker and the binary's download and compile; cheap to call again. */
export function preloadWasmReader(): WasmReader {
  shared ??= startWorker();
  return shared;
}

function startWorker(): WasmReader {
  const worker = new Worker(new URL("./zxing-wasm.worker.ts", import.meta.url), {
    type: "module",
    name: "scantill-scanner",
  });
  const pending = new Map<number, { resolve: (reply: WasmReadReply) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let broken: Error | null = null;

  let settleReady!: {
    resolve: (value: { compileMs: number; canDrawBitmaps: boolean }) => void;
    reject: (error: Error) => void;
  };
  const ready = new Promise<{ compileMs: number; canDrawBitmaps: boolean }>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // Nobody may be waiting yet (a preload); the rejection is still seen by every later caller.
  ready.catch(() => undefined);

  const fail = (error: Error) => {
    if (broken) return;
    broken = error;
    settleReady.reject(error);
    for (const request of pending.values()) request.reject(error);
    pending.clear();
    worker.terminate();
    // The next scan gets a fresh worker (e.g. the binary failed to download while offline).
    if (shared && shared.ready === ready) shared = null;
  };
  const timeout = setTimeout(() => fail(new Error("the scanner's wasm did not load in time")), READY_TIMEOUT_MS);

  worker.addEventListener("message", (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    switch (message.type) {
      case "ready":
        clearTimeout(timeout);
        settleReady.resolve({ compileMs: message.compileMs, canDrawBitmaps: message.canDrawBitmaps });
        return;
      case "init-failed":
        clearTimeout(timeout);
        fail(new Error(`the scanner's wasm failed to load: ${message.message}`));
        return;
      case "result":
      case "read-failed": {
        const request = pending.get(message.id);
        if (!request) return;
        pending.delete(message.id);
        if (message.type === "result")
          request.resolve({
            text: message.text,
            step: message.step,
            decodeMs: message.decodeMs,
            drawMs: message.drawMs,
          });
        else request.reject(new Error(message.message));
      }
    }
  });
  worker.addEventListener("error", (event) => {
    clearTimeout(timeout);
    fail(new Error(`the scanner worker failed: ${event.message || "could not load"}`));
  });

  const post = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  post({ type: "init", wasmUrl: new URL(SCANNER_WASM_PATH, globalThis.location.href).href });

  return {
    ready,
    read(frame) {
      if (broken) {
        if ("image" in frame) frame.image.close();
        return Promise.reject(broken);
      }
      const id = nextId++;
      return new Promise<WasmReadReply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if ("image" in frame) {
          post({ type: "read", id, steps: frame.steps, ...tag(frame.mode), image: frame.image }, [frame.image]);
        } else {
          const { data, width, height } = frame.pixels;
          post(
            { type: "read", id, steps: frame.steps, mode: frame.mode, pixels: { data: data.buffer, width, height } },
            [data.buffer],
          );
        }
      });
    },
  };
}
