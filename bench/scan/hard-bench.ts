/**
 * The hard corpus (`hard-corpus.ts`) read as a camera loop reads it: each scene's 10 frames are
 * consecutive attempts of the loop, starting at a random point of the plan's period (the loop has
 * been running since the scanner opened; the customer's phone shows up whenever). Every frame is
 * read by the till's plan ("plan": `readPlanFor` + the till's `runReadPlan`) and by the old plan
 * ("baseline": `baseline-plan.ts`), in a shuffled order, frame by frame, so both see the same frames
 * under the same load. A read counts only if the till would take it: `checkPaymentCode` with the
 * wallet rules (16–24 digits, not a product barcode), as the camera scanner does. A misread is an
 * accepted code other than the scene's, or any accepted code on a negative scene.
 *
 * For a scene with a code that neither plan read in 10 frames, an exhaustive reader (full effort
 * with two binarizers, bar lines at every 3° from −33° to 33° and at ten angles around the located
 * barcode, each with nine treatments) tries all 10 frames: a scene it cannot read either is reported as unreadable
 * by anything we have, which tells a plan's miss from a destroyed code (e.g. glare over it).
 */
import { performance } from "node:perf_hooks";
import type { ReaderOptions } from "zxing-wasm/reader";
import { locateBarcode } from "../../lib/scan/barcode-locator";
import { checkPaymentCode, WALLET_CODE_RULES } from "../../lib/scan/payment-code";
import { finishBarLines, sampleBarLines, type BarLineGeometry, type Rgba } from "../../lib/scan/scan-lines";
import {
  BAR_OPTIONS,
  BAR_OPTIONS_BINARY,
  BAR_TREATMENTS,
  FULL_OPTIONS,
  READ_PLAN_PERIOD,
  type BarLineTreatment,
} from "../../lib/scan/wasm-reader-options";
import { barLinesFor } from "../../lib/scan/read-plan-runner";
import { baselineRead } from "./baseline-plan";
import { shuffle } from "./corpus";
import { seededRandom } from "../../lib/seeded-random";
import { loadWasmReader, wasmFirstText, wasmPlanRead } from "./engines";
import { buildHardScenes, FRAMES_PER_SCENE, type HardCorpusPlan } from "./hard-corpus";
import { renderSceneFrame, type SceneSpec } from "./hard-scene";

export type HardEngine = "plan" | "baseline";

export type EngineRun = {
  /** Per frame: the scene's code was read and accepted. */
  ok: boolean[];
  ms: number[];
  /** Accepted codes that are not the scene's (misreads). */
  wrong: string[];
  /** Texts read but refused as payment codes (a URL QR, a GTIN), per scene. */
  refused: string[];
};

export type HardSceneResult = {
  scene: Omit<SceneSpec, "seed">;
  /** The loop's attempt number at the scene's first frame. */
  start: number;
  runs: Record<HardEngine, EngineRun>;
  /** Only for scenes with a code neither plan read: whether the exhaustive reader read any frame. */
  readableByAnything: boolean | null;
};

export type HardBenchResult = {
  scenes: HardSceneResult[];
  renderMs: number;
  decodeMs: number;
  exhaustiveMs: number;
  totalMs: number;
};

type Outcome = { ok: boolean; wrong: string | null; refused: string | null };

/** What the camera scanner does with a decoded text (components/scan/camera-scanner.tsx). */
function judge(text: string | null, truth: string | null): Outcome {
  if (text === null) return { ok: false, wrong: null, refused: null };
  const check = checkPaymentCode(text, WALLET_CODE_RULES);
  if (!check.ok) return { ok: false, wrong: null, refused: text };
  return check.code === truth
    ? { ok: true, wrong: null, refused: null }
    : { ok: false, wrong: check.code, refused: null };
}

