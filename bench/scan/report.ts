/**
 * Turns the raw samples, the hard corpus and the browser runs into the tables and the BENCH
 * numbers. `wasm_*` figures are the till's read plan, `baseline_*` the old plan, side by side.
 */
import { READ_PLAN_PERIOD } from "../../lib/scan/wasm-reader-options";
import type { BrowserBenchResult, BrowserEngine, BrowserRun, Symbology } from "./browser-bench";
import type { FrameKind } from "./corpus";
import type { HardBenchResult } from "./hard-bench";
import { hardReport } from "./hard-report";
import type { Engine, FrameInfo, NodeBenchResult, Sample } from "./node-bench";
import { fmt, median, msStats, pct, round, table } from "./report-format";

const sizeOf = (f: FrameInfo) => `${f.width}x${f.height}`;
type Kind = FrameKind | "code" | "all";
const kindIs = (kind: Kind) => (f: FrameInfo) =>
  kind === "all" || (kind === "code" ? f.kind !== "empty" : f.kind === kind);

/** One frame in one round: every engine's samples (a period of attempts for the two plans). */
type Cell = { frame: FrameInfo; samples: Record<Engine, Sample[]> };

function cellsOf(result: NodeBenchResult): Cell[] {
  const byKey = new Map<string, Cell>();
  for (const s of result.samples) {
    const key = `${s.frame}:${s.round}`;
    let cell = byKey.get(key);
    if (!cell) {
      cell = { frame: result.frames[s.frame]!, samples: { plan: [], baseline: [], zxing: [] } };
      byKey.set(key, cell);
    }
    cell.samples[s.engine].push(s);
  }
  return [...byKey.values()];
}

/** Share of frames read within one period of attempts (zxing-js: its one read). */
const readInPeriod = (c: Cell, e: Engine) => c.samples[e].some((s) => s.ok);
/** Share of single attempts that read (a frame seen at a random point of the period). */
const attemptShare = (c: Cell, e: Engine) => c.samples[e].filter((s) => s.ok).length / c.samples[e].length;

function rate(cells: Cell[], e: Engine, filter: (f: FrameInfo) => boolean, single = false) {
  const cs = cells.filter((c) => filter(c.frame));
  const hits = cs.reduce((n, c) => n + (single ? attemptShare(c, e) : readInPeriod(c, e) ? 1 : 0), 0);
  return { rate: hits / cs.length, n: cs.length };
}

function misreads(cells: Cell[], e: Engine, filter: (f: FrameInfo) => boolean = () => true) {
  const bad = new Map<string, string>();
  for (const c of cells) {
    if (!filter(c.frame)) continue;
    const wrong = c.samples[e].map((s) => s.misread).filter((m): m is string => m !== null);
    if (wrong.length) bad.set(c.frame.id, wrong.join("|"));
  }
  return { frames: bad.size, examples: [...bad.entries()].slice(0, 5).map(([id, text]) => `${id} → "${text}"`) };
}

const cost = (cells: Cell[], e: Engine, size: string, kind: Kind) =>
  msStats(
    cells
      .filter((c) => sizeOf(c.frame) === size && kindIs(kind)(c.frame))
      .flatMap((c) => c.samples[e].map((s) => s.ms)),
  );

/** Median over runs, a run without a decode counting as +∞ (so a majority of misses gives "—"). */
function medianFirstDecode(runs: BrowserRun[]): number {
  return median(runs.map((r) => (r.firstDecodeMs === null ? Infinity : r.firstDecodeMs)));
}

