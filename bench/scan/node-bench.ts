/**
 * Per-frame decode cost and success of both engines on the generated corpus, in Node. Every frame
 * goes through every mode (wasm fast-on-centre, wasm full-effort on the frame and on the centre,
 * zxing-js full frame) in a
 * shuffled order, and the frames themselves are shuffled across sizes each round, so load on the
 * shared machine lands on all modes alike.
 */
import { performance } from "node:perf_hooks";
import { FAST_OPTIONS, FULL_OPTIONS, centreRegion } from "../../lib/scan/wasm-reader-options";
import { buildCorpus, cropRgba, seededRandom, type CorpusFrame, type CorpusPlan, type FrameKind } from "./corpus";
import { loadWasmReader, wasmDecode, zxingJsDecoder, type Rgba } from "./engines";

export type Mode = "wasm-fast" | "wasm-full" | "wasm-full-centre" | "zxing";
export const MODES: Mode[] = ["wasm-fast", "wasm-full", "wasm-full-centre", "zxing"];

export type Sample = {
  frame: number;
  mode: Mode;
  round: number;
  ms: number;
  ok: boolean;
  misread: string | null;
};

export type FrameInfo = Pick<CorpusFrame, "id" | "kind" | "expected" | "profile" | "width" | "height" | "options">;

export type NodeBenchResult = { frames: FrameInfo[]; samples: Sample[]; rounds: number; corpusMs: number; benchMs: number };

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export async function runNodeBench(
  sizes: Array<[number, number]>,
  plan: CorpusPlan,
  rounds: number,
  log: (line: string) => void,
): Promise<NodeBenchResult> {
  await loadWasmReader();
  const zxing = zxingJsDecoder();

  let t = performance.now();
  const frames: CorpusFrame[] = [];
  for (const [width, height] of sizes) {
    const part = buildCorpus(width, height, plan);
    frames.push(...part);
    log(`corpus ${width}x${height}: ${part.length} frames (${count(part, "c128")} Code 128, ${count(part, "qr")} QR, ${count(part, "empty")} empty)`);
  }
  const corpusMs = performance.now() - t;

  const run = async (mode: Mode, frame: CorpusFrame): Promise<{ ms: number; texts: string[] }> => {
    const full: Rgba = { data: frame.rgba, width: frame.width, height: frame.height };
    if (mode === "wasm-fast" || mode === "wasm-full-centre") {
      // The browser reads only the centre region off the canvas, so the crop is part of the grab,
      // not of the decode: done before the clock starts.
      const region = centreRegion(frame.width, frame.height);
      const roi: Rgba = { data: cropRgba(frame.rgba, frame.width, region), width: region.width, height: region.height };
      const start = performance.now();
      const texts = await wasmDecode(roi, mode === "wasm-fast" ? FAST_OPTIONS : FULL_OPTIONS);
      return { ms: performance.now() - start, texts };
    }
    const start = performance.now();
    const texts = mode === "wasm-full" ? await wasmDecode(full, FULL_OPTIONS) : zxing(full);
    return { ms: performance.now() - start, texts };
  };

  // Warm-up (JIT, wasm tier-up), not recorded: a few frames of every kind and size.
  for (const frame of frames.filter((_, i) => i % 9 === 0).slice(0, 12)) for (const mode of MODES) await run(mode, frame);

  t = performance.now();
  const random = seededRandom(plan.seed * 31 + 7);
  const samples: Sample[] = [];
  const order = frames.map((_, i) => i);
  for (let round = 0; round < rounds; round++) {
    for (const index of shuffle([...order], random)) {
      const frame = frames[index]!;
      for (const mode of shuffle([...MODES], random)) {
        const { ms, texts } = await run(mode, frame);
        const wrong = texts.filter((text) => text !== frame.expected);
        samples.push({
          frame: index,
          mode,
          round,
          ms,
          ok: frame.expected !== null && texts.includes(frame.expected),
          misread: wrong.length ? wrong.join("|") : null,
        });
      }
    }
    log(`round ${round + 1}/${rounds} done`);
  }
  const benchMs = performance.now() - t;
  const info = frames.map(({ id, kind, expected, profile, width, height, options }) => ({ id, kind, expected, profile, width, height, options }));
  return { frames: info, samples, rounds, corpusMs, benchMs };
}

function count(frames: CorpusFrame[], kind: FrameKind): number {
  return frames.filter((f) => f.kind === kind).length;
}
