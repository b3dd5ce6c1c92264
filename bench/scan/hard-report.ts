/** The hard corpus's tables and BENCH numbers: the till's plan against the old one, per condition. */
import { ROTATION_BUCKETS, rotationBucketOf, CONDITIONS } from "./hard-corpus";
import type { HardBenchResult, HardEngine, HardSceneResult } from "./hard-bench";
import { fmt, msStats, round, share, table } from "./report-format";

type Filter = (r: HardSceneResult) => boolean;

const first = (r: HardSceneResult, e: HardEngine) => r.runs[e].ok[0] === true;
const within = (r: HardSceneResult, e: HardEngine) => r.runs[e].ok.some(Boolean);
const isWallet =
  (kind: "c128" | "qr"): Filter =>
  (r) =>
    r.scene.symbol === kind;
const at =
  (width: number): Filter =>
  (r) =>
    r.scene.width === width;
const and =
  (...fs: Filter[]): Filter =>
  (r) =>
    fs.every((f) => f(r));

function rates(results: HardSceneResult[], filter: Filter) {
  const rs = results.filter(filter);
  const count = (e: HardEngine, f: typeof first) => rs.filter((r) => f(r, e)).length;
  return {
    n: rs.length,
    first: { plan: count("plan", first), baseline: count("baseline", first) },
    within: { plan: count("plan", within), baseline: count("baseline", within) },
  };
}

const rateOf = (hits: number, n: number) => (n === 0 ? null : round(hits / n, 3));

