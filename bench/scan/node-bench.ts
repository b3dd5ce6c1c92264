/**
 * Per-attempt decode cost and success on the first (single-frame) corpus, in Node. Every frame is
 * read with every attempt of one period of the till's read plan ("plan", `readPlanFor` run by the
 * till's own `runReadPlan`), of the old plan ("baseline", `baseline-plan.ts`) and once by
 * zxing-js, all in a shuffled order, and the frames themselves are shuffled each round, so load on
 * the shared machine lands on all of them alike.
 */
import { performance } from "node:perf_hooks";
import { READ_PLAN_PERIOD } from "../../lib/scan/wasm-reader-options";
import { BASELINE_PERIOD, baselineRead } from "./baseline-plan";
import { buildCorpus, shuffle, type CorpusFrame, type CorpusPlan, type FrameKind } from "./corpus";
import { seededRandom } from "../../lib/seeded-random";
import { loadWasmReader, wasmPlanRead, zxingJsDecoder, type Rgba } from "./engines";

export type Engine = "plan" | "baseline" | "zxing";

export type Sample = {
  frame: number;
  engine: Engine;
  /** The plan's attempt number within its period (0 for zxing-js). */
  attempt: number;
  round: number;
  ms: number;
  ok: boolean;
  misread: string | null;
};

export type FrameInfo = Pick<CorpusFrame, "id" | "kind" | "expected" | "profile" | "width" | "height" | "options">;

export type NodeBenchResult = {
  frames: FrameInfo[];
  samples: Sample[];
  rounds: number;
  corpusMs: number;
  benchMs: number;
};

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
    log(
      `corpus ${width}x${height}: ${part.length} frames (${count(part, "c128")} Code 128, ${count(part, "qr")} QR, ${count(part, "empty")} empty)`,
    );
  }
  const corpusMs = performance.now() - t;

  type Job = { engine: Engine; attempt: number };
  const jobs: Job[] = [
    ...Array.from({ length: READ_PLAN_PERIOD }, (_, attempt) => ({ engine: "plan" as const, attempt })),
    ...Array.from({ length: BASELINE_PERIOD }, (_, attempt) => ({ engine: "baseline" as const, attempt })),
    { engine: "zxing", attempt: 0 },
  ];
  const run = async (job: Job, frame: CorpusFrame): Promise<{ ms: number; text: string | null }> => {
    const image: Rgba = { data: frame.rgba, width: frame.width, height: frame.height };
    if (job.engine === "plan") return wasmPlanRead(image, job.attempt);
    if (job.engine === "baseline") return baselineRead(image, job.attempt);
    const start = performance.now();
    const [text = null] = zxing(image);
    return { ms: performance.now() - start, text };
  };

  // Warm-up (JIT, wasm tier-up), not recorded: a few frames of every kind and size.
  for (const frame of frames.filter((_, i) => i % 9 === 0).slice(0, 12)) for (const job of jobs) await run(job, frame);

  t = performance.now();
  const random = seededRandom(plan.seed * 31 + 7);
  const samples: Sample[] = [];
  const order = frames.map((_, i) => i);
  for (let round = 0; round < rounds; round++) {
    for (const index of shuffle([...order], random)) {
      const frame = frames[index]!;
      for (const job of shuffle([...jobs], random)) {
        const { ms, text } = await run(job, frame);
        samples.push({
          frame: index,
          engine: job.engine,
          attempt: job.attempt,
          round,
          ms,
          ok: frame.expected !== null && text === frame.expected,
          misread: text !== null && text !== frame.expected ? text : null,
        });
      }
    }
    log(`round ${round + 1}/${rounds} done`);
  }
  const benchMs = performance.now() - t;
  const info = frames.map(({ id, kind, expected, profile, width, height, options }) => ({
    id,
    kind,
    expected,
    profile,
    width,
    height,
    options,
  }));
  return { frames: info, samples, rounds, corpusMs, benchMs };
}

function count(frames: CorpusFrame[], kind: FrameKind): number {
  return frames.filter((f) => f.kind === kind).length;
}
