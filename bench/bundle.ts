/**
 * `npm run bench:bundle [-- --compare <checkout>] [--runs N] [--keypad-only]`: the JavaScript
 * each page makes the browser load, and how soon the sale screen's keypad answers on a slow tablet
 * (docs/first-load.md).
 *
 * Builds the production app if its sources changed (as `npm start` does) and serves it on port
 * 3620; with `--compare`, another checkout (e.g. a `git worktree` of an older commit) is built and
 * served beside it on 3720 and measured in the same run, so the two are compared on the same busy
 * machine. Per route (bench/bundle/routes.ts): first-load scripts (count, raw, gzip, wire) as
 * headless Chromium loads them (bench/bundle/first-load.ts), checked against the build's manifests
 * (bench/bundle/manifest.ts); what loads after `load` with no input; on /sale, what the scan step
 * adds, and the scanner's lazy chunks wherever they loaded. Then "keypad interactive"
 * (bench/bundle/keypad-interactive.ts, defined there): median of `--runs` cold loads (default 7)
 * per build, the builds taking turns. Last line: `BENCH bundle {json}`.
 */
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/e2e/support/e2e-settings";
import { repoRoot } from "../scripts/lib/build-if-needed";
import { measureRouteLoad, type RouteLoad } from "./bundle/first-load";
import { CPU_SLOWDOWN, LATENCY_MS, MBIT_PER_S, measureKeypadInteractive } from "./bundle/keypad-interactive";
import { manifestFirstLoad } from "./bundle/manifest";
import { printReport, type BuildResult } from "./bundle/report";
import { ROUTES } from "./bundle/routes";
import { buildAll, cookiesForBrowser, startServers, type Checkout } from "./bundle/servers";

process.env.NEXT_TELEMETRY_DISABLED = "1";

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The scanner's lazy part wherever it loaded without being in the first load: scripts, wasm. */
function scannerTotals(load: RouteLoad) {
  const later = [load.afterLoad, load.scanStep].filter((s) => s !== undefined);
  const scripts = later.flatMap((s) => s.files).filter((f) => f.scanner);
  return {
    scannerScripts: scripts.length,
    scannerGzipBytes: scripts.reduce((sum, f) => sum + f.gzipBytes, 0),
    scannerWasmBytes: later.reduce((sum, s) => sum + s.assets.rawBytes, 0),
    scannerInFirstLoad: load.firstLoad.files.filter((f) => f.scanner).length,
  };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const runs = Number(option("runs") ?? 7);
  const compare = option("compare");
  // Only the keypad timing, for more runs in the same time (the byte counts do not vary).
  const keypadOnly = process.argv.includes("--keypad-only");
  const checkouts: Checkout[] = [{ label: "current", root: repoRoot, port: 3620 }];
  if (compare) checkouts.push({ label: "baseline", root: path.resolve(compare), port: 3720 });

  buildAll(checkouts);
  const servers = await startServers(checkouts);
  // The scanner starts for real on the scan step: Chromium's built-in fake camera, no prompt.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
  });
  try {
    const results: BuildResult[] = [];
    for (const app of servers.apps) {
      const routes: Record<string, RouteLoad & { manifest: { expected: number; missing: string[]; extra: string[] } }> =
        {};
      for (const route of keypadOnly ? [] : ROUTES) {
        const cookies = route.user ? cookiesForBrowser(await app.cookiesFor(route.user), app.url) : [];
        const load = await measureRouteLoad(browser, {
          baseUrl: app.url,
          route: route.path,
          cookies,
          scanStep: route.path === "/sale",
        });
        const expected = manifestFirstLoad(app.root, route.appDir);
        const loaded = new Set(load.firstLoad.files.map((f) => f.path));
        routes[route.path] = {
          ...load,
          manifest: {
            expected: expected.size,
            missing: [...expected].filter((f) => !loaded.has(f)),
            extra: [...loaded].filter((f) => !expected.has(f)),
          },
        };
      }
      results.push({
        label: app.label,
        root: app.root,
        routes,
        keypadRunsMs: [],
        appReadyRunsMs: [],
        firstPaintRunsMs: [],
        htmlRunsMs: [],
      });
    }

    const cashier = await Promise.all(
      servers.apps.map(async (app) => cookiesForBrowser(await app.cookiesFor("cashier"), app.url)),
    );
    for (let run = 0; run < runs; run++) {
      // Builds take turns, each run starting with the other one, so neither always goes first.
      const order = servers.apps.map((_, i) => i);
      if (run % 2) order.reverse();
      for (const i of order) {
        const run = await measureKeypadInteractive(browser, servers.apps[i]!.url, cashier[i]!);
        results[i]!.keypadRunsMs.push(Math.round(run.interactiveMs));
        results[i]!.appReadyRunsMs.push(Math.round(run.appReadyMs));
        results[i]!.firstPaintRunsMs.push(Math.round(run.firstPaintMs));
        results[i]!.htmlRunsMs.push(Math.round(run.htmlMs));
      }
    }
    for (const result of results) {
      result.keypadMedianMs = median(result.keypadRunsMs);
      result.appReadyMedianMs = median(result.appReadyRunsMs);
      result.firstPaintMedianMs = median(result.firstPaintRunsMs);
      result.htmlMedianMs = median(result.htmlRunsMs);
    }

    printReport(results);
    const summary = {
      conditions: { cpuSlowdown: CPU_SLOWDOWN, mbitPerS: MBIT_PER_S, latencyMs: LATENCY_MS, runs, gzipLevel: 6 },
      builds: Object.fromEntries(
        results.map((r) => [
          r.label,
          {
            routes: Object.fromEntries(
              Object.entries(r.routes).map(([route, load]) => [
                route,
                {
                  scripts: load.firstLoad.count,
                  rawBytes: load.firstLoad.rawBytes,
                  gzipBytes: load.firstLoad.gzipBytes,
                  afterLoadScripts: load.afterLoad.count,
                  afterLoadGzipBytes: load.afterLoad.gzipBytes,
                  ...(load.scanStep
                    ? {
                        scanStepScripts: load.scanStep.count,
                        scanStepGzipBytes: load.scanStep.gzipBytes,
                        ...scannerTotals(load),
                      }
                    : {}),
                  manifestMismatch: load.manifest.missing.length + load.manifest.extra.length,
                },
              ]),
            ),
            keypadInteractiveMedianMs: r.keypadMedianMs,
            keypadInteractiveRunsMs: r.keypadRunsMs,
            appReadyMedianMs: r.appReadyMedianMs,
            appReadyRunsMs: r.appReadyRunsMs,
            firstPaintMedianMs: r.firstPaintMedianMs,
            htmlMedianMs: r.htmlMedianMs,
          },
        ]),
      ),
    };
    console.log(`BENCH bundle ${JSON.stringify(summary)}`);
  } finally {
    await browser.close();
    await servers.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
