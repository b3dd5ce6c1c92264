/**
 * The product mode's own figures (issue 12; docs/glossary.md, "read mode"): seeded 1280×720 frames
 * of an EAN-13, a UPC-A and a Code 128 SKU on a label (turns up to ±15°, blur, noise, low contrast,
 * off-centre), each read by the first attempt of the till's product plan (`productReadPlanFor`, run
 * by `runReadPlan` as the worker runs it). A read counts only if it is the expected normalised code.
 * The payment mode is not involved: its figures are the rest of `npm run bench:scan`.
 */
import { performance } from "node:perf_hooks";
import { seededRandom } from "../../lib/seeded-random";
import { normaliseProductBarcode } from "../../lib/scan/product-code";
import { renderFrame, type FrameSymbol } from "../../tests/support/frames";
import { wasmProductPlanRead } from "./engines";

type Kind = "ean13" | "upca" | "code128";

const CODES: Record<Kind, readonly string[]> = {
  ean13: ["4006381333931", "4891234567898", "9300633609436", "5012345678900"],
  upca: ["036000291452", "012345678905", "042100005264", "725272730706"],
  code128: ["CAFE-LATTE-12", "SKU-00042", "OATMILK1L", "BEAN/ETH/250G"],
};

export type ProductKindResult = { frames: number; read: number; rate: number; msP50: number; msMean: number };
export type ProductBenchResult = Record<Kind, ProductKindResult> & { msP50: number; totalMs: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)]!;
};
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

export async function runProductBench(
  framesPerKind: number,
  seed: number,
  log: (line: string) => void,
): Promise<ProductBenchResult> {
  const started = performance.now();
  const random = seededRandom(seed + 1200);
  const all: number[] = [];
  const result = {} as Record<Kind, ProductKindResult>;
  for (const kind of ["ean13", "upca", "code128"] as const) {
    const ms: number[] = [];
    let read = 0;
    for (let i = 0; i < framesPerKind; i++) {
      const text = CODES[kind][i % CODES[kind].length]!;
      const expected = normaliseProductBarcode(text);
      if (!expected.ok) throw new Error(`bench fixture ${text} is not a product barcode`);
      const dark = Math.round(25 + random() * 50);
      const f = renderFrame({
        symbol: kind as FrameSymbol,
        text,
        rotationDeg: (random() * 2 - 1) * 15,
        offsetX: (random() * 2 - 1) * 0.12,
        barcodeWidth: 0.3 + random() * 0.25,
        blur: 0.4 + random() * 0.8,
        noise: 1 + random() * 3,
        contrast: { dark, light: Math.round(180 + random() * 60) },
        surroundings: random() < 0.5 ? "dark" : "white",
        seed: seed * 1000 + i,
      });
      const frame = { data: f.rgba, width: f.width, height: f.height };
      const r = await wasmProductPlanRead(frame, i);
      ms.push(r.ms);
      if (r.text === expected.code) read++;
    }
    all.push(...ms);
    result[kind] = {
      frames: framesPerKind,
      read,
      rate: round(read / framesPerKind, 3),
      msP50: round(median(ms)),
      msMean: round(ms.reduce((a, b) => a + b, 0) / ms.length),
    };
    log(`product ${kind}: ${read}/${framesPerKind} read on the first attempt, ${result[kind].msP50} ms median`);
  }
  return { ...result, msP50: round(median(all)), totalMs: performance.now() - started };
}
