/**
 * The zxing-wasm worker (`lib/scan/zxing-wasm.worker.ts`) run in Node with the real WebAssembly
 * reader: it loads the binary from the URL it is given (never the CDN), then reads synthetic
 * camera frames cut exactly as the camera loop cuts them and with the steps the read plan names
 * (`readPlanFor`: bar lines on the located barcode and QR on the centre region; every 8th read
 * full effort on the whole frame).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { FromWorker, ToWorker } from "@/lib/scan/wasm-worker-protocol";
import { checkPaymentCode } from "@/lib/scan/payment-code";
import { FULL_EFFORT_EVERY, readPlanFor } from "@/lib/scan/wasm-reader-options";
import { SCANNER_WASM_PATH } from "@/lib/scan/scan-settings";
import { renderFrame, SAMPLE_CODES, type Frame, type FrameOptions } from "../../support/frames";

const WASM_URL = `http://till.test${SCANNER_WASM_PATH}`;
const wasmBytes = readFileSync(
  path.join(import.meta.dirname, "..", "..", "..", "public", "scanner", "zxing_reader.wasm"),
);

const posted: FromWorker[] = [];
let deliver: (message: ToWorker) => void = () => {
  throw new Error("the worker did not listen");
};
const fetched: string[] = [];

beforeAll(async () => {
  vi.stubGlobal("postMessage", (message: FromWorker) => posted.push(message));
  vi.stubGlobal("addEventListener", (type: string, listener: (event: { data: ToWorker }) => void) => {
    if (type === "message") deliver = (data) => listener({ data });
  });
  vi.stubGlobal("fetch", async (url: string | URL) => {
    fetched.push(String(url));
    if (String(url) !== WASM_URL) return new Response("not found", { status: 404 });
    return new Response(wasmBytes, { headers: { "content-type": "application/wasm" } });
  });
  await import("@/lib/scan/zxing-wasm.worker");
  deliver({ type: "init", wasmUrl: WASM_URL });
  await vi.waitUntil(() => posted.some((m) => m.type === "ready" || m.type === "init-failed"), { timeout: 15_000 });
});

afterAll(() => {
  vi.unstubAllGlobals();
});

let nextId = 1;

async function readFrame(
  frame: Frame,
  attempt: number,
): Promise<Extract<FromWorker, { type: "result" | "read-failed" }>> {
  const plan = readPlanFor(attempt, frame.width, frame.height);
  const data = new Uint8ClampedArray(plan.width * plan.height * 4);
  for (let row = 0; row < plan.height; row++) {
    const from = ((plan.y + row) * frame.width + plan.x) * 4;
    data.set(frame.rgba.subarray(from, from + plan.width * 4), row * plan.width * 4);
  }
  const id = nextId++;
  deliver({
    type: "read",
    id,
    steps: plan.steps,
    pixels: { data: data.buffer, width: plan.width, height: plan.height },
  });
  let reply: FromWorker | undefined;
  await vi.waitUntil(
    () => (reply = posted.find((m) => (m.type === "result" || m.type === "read-failed") && m.id === id)),
    { timeout: 10_000 },
  );
  return reply as Extract<FromWorker, { type: "result" | "read-failed" }>;
}

/** The texts of reads 0 … FULL_EFFORT_EVERY-1 (one cycle of cheap reads ending with a full-effort one). */
async function oneCycle(options: FrameOptions): Promise<(string | null)[]> {
  const frame = renderFrame(options);
  const texts: (string | null)[] = [];
  for (let attempt = 0; attempt < FULL_EFFORT_EVERY; attempt++) {
    const reply = await readFrame(frame, attempt);
    expect(reply.type).toBe("result");
    texts.push(reply.type === "result" ? reply.text : null);
  }
  return texts;
}