export async function runHardBench(plan: HardCorpusPlan, log: (line: string) => void): Promise<HardBenchResult> {
  const started = performance.now();
  await loadWasmReader();
  const scenes = buildHardScenes(plan);
  const random = seededRandom(plan.seed * 977 + 13);
  // The start attempt is drawn for every scene first, so the order below does not change it.
  const starts = scenes.map(() => Math.floor(random() * 30 * READ_PLAN_PERIOD));
  const order = shuffle(
    scenes.map((_, i) => i),
    random,
  );
  log(`hard corpus: ${scenes.length} scenes × ${FRAMES_PER_SCENE} frames`);

  // Warm-up, not recorded: the JIT and the wasm tier-up on a few scenes' first frames.
  for (const spec of scenes.filter((_, i) => i % 40 === 0)) {
    const frame = toRgba(renderSceneFrame(spec, 0));
    for (let attempt = 0; attempt < READ_PLAN_PERIOD; attempt++) {
      await wasmPlanRead(frame, attempt);
      await baselineRead(frame, attempt);
    }
  }

  let renderMs = 0;
  let decodeMs = 0;
  let exhaustiveMs = 0;
  const results: HardSceneResult[] = [];
  for (const [done, index] of order.entries()) {
    const spec = scenes[index]!;
    const runs: Record<HardEngine, EngineRun> = {
      plan: { ok: [], ms: [], wrong: [], refused: [] },
      baseline: { ok: [], ms: [], wrong: [], refused: [] },
    };
    const frames: Rgba[] = [];
    for (let i = 0; i < FRAMES_PER_SCENE; i++) {
      let t = performance.now();
      const frame = toRgba(renderSceneFrame(spec, i));
      renderMs += performance.now() - t;
      frames.push(frame);
      t = performance.now();
      const attempt = starts[index]! + i;
      for (const engine of shuffle<HardEngine>(["plan", "baseline"], random)) {
        const { text, ms } =
          engine === "plan" ? await wasmPlanRead(frame, attempt) : await baselineRead(frame, attempt);
        const outcome = judge(text, spec.truth);
        const run = runs[engine];
        run.ok.push(outcome.ok);
        run.ms.push(ms);
        if (outcome.wrong) run.wrong.push(outcome.wrong);
        if (outcome.refused && !run.refused.includes(outcome.refused)) run.refused.push(outcome.refused);
      }
      decodeMs += performance.now() - t;
    }
    let readableByAnything: boolean | null = null;
    if (spec.truth !== null && !runs.plan.ok.some(Boolean) && !runs.baseline.ok.some(Boolean)) {
      const t = performance.now();
      readableByAnything = false;
      for (const frame of frames) {
        if (await exhaustiveRead(frame, spec.truth)) {
          readableByAnything = true;
          break;
        }
      }
      exhaustiveMs += performance.now() - t;
    }
    const { seed: _seed, ...scene } = spec;
    results.push({ scene, start: starts[index]!, runs, readableByAnything });
    if ((done + 1) % 50 === 0) log(`hard corpus: ${done + 1}/${scenes.length} scenes`);
  }
  return { scenes: results, renderMs, decodeMs, exhaustiveMs, totalMs: performance.now() - started };
}

function toRgba(frame: { rgba: Uint8ClampedArray; width: number; height: number }): Rgba {
  return { data: frame.rgba, width: frame.width, height: frame.height };
}

/** Both sets of the plan and a few more. */
const TREATMENTS: BarLineTreatment[] = [
  ...BAR_TREATMENTS[0],
  ...BAR_TREATMENTS[1].map((t) => ({ ...t, along: "bars" as const })),
  { sharpen: 3, sharpenRadius: 2, upsample: 2, threshold: "none", along: "bars", angleOffsetDeg: 0 },
  { sharpen: 1, sharpenRadius: 3, upsample: 2, threshold: "none", along: "bars", angleOffsetDeg: 0 },
  { sharpen: 2, sharpenRadius: 1, upsample: 2, threshold: "local", along: "bars", angleOffsetDeg: 0 },
];

/** Everything we have, regardless of cost: does any of it read `truth` in this frame? */
async function exhaustiveRead(frame: Rgba, truth: string): Promise<boolean> {
  const hit = async (image: Rgba, options: ReaderOptions) => judge(await wasmFirstText(image, options), truth).ok;
  if (await hit(frame, FULL_OPTIONS)) return true;
  if (await hit(frame, { ...FULL_OPTIONS, binarizer: "GlobalHistogram" })) return true;
  const lines = async (geometry: BarLineGeometry) => {
    const raw = sampleBarLines(frame, geometry);
    for (const t of TREATMENTS)
      if (await hit(finishBarLines(raw, t), t.threshold === "local" ? BAR_OPTIONS_BINARY : BAR_OPTIONS)) return true;
    return false;
  };
  const guess = locateBarcode(frame);
  if (guess) {
    for (const along of ["bars", "between"] as const) {
      for (const offset of [0, -4, 4, -8, 8])
        if (await lines(barLinesFor(guess, { ...TREATMENTS[0]!, along, angleOffsetDeg: offset }))) return true;
    }
  }
  const half = Math.hypot(frame.width, frame.height) / 2;
  for (let angle = -33; angle <= 33; angle += 3) {
    const geometry: BarLineGeometry = {
      angleDeg: angle,
      centre: { x: frame.width / 2, y: frame.height / 2 },
      halfLength: half,
      count: 48,
      spacing: frame.height / 48,
      average: 3,
      upsample: 2,
    };
    if (await lines(geometry)) return true;
  }
  return false;
}
