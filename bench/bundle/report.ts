/** The bundle benchmark's human-readable tables (the JSON line is printed by bench/bundle.ts). */
import { fileSet, type FileSet, type RouteLoad } from "./first-load";

export type BuildResult = {
  label: string;
  root: string;
  routes: Record<string, RouteLoad & { manifest: { expected: number; missing: string[]; extra: string[] } }>;
  keypadRunsMs: number[];
  keypadMedianMs?: number;
  /** When React took the keypad over (bench/bundle/keypad-interactive.ts). */
  appReadyRunsMs: number[];
  appReadyMedianMs?: number;
  /** First contentful paint and the HTML's responseEnd on the same loads. */
  firstPaintRunsMs: number[];
  firstPaintMedianMs?: number;
  htmlRunsMs: number[];
  htmlMedianMs?: number;
};

/** kB = 1000 bytes (the stricter reading of the issue's "150 KB"); the JSON line has bytes. */
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const set = (s: FileSet) =>
  `${String(s.count).padStart(2)} scripts  ${kb(s.rawBytes).padStart(9)} raw  ${kb(s.gzipBytes).padStart(8)} gzip`;

export function printReport(results: BuildResult[]): void {
  for (const result of results) {
    console.log(`\n== ${result.label} (${result.root})`);
    for (const [route, load] of Object.entries(result.routes)) {
      console.log(`${route.padEnd(11)} first load: ${set(load.firstLoad)}   (wire ${kb(load.firstLoad.wireBytes)})`);
      if (load.afterLoad.count || load.afterLoad.assets.count) {
        console.log(
          `${"".padEnd(11)} after load: ${set(load.afterLoad)}${load.afterLoad.assets.count ? ` + wasm ${kb(load.afterLoad.assets.rawBytes)}` : ""}`,
        );
      }
      if (load.scanStep) {
        console.log(
          `${"".padEnd(11)} scan step:  ${set(load.scanStep)}${load.scanStep.assets.count ? ` + wasm ${kb(load.scanStep.assets.rawBytes)}` : ""}`,
        );
        const scanner = [...load.afterLoad.files, ...load.scanStep.files].filter((f) => f.scanner);
        const inFirst = load.firstLoad.files.filter((f) => f.scanner).length;
        console.log(
          `${"".padEnd(11)} scanner:    ${set(fileSet(scanner))} lazy (after load or with the step)${inFirst ? `; ${inFirst} in the first load` : ""}: ${scanner.map((f) => `${f.path.split("/").pop()} ${kb(f.gzipBytes)}`).join(", ")}`,
        );
      }
      const { expected, missing, extra } = load.manifest;
      if (missing.length || extra.length) {
        console.log(
          `${"".padEnd(11)} manifests name ${expected}; not loaded before load: ${missing.join(" ") || "-"}; loaded but not named: ${extra.join(" ") || "-"}`,
        );
      }
    }
    console.log(`keypad interactive: median ${result.keypadMedianMs} ms (runs ${result.keypadRunsMs.join(", ")})`);
    console.log(`app ready:          median ${result.appReadyMedianMs} ms (runs ${result.appReadyRunsMs.join(", ")})`);
    console.log(
      `same loads: HTML arrived (median) ${result.htmlMedianMs} ms, first contentful paint ${result.firstPaintMedianMs} ms`,
    );
  }
  const [current, baseline] = results;
  if (!current || !baseline) return;
  console.log(`\n== ${current.label} vs ${baseline.label}`);
  for (const route of Object.keys(current.routes)) {
    const a = current.routes[route]!.firstLoad;
    const b = baseline.routes[route]?.firstLoad;
    if (!b) continue;
    console.log(
      `${route.padEnd(11)} ${kb(b.gzipBytes).padStart(8)} → ${kb(a.gzipBytes).padStart(8)} gzip (${(a.gzipBytes / b.gzipBytes).toFixed(2)}×), ${b.count} → ${a.count} scripts`,
    );
  }
  if (current.keypadMedianMs && baseline.keypadMedianMs) {
    console.log(
      `keypad interactive ${baseline.keypadMedianMs} → ${current.keypadMedianMs} ms (${(current.keypadMedianMs / baseline.keypadMedianMs).toFixed(2)}×)`,
    );
  }
  if (current.appReadyMedianMs && baseline.appReadyMedianMs) {
    console.log(
      `app ready          ${baseline.appReadyMedianMs} → ${current.appReadyMedianMs} ms (${(current.appReadyMedianMs / baseline.appReadyMedianMs).toFixed(2)}×)`,
    );
  }
}
