/**
 * `npm run bench:scan`: the two camera decoders side by side (issue 4, item 5).
 *
 * 1. Node: a seeded corpus of camera-like frames (QR and Code 128 wallet codes, 640×480 and
 *    1280×720; rotation, blur, noise, low contrast, dark surroundings; empty frames) decoded by
 *    the default engine (zxing-wasm, the till's FAST options on the centre region and FULL options
 *    on the whole frame, from lib/scan/wasm-reader-options) and by patched @zxing/library
 *    (QR + Code 128, HybridBinarizer, whole frame), interleaved frame by frame.
 * 2. Headless Chromium with a fake camera: time from the first video frame to the decoded code,
 *    for each engine and symbology.
 *
 * Prints tables, then a last line `BENCH scan {json}`. Exits 0 whether or not the targets are met.
 *
 *   npm run bench:scan                 # full corpus, 5 rounds, 5 browser runs per engine and code
 *   npm run bench:scan -- --quick      # smaller corpus, 2 rounds, 3 browser runs
 *   options: --no-browser  --rounds N  --runs N  --seed N
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { FULL_PLAN, QUICK_PLAN } from "./scan/corpus";
import { runBrowserBench, type BrowserBenchResult } from "./scan/browser-bench";
import { zxingJsIsPatched } from "./scan/engines";
import { runNodeBench } from "./scan/node-bench";
import { buildReport } from "./scan/report";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const started = performance.now();
  const quick = process.argv.includes("--quick");
  const seed = Number(option("--seed") ?? 1);
  const rounds = Number(option("--rounds") ?? (quick ? 2 : 5));
  const runs = Number(option("--runs") ?? (quick ? 3 : 5));
  const plan = { ...(quick ? QUICK_PLAN : FULL_PLAN), seed };
  const log = (line: string) => console.error(`[bench:scan] ${line}`);

  const zxingPatched = zxingJsIsPatched();
  if (!zxingPatched) log("WARNING: @zxing/library in node_modules lacks the Code 128 patch (patches/); zxing-js Code 128 will read ~0%");

  const node = await runNodeBench(
    [
      [640, 480],
      [1280, 720],
    ],
    plan,
    rounds,
    log,
  );
  log(`corpus ${(node.corpusMs / 1000).toFixed(1)} s, decoding ${(node.benchMs / 1000).toFixed(1)} s`);

  let browser: BrowserBenchResult | null = null;
  if (!process.argv.includes("--no-browser")) {
    const t = performance.now();
    browser = await runBrowserBench(runs, seed, log);
    log(`browser ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  const cpus = os.cpus();
  const machine = `Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, load ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`;
  const { text, json } = buildReport(node, browser, { quick, rounds, seed, zxingPatched, totalMs: performance.now() - started, machine });
  console.log(text);
  console.log(`BENCH scan ${JSON.stringify(json)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