export function buildReport(
  node: NodeBenchResult,
  hard: HardBenchResult | null,
  browser: BrowserBenchResult | null,
  meta: { quick: boolean; rounds: number; seed: number; zxingPatched: boolean; totalMs: number; machine: string },
): { text: string; json: Record<string, unknown> } {
  const cells = cellsOf(node);
  const sizes = [...new Set(node.frames.map(sizeOf))];
  const out: string[] = [];
  const counts = (size: string) => {
    const f = node.frames.filter((x) => sizeOf(x) === size);
    return {
      c128: f.filter((x) => x.kind === "c128").length,
      qr: f.filter((x) => x.kind === "qr").length,
      empty: f.filter((x) => x.kind === "empty").length,
    };
  };
  const engineName: Record<Engine, string> = {
    plan: "wasm, till's read plan (after)",
    baseline: "wasm, old plan (before)",
    zxing: "zxing-js (patched), whole frame",
  };

  out.push(`Scan benchmark${meta.quick ? " (--quick)" : ""}: ${meta.machine}`);
  out.push(
    `First corpus (single frames, seed ${meta.seed}): ` +
      sizes
        .map((s) => {
          const c = counts(s);
          return `${s}: ${c.c128} Code 128 + ${c.qr} QR + ${c.empty} empty`;
        })
        .join("; ") +
      `; ${meta.rounds} timed rounds; every frame read at each attempt of one period (${READ_PLAN_PERIOD}) of both plans, orders shuffled.`,
  );
  out.push(
    `@zxing/library Code 128 patch applied: ${meta.zxingPatched ? "yes" : "NO (node_modules is unpatched: run npm install)"}`,
  );
  out.push("");

  // --- cost ---
  out.push(
    "Per-attempt cost in Node, ms, median / p95: from RGBA as the worker has it (wasm: the plan's steps; zxing-js: grey conversion + decode)",
  );
  const kinds: Kind[] = ["code", "empty", "all"];
  const costRows = (["baseline", "plan", "zxing"] as const).map((e) => [
    engineName[e],
    ...sizes.flatMap((s) =>
      kinds.map((k) => {
        const st = cost(cells, e, s, k);
        return `${fmt(st.p50, 2)} / ${fmt(st.p95, 2)}`;
      }),
    ),
  ]);
  costRows.push([
    "ratio after / before (medians)",
    ...sizes.flatMap((s) =>
      kinds.map((k) => fmt(cost(cells, "plan", s, k).p50 / cost(cells, "baseline", s, k).p50, 2)),
    ),
  ]);
  out.push(table(["engine", ...sizes.flatMap((s) => kinds.map((k) => `${s} ${k}`))], costRows));
  out.push("");

  // --- success ---
  out.push(
    "Share of frames read: one attempt (averaged over the period's attempts) / within one period of attempts; zxing-js reads once",
  );
  const successRows: string[][] = [];
  for (const size of sizes) {
    for (const kind of ["c128", "qr"] as const) {
      const filter = (f: FrameInfo) => sizeOf(f) === size && f.kind === kind;
      const both = (e: Engine) => `${pct(rate(cells, e, filter, true).rate)} / ${pct(rate(cells, e, filter).rate)}`;
      successRows.push([
        size,
        kind === "c128" ? "Code 128" : "QR",
        String(node.frames.filter(filter).length),
        both("baseline"),
        both("plan"),
        pct(rate(cells, "zxing", filter).rate),
        String(misreads(cells, "plan", filter).frames),
        String(misreads(cells, "zxing", filter).frames),
      ]);
    }
    const empty = (f: FrameInfo) => sizeOf(f) === size && f.kind === "empty";
    successRows.push([
      size,
      "empty",
      String(node.frames.filter(empty).length),
      "",
      "",
      "",
      String(misreads(cells, "plan", empty).frames),
      String(misreads(cells, "zxing", empty).frames),
    ]);
  }
  out.push(
    table(["size", "frames", "n", "before", "after", "zxing-js", "misread frames after", "zxing-js"], successRows, 2),
  );
  for (const e of ["baseline", "plan", "zxing"] as const) {
    const m = misreads(cells, e);
    if (m.frames) out.push(`misreads ${engineName[e]}: ${m.examples.join("; ")}`);
  }
  out.push("");

  out.push("Read within one period by distortion profile and code size: before / after / zxing-js");
  const profiles = [...new Set(node.frames.filter((f) => f.kind !== "empty").map((f) => f.profile))];
  const cell = (filter: (f: FrameInfo) => boolean) =>
    (["baseline", "plan", "zxing"] as const).map((e) => pct(rate(cells, e, filter).rate)).join(" / ");
  const breakdownRows = profiles.map((p) => [
    p,
    ...sizes.flatMap((s) =>
      (["c128", "qr"] as const).map((k) => cell((f) => sizeOf(f) === s && f.kind === k && f.profile === p)),
    ),
  ]);
  const codeSize = (f: FrameInfo) => (f.kind === "c128" ? f.options.barcodeWidth : f.options.qrSize);
  for (const size of [...new Set(node.frames.filter((f) => f.kind !== "empty").map(codeSize))].sort()) {
    breakdownRows.push([
      `code size ${size}`,
      ...sizes.flatMap((s) =>
        (["c128", "qr"] as const).map((k) => cell((f) => sizeOf(f) === s && f.kind === k && codeSize(f) === size)),
      ),
    ]);
  }
  out.push(table(["profile", ...sizes.flatMap((s) => [`${s} C128`, `${s} QR`])], breakdownRows));
  out.push("(code size: Code 128 width as a share of the frame width, QR side as a share of its height)");
  out.push("");

  // --- hard corpus ---
  const hardPart = hard ? hardReport(hard) : null;
  if (hardPart) out.push(...hardPart.lines);

  // --- browser ---
  const firstDecode: Record<string, number | null> = {};
  const engineNames: Record<BrowserEngine, string> = {
    wasm: "wasm, preloaded (till's worker and plan)",
    "wasm-cold": "wasm, cold (worker starts with camera)",
    zxing: "zxing-js (@zxing/browser, main thread)",
  };
  if (browser) {
    out.push(
      `Headless Chromium ${browser.chromium}, fake camera (1280x720 Y4M of one generated frame), fresh browser context per run.`,
    );
    out.push(
      "first decode = decoded text − the camera's first frame (earliest of the <video>'s loadeddata, the first rVFC presentationTime, the first grab).",
    );
    const rows: string[][] = [];
    for (const symbology of ["qr", "c128"] as const) {
      for (const engine of ["wasm", "wasm-cold", "zxing"] as const) {
        const runs = browser.runs.filter((r) => r.symbology === symbology && r.engine === engine);
        const ok = runs.filter((r) => r.decoded);
        const fd = runs.map((r) => r.firstDecodeMs).filter((x): x is number => x !== null);
        const m = medianFirstDecode(runs);
        firstDecode[`${engine}_${symbology}`] = Number.isFinite(m) ? m : null;
        rows.push([
          symbology === "qr" ? "QR" : "Code 128",
          engineNames[engine],
          `${ok.length}/${runs.length}${runs.some((r) => r.decoded && !r.correct) ? " (WRONG TEXT)" : ""}`,
          fmt(firstDecode[`${engine}_${symbology}`], 0),
          fd.length ? `${fmt(Math.min(...fd), 0)}–${fmt(Math.max(...fd), 0)}` : "—",
          fmt(median(runs.map((r) => r.attempts)), 0),
          [...new Set(ok.map((r) => r.readBy))].join("+") || "—",
          fmt(median(ok.map((r) => r.lastGrabMs ?? NaN)), 1) +
            (engine === "zxing" ? "" : ` (${fmt(median(ok.map((r) => r.lastBitmapMs ?? NaN)), 1)})`),
          fmt(median(ok.map((r) => r.lastDecodeMs ?? NaN)), 1),
          fmt(median(runs.map((r) => r.cameraStartMs ?? NaN)), 0),
          engine === "zxing" ? "" : fmt(median(runs.map((r) => r.engineLateMs ?? NaN)), 0),
        ]);
      }
    }
    out.push(
      table(
        [
          "code",
          "engine",
          "decoded",
          "first decode ms (median)",
          "min–max",
          "attempts",
          "read by",
          "grab ms",
          "decode ms",
          "nav→1st frame ms",
          "engine ready − 1st frame ms",
        ],
        rows,
        2,
      ),
    );
    out.push(
      "(read by: the plan step that read it. grab/decode: medians for the attempt that read the code. wasm grab = createImageBitmap (in brackets) + the worker's drawImage and",
    );
    out.push(
      " getImageData; zxing-js grab = drawImage, its getImageData is inside decode. These first attempts run cold code (wasm just instantiated,",
    );
    out.push(" JS not yet optimised). engine ready − 1st frame > 0: frames arrived before the wasm was instantiated.)");
    const check = (s: Symbology) => browser.nodeCheck[s];
    out.push(
      `The same frames in Node: QR wasm plan's first attempt ${yes(check("qr").wasmFirst)}, one period ${yes(check("qr").wasmPeriod)}, zxing-js ${yes(check("qr").zxing)}; ` +
        `Code 128 first attempt ${yes(check("c128").wasmFirst)}, one period ${yes(check("c128").wasmPeriod)}, zxing-js ${yes(check("c128").zxing)}.`,
    );
    const errors = [
      ...new Set(browser.runs.filter((r) => r.error).map((r) => `${r.engine}/${r.symbology}: ${r.error}`)),
    ];
    if (errors.length) out.push(`browser errors: ${errors.slice(0, 4).join("; ")}`);
    out.push("");
  }

  // --- headline numbers ---
  const at = (size: string, kind: FrameKind) => (f: FrameInfo) => sizeOf(f) === size && f.kind === kind;
  const wasmRuns = browser?.runs.filter((r) => r.engine === "wasm") ?? [];
  const coldRuns = browser?.runs.filter((r) => r.engine === "wasm-cold") ?? [];
  const zxingRuns = browser?.runs.filter((r) => r.engine === "zxing") ?? [];
  const pooled = (runs: BrowserRun[]) =>
    runs.length && Number.isFinite(medianFirstDecode(runs)) ? round(medianFirstDecode(runs), 0) : null;
  const misAll = misreads(cells, "plan").frames;
  const zxMisAll = misreads(cells, "zxing").frames;
  const engineFigures = (e: Engine, prefix: string) => ({
    [`${prefix}_c128_rate`]: round(rate(cells, e, at("1280x720", "c128")).rate, 3),
    [`${prefix}_qr_rate`]: round(rate(cells, e, at("1280x720", "qr")).rate, 3),
    [`${prefix}_c128_rate_480`]: round(rate(cells, e, at("640x480", "c128")).rate, 3),
    [`${prefix}_qr_rate_480`]: round(rate(cells, e, at("640x480", "qr")).rate, 3),
    [`${prefix}_ms_p50_720`]: round(cost(cells, e, "1280x720", "all").p50),
    [`${prefix}_ms_p95_720`]: round(cost(cells, e, "1280x720", "all").p95),
    [`${prefix}_ms_mean_720`]: round(cost(cells, e, "1280x720", "all").mean),
    [`${prefix}_ms_p50_720_empty`]: round(cost(cells, e, "1280x720", "empty").p50),
    [`${prefix}_ms_p50_480`]: round(cost(cells, e, "640x480", "all").p50),
    [`${prefix}_misread_frames`]: misreads(cells, e).frames,
    [`${prefix}_misread_frames_720`]: misreads(cells, e, (f) => f.width === 1280).frames,
  });

  const json: Record<string, unknown> = {
    ...engineFigures("plan", "wasm"),
    wasm_attempt_c128_rate: round(rate(cells, "plan", at("1280x720", "c128"), true).rate, 3),
    wasm_attempt_qr_rate: round(rate(cells, "plan", at("1280x720", "qr"), true).rate, 3),
    ...engineFigures("baseline", "baseline"),
    baseline_attempt_c128_rate: round(rate(cells, "baseline", at("1280x720", "c128"), true).rate, 3),
    ...engineFigures("zxing", "zxing"),
    wasm_over_zxing_ms_p50_720: round(
      cost(cells, "plan", "1280x720", "all").p50 / cost(cells, "zxing", "1280x720", "all").p50,
    ),
    wasm_over_baseline_ms_p50_720: round(
      cost(cells, "plan", "1280x720", "all").p50 / cost(cells, "baseline", "1280x720", "all").p50,
    ),
    wasm_rate_basis:
      "first corpus: read within one period of the till's read plan (readPlanFor, 8 attempts) on the frame; baseline_: the old plan; _attempt_: one attempt, averaged over the period",
    ms_basis: "median per attempt over all frames of the size (code and empty), every attempt of a period",
    first_decode_ms: pooled(wasmRuns),
    zxing_first_decode_ms: pooled(zxingRuns),
    first_decode_ms_qr: round(firstDecode.wasm_qr ?? NaN, 0),
    first_decode_ms_c128: round(firstDecode.wasm_c128 ?? NaN, 0),
    first_decode_ms_cold: pooled(coldRuns),
    first_decode_ms_cold_qr: round(firstDecode["wasm-cold_qr"] ?? NaN, 0),
    first_decode_ms_cold_c128: round(firstDecode["wasm-cold_c128"] ?? NaN, 0),
    first_decode_basis:
      "median over runs; wasm preloaded (instantiated before the camera opens); _cold: worker and camera start together",
    zxing_first_decode_ms_qr: round(firstDecode.zxing_qr ?? NaN, 0),
    zxing_first_decode_ms_c128: round(firstDecode.zxing_c128 ?? NaN, 0),
    browser_decoded: browser ? `${wasmRuns.filter((r) => r.decoded).length}/${wasmRuns.length}` : null,
    browser_decoded_cold: browser ? `${coldRuns.filter((r) => r.decoded).length}/${coldRuns.length}` : null,
    zxing_browser_decoded: browser ? `${zxingRuns.filter((r) => r.decoded).length}/${zxingRuns.length}` : null,
    ...(hardPart?.json ?? {}),
    frames_720: counts("1280x720"),
    frames_480: counts("640x480"),
    rounds: meta.rounds,
    samples: node.samples.length,
    browser_runs_per_engine_and_code: browser ? browser.runs.length / 6 : 0,
    zxing_patched: meta.zxingPatched,
    quick: meta.quick,
    seed: meta.seed,
    total_s: round(meta.totalMs / 1000, 0),
  };

  // --- targets ---
  const num = (key: string) => json[key] as number | null | undefined;
  const atLeast = (key: string, bound: number) => (hard || !key.startsWith("hard_") ? (num(key) ?? -1) >= bound : null);
  const fdOk = (x: number | null | undefined) => x !== null && x !== undefined && x <= 150;
  const hardMisreads = hard ? (num("hard_misread_frames") ?? 0) : 0;
  const targets: Array<[string, string, boolean | null, string]> = [
    [
      "c128_rate_ge_90pct",
      "first corpus: Code 128 read ≥ 90% (720p, within a period)",
      atLeast("wasm_c128_rate", 0.9),
      pct(num("wasm_c128_rate") ?? NaN),
    ],
    [
      "qr_rate_ge_99pct",
      "first corpus: QR read ≥ 99% (720p, within a period)",
      atLeast("wasm_qr_rate", 0.99),
      pct(num("wasm_qr_rate") ?? NaN),
    ],
    [
      "hard_c128_within10_ge_97pct",
      "hard corpus: Code 128 within 10 frames ≥ 97%",
      atLeast("hard_c128_within10", 0.97),
      pct(num("hard_c128_within10") ?? NaN),
    ],
    [
      "hard_c128_turned_20_30_ge_90pct",
      "hard corpus: Code 128 turned 20–30°, within 10 frames ≥ 90%",
      atLeast("hard_c128_within10_20_30", 0.9),
      pct(num("hard_c128_within10_20_30") ?? NaN),
    ],
    [
      "hard_c128_first_720_ge_90pct",
      "hard corpus: Code 128 on the first frame at 720p ≥ 90%",
      atLeast("hard_c128_first_720", 0.9),
      pct(num("hard_c128_first_720") ?? NaN),
    ],
    [
      "hard_qr_within10_ge_99pct",
      "hard corpus: QR within 10 frames ≥ 99%",
      atLeast("hard_qr_within10", 0.99),
      pct(num("hard_qr_within10") ?? NaN),
    ],
    [
      "no_misreads",
      "no misreads (both corpora, incl. empty frames and negatives)",
      misAll === 0 && hardMisreads === 0,
      `${misAll} frame(s) + hard ${hardMisreads}`,
    ],
    [
      "ms_p50_720_le_5",
      "median ≤ 5 ms per attempt at 720p (both corpora)",
      (num("wasm_ms_p50_720") ?? Infinity) <= 5 && (!hard || (num("hard_ms_p50_720") ?? Infinity) <= 5),
      `${fmt(num("wasm_ms_p50_720"), 2)} ms / hard ${fmt(num("hard_ms_p50_720"), 2)} ms`,
    ],
    [
      "first_decode_le_150ms",
      "first decode ≤ 150 ms after the first frame (preloaded; QR and Code 128 medians)",
      browser ? fdOk(firstDecode.wasm_qr) && fdOk(firstDecode.wasm_c128) : null,
      browser
        ? `QR ${fmt(firstDecode.wasm_qr, 0)} ms, Code 128 ${fmt(firstDecode.wasm_c128, 0)} ms (cold: ${fmt(firstDecode["wasm-cold_qr"], 0)} / ${fmt(firstDecode["wasm-cold_c128"], 0)} ms)`
        : "not run (--no-browser)",
    ],
  ];
  json.targets_met = Object.fromEntries(targets.map(([key, , met]) => [key, met]));
  out.push("Targets (default engine, the till's read plan):");
  out.push(
    table(
      ["target", "result", "met"],
      targets.map(([, name, met, value]) => [name, value, met === null ? "n/a" : met ? "MET" : "MISSED"]),
      1,
    ),
  );
  out.push(
    `For comparison, zxing-js: Code 128 ${pct(num("zxing_c128_rate") ?? NaN)}, QR ${pct(num("zxing_qr_rate") ?? NaN)}, ${zxMisAll} misread frame(s), ` +
      `median ${fmt(num("zxing_ms_p50_720"), 2)} ms at 720p, first decode ${fmt(num("zxing_first_decode_ms"), 0)} ms.`,
  );
  return { text: out.join("\n"), json };
}

const yes = (b: boolean) => (b ? "reads" : "misses");
