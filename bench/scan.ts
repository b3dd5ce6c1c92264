/**
 * `npm run bench:scan`: the camera decoders side by side (issue 4, item 5; issue 10).
 *
 * 1. Node, first corpus: seeded single camera-like frames (QR and Code 128 wallet codes, 640×480
 *    and 1280×720; small turns, blur, noise, low contrast, dark surroundings; empty frames), each
 *    read at every attempt of one period of the till's read plan (`readPlanFor` in
 *    lib/scan/wasm-reader-options, run by lib/scan/read-plan-runner: the code the till's worker
 *    runs), of the old plan ("baseline", scan/baseline-plan.ts), and by patched @zxing/library,
 *    interleaved frame by frame.
 * 2. Node, hard corpus (scan/hard-corpus.ts, scan/hard-scene.ts): scenes of a phone as a counter
 *    camera sees it (perspective up to 40°, turns of 0–30°, glare, moiré, small codes, defocus,
 *    motion blur, low light, JPEG, a thumb over a corner; negatives that must never be accepted),
 *    10 jittered frames each, read as 10 successive camera-loop attempts by the till's plan and
 *    the old one side by side; a read counts only if checkPaymentCode accepts it.
 * 2b. Node, product mode (scan/product-bench.ts, issue 12): EAN-13, UPC-A and Code 128 SKU frames read
 *    by the first attempt of the product plan (`productReadPlanFor`); its own figures, apart from
 *    the payment mode's above, which the product mode does not change.
 * 3. Headless Chromium with a fake camera and the till's own worker: time from the first video
 *    frame to the decoded code, for each engine and symbology.
 *
 * Prints tables (before/after per condition, cost per attempt, misreads, targets), then a last line
 * `BENCH scan {json}`. Exits 0 whether or not the targets are met.
 *
 *   npm run bench:scan                 # both corpora in full, 5 rounds, 5 browser runs per engine and code
 *   npm run bench:scan -- --quick      # smaller corpora, 2 rounds, 3 browser runs
 *   options: --no-browser  --no-hard  --no-product  --rounds N  --runs N  --seed N
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { FULL_PLAN, QUICK_PLAN } from "./scan/corpus";
import { HARD_FULL_PLAN, HARD_QUICK_PLAN } from "./scan/hard-corpus";
import { runHardBench, type HardBenchResult } from "./scan/hard-bench";
import { runBrowserBench, type BrowserBenchResult } from "./scan/browser-bench";
import { zxingJsIsPatched } from "./scan/engines";
import { runNodeBench } from "./scan/node-bench";
import { runProductBench, type ProductBenchResult } from "./scan/product-bench";
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
  if (!zxingPatched)
    log("WARNING: @zxing/library in node_modules lacks the Code 128 patch (patches/); zxing-js Code 128 will read ~0%");

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

  let hard: HardBenchResult | null = null;
  if (!process.argv.includes("--no-hard")) {
    hard = await runHardBench({ ...(quick ? HARD_QUICK_PLAN : HARD_FULL_PLAN), seed }, log);
    log(`hard corpus ${(hard.totalMs / 1000).toFixed(1)} s`);
  }

  let product: ProductBenchResult | null = null;
  if (!process.argv.includes("--no-product")) {
    product = await runProductBench(quick ? 12 : 40, seed, log);
    log(`product mode ${(product.totalMs / 1000).toFixed(1)} s`);
  }

  let browser: BrowserBenchResult | null = null;
  if (!process.argv.includes("--no-browser")) {
    const t = performance.now();
    browser = await runBrowserBench(runs, seed, log);
    log(`browser ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  const cpus = os.cpus();
  const machine = `Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`;
  const { text, json } = buildReport(node, hard, browser, {
    quick,
    rounds,
    seed,
    zxingPatched,
    totalMs: performance.now() - started,
    machine,
  });
  console.log(text);
  if (product) {
    console.log("\nProduct mode (the sale step's camera; first attempt of productReadPlanFor, 1280x720, Node):");
    for (const kind of ["ean13", "upca", "code128"] as const) {
      const k = product[kind];
      console.log(
        `${kind.padEnd(8)} ${k.read}/${k.frames} read (${(k.rate * 100).toFixed(1)}%), ${k.msP50} ms median, ${k.msMean} ms mean per frame`,
      );
    }
    Object.assign(json, {
      product_ean13_rate: product.ean13.rate,
      product_upca_rate: product.upca.rate,
      product_code128_rate: product.code128.rate,
      product_ean13_ms_p50: product.ean13.msP50,
      product_upca_ms_p50: product.upca.msP50,
      product_code128_ms_p50: product.code128.msP50,
      product_ms_p50_720: product.msP50,
      product_basis:
        "product mode: first attempt of productReadPlanFor on seeded 1280x720 frames (turns ±15°, blur, noise, contrast); a read counts if it is the expected normalised code",
    });
  }
  console.log(`BENCH scan ${JSON.stringify(json)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
