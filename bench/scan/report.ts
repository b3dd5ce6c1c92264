/** Turns the raw samples and browser runs into the tables and the BENCH numbers. */
import { FULL_EFFORT_EVERY } from "../../lib/scan/wasm-reader-options";
import type { BrowserBenchResult, BrowserEngine, BrowserRun, Symbology } from "./browser-bench";
import type { FrameKind } from "./corpus";
import type { FrameInfo, Mode, NodeBenchResult, Sample } from "./node-bench";

/** Nearest-rank quantile, as bench/payment-latency.ts computes it. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const round = (x: number, digits = 2) => (Number.isFinite(x) ? +x.toFixed(digits) : null);
const fmt = (x: number | null | undefined, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(digits));
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "—");
const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

function table(header: string[], rows: string[][], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < leftColumns ? pad(c, widths[i]!) : lpad(c, widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

type Outcome = { ok: boolean; misread: boolean };
type Summary = ReturnType<typeof summariseNode>;
type Cell = Summary["cells"][number];

/** The per-attempt times of each way of reading, by name (never by position in a table). */
const COST_MODES = {
  fast: (c: Cell) => [c.fast.ms],
  full: (c: Cell) => [c.full.ms],
  fullCentre: (c: Cell) => [c.fullCentre.ms],
  policy: (c: Cell) => c.policyMs,
  zxing: (c: Cell) => [c.zxing.ms],
} as const;
type CostMode = keyof typeof COST_MODES;

/** Per-(frame, round) view of the three modes, with the till policy derived from fast + full. */
export function summariseNode(result: NodeBenchResult) {
  const { frames, samples } = result;
  const byKey = new Map<string, Partial<Record<Mode, Sample>>>();
  for (const s of samples) {
    const key = `${s.frame}:${s.round}`;
    const entry = byKey.get(key) ?? {};
    entry[s.mode] = s;
    byKey.set(key, entry);
  }
  const cells = [...byKey.values()].map((m) => {
    const fast = m["wasm-fast"]!;
    const full = m["wasm-full"]!;
    const fullCentre = m["wasm-full-centre"]!;
    const zxing = m.zxing!;
    const frame = frames[fast.frame]!;
    // Till policy: the camera keeps going, so a frame the fast centre read misses gets a
    // full-effort read at most FULL_EFFORT_EVERY attempts later. Any wrong text from either counts.
    const policy: Outcome = {
      ok: fast.ok || full.ok || fullCentre.ok,
      misread: fast.misread !== null || full.misread !== null || fullCentre.misread !== null,
    };
    // The cost of an average attempt on this frame.
    // One period of readPlanFor: fast reads, full effort on the whole frame, fast reads, full effort on the centre.
    const policyMs = [...Array<number>(2 * (FULL_EFFORT_EVERY - 1)).fill(fast.ms), full.ms, fullCentre.ms];
    return { frame, fast, full, fullCentre, zxing, policy, policyMs };
  });
  return { frames, cells };
}

const sizeOf = (f: FrameInfo) => `${f.width}x${f.height}`;

function msStats(summary: Summary, size: string, kind: FrameKind | "code" | "all", pick: (c: Summary["cells"][number]) => number[]) {
  const xs = summary.cells
    .filter((c) => sizeOf(c.frame) === size && (kind === "all" || (kind === "code" ? c.frame.kind !== "empty" : c.frame.kind === kind)))
    .flatMap(pick);
  return { p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), mean: xs.reduce((a, b) => a + b, 0) / xs.length, n: xs.length };
}

type Engine = "wasm-fast" | "wasm-full" | "wasm-policy" | "zxing";
function outcome(c: Summary["cells"][number], engine: Engine): Outcome {
  if (engine === "wasm-policy") return c.policy;
  const s = engine === "wasm-fast" ? c.fast : engine === "wasm-full" ? c.full : c.zxing;
  return { ok: s.ok, misread: s.misread !== null };
}

function rate(summary: Summary, engine: Engine, filter: (f: FrameInfo) => boolean): { rate: number; n: number } {
  const cells = summary.cells.filter((c) => filter(c.frame));
  return { rate: cells.filter((c) => outcome(c, engine).ok).length / cells.length, n: cells.length };
}