export function hardReport(hard: HardBenchResult): { lines: string[]; json: Record<string, unknown> } {
  const results = hard.scenes;
  const out: string[] = [];
  const c128 = isWallet("c128");
  const qr = isWallet("qr");
  const negatives: Filter = (r) => r.scene.truth === null;
  const sizes = [1280, 640].filter((w) => results.some((r) => r.scene.width === w));
  const sizeName = (w: number) => (w === 1280 ? "1280x720" : "640x480");
  const conditions = Object.keys(CONDITIONS);
  const buckets = ROTATION_BUCKETS.map(([lo, hi]) => `${lo}–${hi}°`);

  out.push(
    `Hard corpus: ${results.length} scenes (${results.filter(c128).length} Code 128, ${results.filter(qr).length} QR, ${results.filter(negatives).length} negatives) × 10 frames, ` +
      `${sizes.map(sizeName).join(" and ")}; each scene's frames are 10 successive attempts of the camera loop from a random point of the plan's period.`,
  );
  out.push(
    "plan = the till's read plan (readPlanFor + runReadPlan); before = the old plan (fast centre ×3, full effort whole frame, fast ×3, full effort centre).",
  );
  out.push("A read counts only if the till takes it (checkPaymentCode, wallet rules).");
  out.push("");

  const rowsFor = (kind: Filter, extra: Array<[string, Filter]>) =>
    extra.map(([name, f]) => {
      const r = rates(results, and(kind, f));
      return [
        name,
        String(r.n),
        share(r.first.baseline, r.n),
        share(r.first.plan, r.n),
        share(r.within.baseline, r.n),
        share(r.within.plan, r.n),
      ];
    });
  const header = ["condition", "n", "first frame before", "first frame after", "within 10 before", "within 10 after"];
  const groups: Array<[string, Filter]> = [
    ["all", () => true],
    ...sizes.map((w) => [sizeName(w), at(w)] as [string, Filter]),
    ...buckets.map(
      (b) => [`turned ${b}`, (r: HardSceneResult) => rotationBucketOf(r.scene.rotationDeg) === b] as [string, Filter],
    ),
    ...sizes.flatMap((w) =>
      buckets.map(
        (b) =>
          [
            `  ${sizeName(w)} ${b}`,
            (r: HardSceneResult) => r.scene.width === w && rotationBucketOf(r.scene.rotationDeg) === b,
          ] as [string, Filter],
      ),
    ),
    ...conditions.map((c) => [c, (r: HardSceneResult) => r.scene.condition === c] as [string, Filter]),
  ];
  out.push("Code 128 (wallet code as a barcode): scenes read on the first frame / within 10 frames, before → after");
  out.push(table(header, rowsFor(c128, groups)));
  out.push("");
  out.push("QR (wallet code as a QR code)");
  out.push(
    table(
      header,
      rowsFor(
        qr,
        groups.filter(([name]) => !name.startsWith("  ")),
      ),
    ),
  );
  out.push("");

  // --- negatives and misreads ---
  const negRows = ["none", "ean13", "gtin-c128", "url-qr"].map((symbol) => {
    const rs = results.filter((r) => r.scene.symbol === symbol);
    const decoded = (e: HardEngine) => rs.filter((r) => r.runs[e].refused.length > 0).length;
    const accepted = (e: HardEngine) => rs.filter((r) => r.runs[e].wrong.length > 0).length;
    return [
      symbol,
      String(rs.length),
      `${decoded("baseline")} / ${decoded("plan")}`,
      `${accepted("baseline")} / ${accepted("plan")}`,
    ];
  });
  out.push(
    "Negatives: scenes where a text was read and refused (expected for GTIN and URL codes) / accepted as a payment code (a misread), before / after",
  );
  out.push(table(["negative", "scenes", "read, refused", "ACCEPTED"], negRows));
  const misreadScenes = (e: HardEngine) => results.filter((r) => r.runs[e].wrong.length > 0);
  const misreadFrames = (e: HardEngine) => results.reduce((n, r) => n + r.runs[e].wrong.length, 0);
  for (const e of ["baseline", "plan"] as const) {
    const bad = misreadScenes(e);
    out.push(
      `misreads ${e === "plan" ? "after" : "before"}: ${misreadFrames(e)} frame(s) in ${bad.length} scene(s)${
        bad.length
          ? ": " +
            bad
              .slice(0, 5)
              .map((r) => `${r.scene.id} → ${r.runs[e].wrong[0]}`)
              .join("; ")
          : ""
      }`,
    );
  }
  out.push("");

  // --- cost ---
  const costRows: string[][] = [];
  const cost = (e: HardEngine, f: Filter) => msStats(results.filter(f).flatMap((r) => r.runs[e].ms));
  for (const w of sizes) {
    for (const [name, f] of [
      ["all frames", at(w)],
      ["code scenes", and(at(w), (r) => r.scene.truth !== null)],
      ["negatives", and(at(w), negatives)],
    ] as Array<[string, Filter]>) {
      const b = cost("baseline", f);
      const p = cost("plan", f);
      costRows.push([
        `${sizeName(w)} ${name}`,
        `${fmt(b.p50, 2)} / ${fmt(b.p95, 2)}`,
        `${fmt(p.p50, 2)} / ${fmt(p.p95, 2)}`,
        fmt(p.p50 / b.p50, 2),
      ]);
    }
  }
  out.push(
    "Cost per attempt in Node, ms (median / p95): the read plan's steps from the grabbed RGBA (the worker's decodeMs), every frame of every scene",
  );
  out.push(table(["frames", "before", "after", "after / before (medians)"], costRows));
  out.push("");

  // --- what is left ---
  const missed = results.filter((r) => r.scene.truth !== null && !within(r, "plan"));
  const unreadable = results.filter((r) => r.readableByAnything === false);
  const readableMissed = missed.filter((r) => r.readableByAnything !== false);
  out.push(
    `Scenes with a code the plan did not read in 10 frames: ${missed.length}; of them unreadable by the exhaustive reader too: ${unreadable.filter((r) => !within(r, "plan")).length}` +
      (missed.length
        ? ` (${missed
            .slice(0, 8)
            .map((r) => `${r.scene.id}${r.readableByAnything === false ? "*" : ""}`)
            .join(", ")}${missed.length > 8 ? ", …" : ""}; * = unreadable)`
        : "") +
      `; readable but missed: ${readableMissed.length}.`,
  );
  out.push(
    `Hard corpus time: render ${fmt(hard.renderMs / 1000, 0)} s, decode ${fmt(hard.decodeMs / 1000, 0)} s, exhaustive check ${fmt(hard.exhaustiveMs / 1000, 0)} s.`,
  );
  out.push("");

  // --- BENCH numbers ---
  const r = (f: Filter) => rates(results, f);
  const pair = (f: Filter, which: "first" | "within") => {
    const x = r(f);
    return { after: rateOf(x[which].plan, x.n), before: rateOf(x[which].baseline, x.n), n: x.n };
  };
  const byCondition = (kind: Filter) =>
    Object.fromEntries(
      conditions.map((c) => [
        c,
        {
          first: pair(
            and(kind, (s) => s.scene.condition === c),
            "first",
          ),
          within10: pair(
            and(kind, (s) => s.scene.condition === c),
            "within",
          ),
        },
      ]),
    );
  const byBucket = Object.fromEntries(
    buckets.map((b) => [
      b,
      {
        first: pair(
          and(c128, (s) => rotationBucketOf(s.scene.rotationDeg) === b),
          "first",
        ),
        within10: pair(
          and(c128, (s) => rotationBucketOf(s.scene.rotationDeg) === b),
          "within",
        ),
      },
    ]),
  );
  const ms = (e: HardEngine, w: number) => cost(e, at(w));
  const json: Record<string, unknown> = {
    hard_scenes: results.length,
    hard_c128_within10: pair(c128, "within").after,
    hard_c128_first: pair(c128, "first").after,
    hard_c128_first_720: pair(and(c128, at(1280)), "first").after,
    hard_c128_first_480: pair(and(c128, at(640)), "first").after,
    hard_c128_within10_720: pair(and(c128, at(1280)), "within").after,
    hard_c128_within10_480: pair(and(c128, at(640)), "within").after,
    hard_c128_within10_20_30: pair(
      and(c128, (s) => rotationBucketOf(s.scene.rotationDeg) === buckets[2]),
      "within",
    ).after,
    hard_qr_within10: pair(qr, "within").after,
    hard_qr_first: pair(qr, "first").after,
    hard_ms_p50_720: round(ms("plan", 1280).p50),
    hard_ms_p95_720: round(ms("plan", 1280).p95),
    hard_ms_p50_480: round(ms("plan", 640).p50),
    hard_ms_p95_480: round(ms("plan", 640).p95),
    hard_misread_frames: misreadFrames("plan"),
    hard_negatives_accepted: results.filter(negatives).filter((s) => s.runs.plan.wrong.length > 0).length,
    hard_baseline_c128_within10: pair(c128, "within").before,
    hard_baseline_c128_first: pair(c128, "first").before,
    hard_baseline_c128_first_720: pair(and(c128, at(1280)), "first").before,
    hard_baseline_c128_within10_20_30: pair(
      and(c128, (s) => rotationBucketOf(s.scene.rotationDeg) === buckets[2]),
      "within",
    ).before,
    hard_baseline_qr_within10: pair(qr, "within").before,
    hard_baseline_ms_p50_720: round(ms("baseline", 1280).p50),
    hard_baseline_ms_p95_720: round(ms("baseline", 1280).p95),
    hard_baseline_ms_p50_480: round(ms("baseline", 640).p50),
    hard_baseline_misread_frames: misreadFrames("baseline"),
    hard_c128_by_rotation: byBucket,
    hard_c128_by_condition: byCondition(c128),
    hard_qr_by_condition: byCondition(qr),
    hard_unreadable_scenes: unreadable.length,
    hard_missed_readable_scenes: readableMissed.length,
    hard_basis:
      "scenes; first = first of the scene's 10 frames, within10 = any of them, each frame one camera-loop attempt from a random point of the plan period; a read counts if checkPaymentCode accepts it; ms = the plan's steps per attempt (worker decodeMs) in Node",
  };
  return { lines: out, json };
}