describe("zxing-wasm worker", () => {
  it("loads the binary from our own URL only, and says it is ready", () => {
    expect(posted.find((m) => m.type === "init-failed")).toBeUndefined();
    expect(posted[0]).toMatchObject({ type: "ready", canDrawBitmaps: false });
    expect(fetched).toEqual([WASM_URL]);
  });

  it("reads a QR code on the first (fast, centre) read", async () => {
    const texts = await oneCycle({ symbol: "qrcode", text: SAMPLE_CODES.wechat, rotationDeg: 4, blur: 0.8, noise: 2 });
    expect(texts[0]).toBe(SAMPLE_CODES.wechat);
  });

  it("reads a Code 128 beside a dark border on the first read", async () => {
    const texts = await oneCycle({ symbol: "code128", text: SAMPLE_CODES.unionpay, surroundings: "dark" });
    expect(texts[0]).toBe(SAMPLE_CODES.unionpay);
  });

  it("reads a Code 128 turned 25° on the first read (no image row crosses all its bars)", async () => {
    const texts = await oneCycle({
      symbol: "code128",
      text: SAMPLE_CODES.wechat,
      rotationDeg: 25,
      barcodeWidth: 0.5,
      blur: 0.8,
      noise: 2,
      surroundings: "dark",
    });
    expect(texts[0]).toBe(SAMPLE_CODES.wechat);
  });

  it("reads a Code 128 turned -22°, small and blurred, within one cycle", async () => {
    const texts = await oneCycle({
      symbol: "code128",
      text: SAMPLE_CODES.alipayLong,
      rotationDeg: -22,
      barcodeWidth: 0.35,
      blur: 1.4,
      noise: 3,
      surroundings: "dark",
    });
    expect(texts).toContain(SAMPLE_CODES.alipayLong);
  });

  it("reads a tilted, low-contrast Code 128 within one cycle", async () => {
    const texts = await oneCycle({
      symbol: "code128",
      text: SAMPLE_CODES.alipayLong,
      rotationDeg: 5,
      contrast: { dark: 75, light: 175 },
      blur: 0.8,
      noise: 2,
      surroundings: "dark",
    });
    expect(texts).toContain(SAMPLE_CODES.alipayLong);
  });

  it("reads QR on the centre only on cheap reads: a code at the frame's edge waits for the full-effort read", async () => {
    // The phone held far to the left: its QR code lies outside the centre 75% of the width.
    const texts = await oneCycle({
      symbol: "qrcode",
      text: SAMPLE_CODES.alipay,
      offsetX: -0.36,
      qrSize: 0.3,
      surroundings: "white",
    });
    expect(texts.slice(0, FULL_EFFORT_EVERY - 1)).toEqual(Array(FULL_EFFORT_EVERY - 1).fill(null));
    expect(texts[FULL_EFFORT_EVERY - 1]).toBe(SAMPLE_CODES.alipay);
  });

  it("finds nothing on a frame without a code (QR and Code 128 only: no phantom reads)", async () => {
    expect(await oneCycle({ symbol: "none", surroundings: "dark", noise: 3 })).toEqual(
      Array(FULL_EFFORT_EVERY).fill(null),
    );
  });

  it("reads a product's GTIN in a Code 128 and a URL QR code, which the till then refuses as payment codes", async () => {
    const gtin = "4006381333931";
    const url = "https://shop.example/menu?table=12";
    const [barcode] = await oneCycle({
      symbol: "code128",
      text: gtin,
      rotationDeg: 18,
      barcodeWidth: 0.4,
      surroundings: "dark",
    });
    const [qr] = await oneCycle({ symbol: "qrcode", text: url, surroundings: "dark" });
    expect([barcode, qr]).toEqual([gtin, url]);
    expect(checkPaymentCode(barcode!)).toEqual({ ok: false, reason: "product_barcode" });
    expect(checkPaymentCode(qr!)).toEqual({ ok: false, reason: "not_digits" });
  });

  it("answers a frame it cannot read with read-failed, and keeps working", async () => {
    const id = nextId++;
    deliver({
      type: "read",
      id,
      steps: readPlanFor(0, 640, 480).steps,
      pixels: { data: new ArrayBuffer(16), width: 640, height: 480 },
    });
    await vi.waitUntil(() => posted.some((m) => "id" in m && m.id === id), { timeout: 10_000 });
    expect(posted.find((m) => "id" in m && m.id === id)?.type).toBe("read-failed");
    const texts = await oneCycle({ symbol: "qrcode", text: SAMPLE_CODES.wechatHongKong });
    expect(texts[0]).toBe(SAMPLE_CODES.wechatHongKong);
  });

  // Last: it leaves the worker without a module (the page then starts a fresh worker).
  it("reports a binary that cannot be loaded (so the page can fall back to zxing-js)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    deliver({ type: "init", wasmUrl: "http://till.test/scanner/missing.wasm" });
    await vi.waitUntil(() => posted.some((m) => m.type === "init-failed"), { timeout: 15_000 });
    expect(fetched.filter((url) => !url.startsWith("http://till.test/"))).toEqual([]);
  });
});