/** Frames (not samples) on which the engine returned a wrong text at least once, with examples. */
function misreads(summary: Summary, engine: Engine, filter: (f: FrameInfo) => boolean = () => true) {
  const bad = new Map<string, string>();
  for (const c of summary.cells) {
    if (!filter(c.frame) || !outcome(c, engine).misread) continue;
    const texts = engine === "wasm-policy" ? [c.fast.misread, c.full.misread, c.fullCentre.misread] : [(engine === "wasm-fast" ? c.fast : engine === "wasm-full" ? c.full : c.zxing).misread];
    bad.set(c.frame.id, texts.filter(Boolean).join("|"));
  }
  return { frames: bad.size, examples: [...bad.entries()].slice(0, 5).map(([id, text]) => `${id} → "${text}"`) };
}

const median = (xs: number[]) => quantile(xs, 0.5);

/** Median over runs, a run without a decode counting as +∞ (so a majority of misses gives "—"). */
function medianFirstDecode(runs: BrowserRun[]): number {
  return median(runs.map((r) => (r.firstDecodeMs === null ? Infinity : r.firstDecodeMs)));
}

export function buildReport(
  node: NodeBenchResult,
  browser: BrowserBenchResult | null,
  meta: { quick: boolean; rounds: number; seed: number; zxingPatched: boolean; totalMs: number; machine: string },
): { text: string; json: Record<string, unknown> } {
  const summary = summariseNode(node);
  const sizes = [...new Set(node.frames.map(sizeOf))];
  const out: string[] = [];
  const counts = (size: string) => {
    const f = node.frames.filter((x) => sizeOf(x) === size);
    return { c128: f.filter((x) => x.kind === "c128").length, qr: f.filter((x) => x.kind === "qr").length, empty: f.filter((x) => x.kind === "empty").length };
  };

  out.push(`Scan benchmark${meta.quick ? " (--quick)" : ""}: ${meta.machine}`);
  out.push(
    `Corpus (seed ${meta.seed}): ` +
      sizes.map((s) => { const c = counts(s); return `${s}: ${c.c128} Code 128 + ${c.qr} QR + ${c.empty} empty`; }).join("; ") +
      `; ${meta.rounds} timed rounds, frames and engine order shuffled every frame.`,
  );
  out.push(`@zxing/library Code 128 patch applied: ${meta.zxingPatched ? "yes" : "NO (node_modules is unpatched: run npm install)"}`);
  out.push("");

  // --- cost ---
  out.push("Per-frame cost in Node, ms: grey conversion + decode, from RGBA as getImageData returns it. median / p95");
  const modes: Array<[string, (c: Cell) => number[]]> = [
    ["wasm fast, centre region", COST_MODES.fast],
    ["wasm full effort, whole frame", COST_MODES.full],
    ["wasm full effort, centre region", COST_MODES.fullCentre],
    [`wasm till policy (${FULL_EFFORT_EVERY - 1} fast : 1 full, full alternating frame/centre)`, COST_MODES.policy],
    ["zxing-js (patched), whole frame", COST_MODES.zxing],
  ];
  const kinds: Array<FrameKind | "code" | "all"> = ["code", "empty", "all"];
  const costHeader = ["engine / mode", ...sizes.flatMap((s) => kinds.map((k) => `${s} ${k === "code" ? "code" : k}`))];
  const costRows = modes.map(([name, pick]) => [
    name,
    ...sizes.flatMap((s) => kinds.map((k) => { const st = msStats(summary, s, k, pick); return `${fmt(st.p50, 2)} / ${fmt(st.p95, 2)}`; })),
  ]);
  costRows.push([
    "ratio wasm policy / zxing-js (medians)",
    ...sizes.flatMap((s) => kinds.map((k) => fmt(msStats(summary, s, k, COST_MODES.policy).p50 / msStats(summary, s, k, COST_MODES.zxing).p50, 2))),
  ]);
  out.push(table(costHeader, costRows));
  out.push(`("code" = Code 128 + QR frames; wasm policy = each frame's fast time ×${2 * (FULL_EFFORT_EVERY - 1)}, full-frame ×1 and full-centre ×1, i.e. the cost of an average attempt over one period of readPlanFor.)`);
  out.push("");

  // --- success ---
  out.push("Share of frames read (frames × rounds). wasm rates in the BENCH line are the till-policy column:");
  out.push("read if the fast centre read gets it or, since the camera keeps going, the next full-effort read would.");
  const engines: Engine[] = ["wasm-fast", "wasm-full", "wasm-policy", "zxing"];
  const successRows: string[][] = [];
  for (const size of sizes) {
    for (const kind of ["c128", "qr"] as const) {
      const filter = (f: FrameInfo) => sizeOf(f) === size && f.kind === kind;
      successRows.push([
        size,
        kind === "c128" ? "Code 128" : "QR",
        String(node.frames.filter(filter).length),
        ...engines.map((e) => pct(rate(summary, e, filter).rate)),
        String(misreads(summary, "wasm-policy", filter).frames),
        String(misreads(summary, "zxing", filter).frames),
      ]);
    }
    const empty = (f: FrameInfo) => sizeOf(f) === size && f.kind === "empty";
    successRows.push([size, "empty", String(node.frames.filter(empty).length), "", "", "", "", String(misreads(summary, "wasm-policy", empty).frames), String(misreads(summary, "zxing", empty).frames)]);
  }
  out.push(table(["size", "frames", "n", "wasm fast (centre)", "wasm full", "wasm policy", "zxing-js", "misread frames wasm", "zxing-js"], successRows, 2));
  for (const engine of ["wasm-policy", "zxing"] as const) {
    const m = misreads(summary, engine);
    if (m.frames) out.push(`misreads ${engine === "zxing" ? "zxing-js" : "wasm"}: ${m.examples.join("; ")}`);
  }
  out.push("");

  // --- breakdown ---
  out.push("Read rate by distortion profile and code size (wasm policy / zxing-js)");
  const profiles = [...new Set(node.frames.filter((f) => f.kind !== "empty").map((f) => f.profile))];
  const breakdownHeader = ["profile", ...sizes.flatMap((s) => [`${s} C128`, `${s} QR`])];
  const cell = (filter: (f: FrameInfo) => boolean) => `${pct(rate(summary, "wasm-policy", filter).rate)} / ${pct(rate(summary, "zxing", filter).rate)}`;
  const breakdownRows = profiles.map((p) => [p, ...sizes.flatMap((s) => (["c128", "qr"] as const).map((k) => cell((f) => sizeOf(f) === s && f.kind === k && f.profile === p)))]);
  const codeSize = (f: FrameInfo) => (f.kind === "c128" ? f.options.barcodeWidth : f.options.qrSize);
  for (const size of [...new Set(node.frames.filter((f) => f.kind !== "empty").map(codeSize))].sort()) {
    breakdownRows.push([`code size ${size}`, ...sizes.flatMap((s) => (["c128", "qr"] as const).map((k) => cell((f) => sizeOf(f) === s && f.kind === k && codeSize(f) === size)))]);
  }
  out.push(table(breakdownHeader, breakdownRows));
  out.push("(code size: Code 128 width as a share of the frame width, QR side as a share of its height)");
  out.push("");

  // --- browser ---
  const firstDecode: Record<string, number | null> = {};
  const engineNames: Record<BrowserEngine, string> = {
    wasm: "wasm, preloaded (worker, till policy)",
    "wasm-cold": "wasm, cold (worker starts with camera)",
    zxing: "zxing-js (@zxing/browser, main thread)",
  };
  if (browser) {
    out.push(`Headless Chromium ${browser.chromium}, fake camera (1280x720 Y4M of one generated frame), fresh browser context per run.`);
    out.push("first decode = decoded text − the camera's first frame (earliest of the <video>'s loadeddata, the first rVFC presentationTime, the first grab).");
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
          fmt(median(ok.map((r) => r.lastGrabMs ?? NaN)), 1) + (engine === "zxing" ? "" : ` (${fmt(median(ok.map((r) => r.lastBitmapMs ?? NaN)), 1)})`),
          fmt(median(ok.map((r) => r.lastDecodeMs ?? NaN)), 1),
          fmt(median(runs.map((r) => r.cameraStartMs ?? NaN)), 0),
          engine === "zxing" ? "" : fmt(median(runs.map((r) => r.engineLateMs ?? NaN)), 0),
        ]);
      }
    }
    out.push(
      table(
        ["code", "engine", "decoded", "first decode ms (median)", "min–max", "attempts", "read by", "grab ms", "decode ms", "nav→1st frame ms", "engine ready − 1st frame ms"],
        rows,
        2,
      ),
    );
    out.push("(grab/decode: medians for the attempt that read the code. wasm grab = createImageBitmap (in brackets) + the worker's drawImage and");
    out.push(" getImageData; zxing-js grab = drawImage, its getImageData is inside decode. These first attempts run cold code (wasm just instantiated,");
    out.push(" JS not yet optimised). engine ready − 1st frame > 0: frames arrived before the wasm was instantiated.)");
    const check = (s: Symbology) => browser.nodeCheck[s];
    out.push(
      `The same frames in Node: QR wasm fast ${yes(check("qr").wasmFast)}, full ${yes(check("qr").wasmFull)}, zxing-js ${yes(check("qr").zxing)}; ` +
        `Code 128 wasm fast ${yes(check("c128").wasmFast)}, full ${yes(check("c128").wasmFull)}, zxing-js ${yes(check("c128").zxing)}.`,
    );
    const errors = [...new Set(browser.runs.filter((r) => r.error).map((r) => `${r.engine}/${r.symbology}: ${r.error}`))];
    if (errors.length) out.push(`browser errors: ${errors.slice(0, 4).join("; ")}`);
    out.push("");
  }

  // --- headline numbers ---
  const at720 = (kind: FrameKind) => (f: FrameInfo) => f.width === 1280 && f.height === 720 && f.kind === kind;
  const at480 = (kind: FrameKind) => (f: FrameInfo) => f.width === 640 && f.height === 480 && f.kind === kind;
  const cost = (mode: CostMode, kind: FrameKind | "code" | "all", size = "1280x720") => msStats(summary, size, kind, COST_MODES[mode]);
  const wasmRuns = browser?.runs.filter((r) => r.engine === "wasm") ?? [];
  const coldRuns = browser?.runs.filter((r) => r.engine === "wasm-cold") ?? [];
  const zxingRuns = browser?.runs.filter((r) => r.engine === "zxing") ?? [];
  const pooled = (runs: BrowserRun[]) => (runs.length && Number.isFinite(medianFirstDecode(runs)) ? round(medianFirstDecode(runs), 0) : null);
  const misAll = misreads(summary, "wasm-policy").frames;
  const zxMisAll = misreads(summary, "zxing").frames;

  const json: Record<string, unknown> = {
    wasm_c128_rate: round(rate(summary, "wasm-policy", at720("c128")).rate, 3),
    wasm_qr_rate: round(rate(summary, "wasm-policy", at720("qr")).rate, 3),
    wasm_ms_p50_720: round(cost("policy", "all").p50),
    wasm_ms_p95_720: round(cost("policy", "all").p95),
    zxing_c128_rate: round(rate(summary, "zxing", at720("c128")).rate, 3),
    zxing_qr_rate: round(rate(summary, "zxing", at720("qr")).rate, 3),
    zxing_ms_p50_720: round(cost("zxing", "all").p50),
    zxing_ms_p95_720: round(cost("zxing", "all").p95),
    wasm_over_zxing_ms_p50_720: round(cost("policy", "all").p50 / cost("zxing", "all").p50),
    first_decode_ms: pooled(wasmRuns),
    zxing_first_decode_ms: pooled(zxingRuns),
    first_decode_ms_qr: round(firstDecode.wasm_qr ?? NaN, 0),
    first_decode_ms_c128: round(firstDecode.wasm_c128 ?? NaN, 0),
    first_decode_ms_cold: pooled(coldRuns),
    first_decode_ms_cold_qr: round(firstDecode["wasm-cold_qr"] ?? NaN, 0),
    first_decode_ms_cold_c128: round(firstDecode["wasm-cold_c128"] ?? NaN, 0),
    first_decode_basis: "median over runs; wasm preloaded (instantiated before the camera opens); _cold: worker and camera start together",
    zxing_first_decode_ms_qr: round(firstDecode.zxing_qr ?? NaN, 0),
    zxing_first_decode_ms_c128: round(firstDecode.zxing_c128 ?? NaN, 0),
    browser_decoded: browser ? `${wasmRuns.filter((r) => r.decoded).length}/${wasmRuns.length}` : null,
    browser_decoded_cold: browser ? `${coldRuns.filter((r) => r.decoded).length}/${coldRuns.length}` : null,
    zxing_browser_decoded: browser ? `${zxingRuns.filter((r) => r.decoded).length}/${zxingRuns.length}` : null,
    wasm_misread_frames: misAll,
    zxing_misread_frames: zxMisAll,
    wasm_misread_frames_720: misreads(summary, "wasm-policy", (f) => f.width === 1280).frames,
    zxing_misread_frames_720: misreads(summary, "zxing", (f) => f.width === 1280).frames,
    wasm_rate_basis: "till policy (readPlanFor): fast centre read, or one of the next full-effort reads (whole frame, centre region)",
    ms_basis: "median per attempt over all 1280x720 frames (code and empty); wasm = one readPlanFor period: fast x6, full frame x1, full centre x1",
    wasm_fast_c128_rate: round(rate(summary, "wasm-fast", at720("c128")).rate, 3),
    wasm_fast_qr_rate: round(rate(summary, "wasm-fast", at720("qr")).rate, 3),
    wasm_full_c128_rate: round(rate(summary, "wasm-full", at720("c128")).rate, 3),
    wasm_full_qr_rate: round(rate(summary, "wasm-full", at720("qr")).rate, 3),
    wasm_fast_ms_p50_720: round(cost("fast", "all").p50),
    wasm_fast_ms_p95_720: round(cost("fast", "all").p95),
    wasm_full_ms_p50_720: round(cost("full", "all").p50),
    wasm_full_ms_p95_720: round(cost("full", "all").p95),
    wasm_ms_mean_720: round(cost("policy", "all").mean),
    zxing_ms_mean_720: round(cost("zxing", "all").mean),
    wasm_ms_p50_720_empty: round(cost("policy", "empty").p50),
    zxing_ms_p50_720_empty: round(cost("zxing", "empty").p50),
    wasm_c128_rate_480: round(rate(summary, "wasm-policy", at480("c128")).rate, 3),
    wasm_qr_rate_480: round(rate(summary, "wasm-policy", at480("qr")).rate, 3),
    zxing_c128_rate_480: round(rate(summary, "zxing", at480("c128")).rate, 3),
    zxing_qr_rate_480: round(rate(summary, "zxing", at480("qr")).rate, 3),
    wasm_ms_p50_480: round(cost("policy", "all", "640x480").p50),
    zxing_ms_p50_480: round(cost("zxing", "all", "640x480").p50),
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
  const fdOk = (x: number | null | undefined) => x !== null && x !== undefined && x <= 150;
  const targets: Array<[string, string, boolean | null, string]> = [
    ["c128_rate_ge_90pct", "Code 128 read ≥ 90% (720p, till policy)", (json.wasm_c128_rate as number) >= 0.9, pct(json.wasm_c128_rate as number)],
    ["qr_rate_ge_98pct", "QR read ≥ 98% (720p, till policy)", (json.wasm_qr_rate as number) >= 0.98, pct(json.wasm_qr_rate as number)],
    ["no_misreads", "no misreads (both sizes, incl. empty frames)", misAll === 0, `${misAll} frame(s)`],
    ["ms_p50_720_le_4", "median ≤ 4 ms per frame at 720p", (json.wasm_ms_p50_720 as number) <= 4, `${fmt(json.wasm_ms_p50_720 as number, 2)} ms`],
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
  out.push("Targets (default engine):");
  out.push(table(["target", "result", "met"], targets.map(([, name, met, value]) => [name, value, met === null ? "n/a" : met ? "MET" : "MISSED"]), 1));
  out.push(
    `For comparison, zxing-js: Code 128 ${pct(json.zxing_c128_rate as number)}, QR ${pct(json.zxing_qr_rate as number)}, ${zxMisAll} misread frame(s), ` +
      `median ${fmt(json.zxing_ms_p50_720 as number, 2)} ms at 720p, first decode ${fmt(json.zxing_first_decode_ms as number | null, 0)} ms.`,
  );
  return { text: out.join("\n"), json };
}

const yes = (b: boolean) => (b ? "reads" : "misses");
