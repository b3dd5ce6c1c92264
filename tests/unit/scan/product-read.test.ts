/**
 * The camera's product mode (issue 12; docs/glossary.md, "read mode"): its read plan, how a
 * zxing-wasm result becomes a normalised product barcode, the real reader on rendered product
 * barcodes, and what the camera scanner does with a read in each mode.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { productOfRead } from "@/components/scan/camera-scanner";
import { WALLET_CODE_RULES } from "@/lib/scan/payment-code";
import { runReadPlan, type Decode } from "@/lib/scan/read-plan-runner";
import {
  BAR_TREATMENTS,
  productCodeOfRead,
  productReadPlanFor,
  READ_PLAN_PERIOD,
  readPlanFor,
  readPlanForMode,
} from "@/lib/scan/wasm-reader-options";
import { renderFrame, SAMPLE_CODES, type FrameSymbol } from "../../support/frames";

describe("read plans by mode", () => {
  it("the payment mode is the payment plan, attempt for attempt", () => {
    for (let attempt = 0; attempt < 2 * READ_PLAN_PERIOD; attempt++)
      expect(readPlanForMode("payment", attempt, 1280, 720)).toEqual(readPlanFor(attempt, 1280, 720));
  });

  it("the product mode: product bar lines (treatments taking turns), then a whole-frame product read; never QR", () => {
    for (let attempt = 0; attempt < 2 * READ_PLAN_PERIOD; attempt++) {
      const plan = productReadPlanFor(attempt, 1280, 720);
      expect(readPlanForMode("product", attempt, 1280, 720)).toEqual(plan);
      expect(plan).toMatchObject({ x: 0, y: 0, width: 1280, height: 720 });
      expect(plan.steps).toEqual([
        { kind: "bars", treatments: BAR_TREATMENTS[attempt % 2], product: true },
        { kind: "product" },
      ]);
    }
  });
});

describe("productCodeOfRead", () => {
  it.each([
    ["4006381333931", "EAN13", "4006381333931"],
    ["036000291452", "UPCA", "0036000291452"],
    ["96385074", "EAN8", "96385074"],
    ["01000054", "UPCE", "0010000000054"],
    ["01000054", "EAN8", "01000054"],
    ["SKU-7", "Code128", "SKU-7"],
  ])("%s read as %s → %s", (text, format, code) => {
    expect(productCodeOfRead({ text, format })).toBe(code);
  });

  it("is null for other formats and for a wrong check digit", () => {
    expect(productCodeOfRead({ text: "4006381333931", format: "QRCode" })).toBeNull();
    expect(productCodeOfRead({ text: "4006381333932", format: "EAN13" })).toBeNull();
  });
});

describe("the real reader (zxing-wasm in Node) on rendered frames", () => {
  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm"));
    await prepareZXingModule({
      overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
      fireImmediately: true,
    });
  });

  /** As the worker: the first valid result, payment mode as it is, product mode normalised. */
  const decodeAs =
    (product: boolean): Decode =>
    async (image, options) => {
      const results = await readBarcodes(image as unknown as ImageData, options);
      for (const r of results) {
        const text = !r.isValid ? null : product ? productCodeOfRead(r) : r.text;
        if (text) return text;
      }
      return null;
    };

  const frameOf = (symbol: FrameSymbol, text: string, rotationDeg = 0) => {
    const f = renderFrame({ symbol, text, rotationDeg, blur: 0.6, noise: 2 });
    return { data: f.rgba, width: f.width, height: f.height };
  };

  it.each([
    ["ean13", "4006381333931", 0, "4006381333931"],
    ["upca", "036000291452", 0, "0036000291452"],
    ["code128", "CAFE-LATTE-12", 0, "CAFE-LATTE-12"],
    ["ean13", "4006381333931", 20, "4006381333931"],
  ] as const)("product mode reads a %s %s turned %i° as %s", async (symbol, text, turn, code) => {
    const frame = frameOf(symbol, text, turn);
    const read = await runReadPlan(frame, productReadPlanFor(0, frame.width, frame.height).steps, decodeAs(true));
    expect(read.text).toBe(code);
  });

  it("the payment mode does not read an EAN-13 at all (its symbologies are QR and Code 128 only)", async () => {
    const frame = frameOf("ean13", "4006381333931");
    for (let attempt = 0; attempt < READ_PLAN_PERIOD; attempt++) {
      const read = await runReadPlan(frame, readPlanFor(attempt, frame.width, frame.height).steps, decodeAs(false));
      expect(read.text).toBeNull();
    }
  });

  it("the product mode reads a wallet's Code 128 as text the camera then refuses", async () => {
    const frame = frameOf("code128", SAMPLE_CODES.wechat);
    const read = await runReadPlan(frame, productReadPlanFor(0, frame.width, frame.height).steps, decodeAs(true));
    expect(read.text).toBe(SAMPLE_CODES.wechat);
    expect(productOfRead(read.text!, WALLET_CODE_RULES)).toEqual({
      ok: false,
      notice: { key: "scan.readPaymentCodeOnSale" },
    });
  });
});

describe("productOfRead (the camera scanner in product mode)", () => {
  it("a product barcode is handed over normalised", () => {
    expect(productOfRead("036000291452", WALLET_CODE_RULES)).toEqual({ ok: true, code: "0036000291452" });
  });

  it("anything else is refused with a notice", () => {
    expect(productOfRead("咖啡", WALLET_CODE_RULES)).toEqual({ ok: false, notice: { key: "scan.readNotProductCode" } });
  });
});
