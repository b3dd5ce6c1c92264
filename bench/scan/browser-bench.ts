/**
 * Time from the camera's first frame to a decoded code, in headless Chromium with the fake camera
 * (docs/scanning-findings.md §6): a generated 1280×720 wallet frame → 1 s 30 fps Y4M (ffmpeg) → Chromium's
 * `--use-file-for-fake-video-capture`. The pages (`browser/`) are bundled with esbuild and served
 * with the zxing-wasm binary from one loopback origin; nothing leaves the machine.
 *
 * Each run is a fresh browser context (cold page, cold worker, wasm fetched and compiled again);
 * the engines take turns in a shuffled order. The default engine runs twice: preloaded (the wasm
 * instantiated before the camera opens, as docs/scanning-findings.md §6 recommends) and cold (worker and camera
 * started together).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { chromium, type Browser } from "@playwright/test";
import { pngToY4m } from "../../tests/support/camera-video";
import { renderFrame, framePng, type FrameOptions } from "../../tests/support/frames";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../tests/e2e/support/e2e-settings";
import { READ_PLAN_PERIOD } from "../../lib/scan/wasm-reader-options";
import { shuffle } from "./corpus";
import { seededRandom } from "../../lib/seeded-random";
import { ZXING_WASM_FILE, loadWasmReader, wasmPlanRead, zxingJsDecoder } from "./engines";
import type { PageReport } from "./browser/protocol";

/** "wasm": engine preloaded before the camera opens; "wasm-cold": both start together. */
export type BrowserEngine = "wasm" | "wasm-cold" | "zxing";
const ENGINES: BrowserEngine[] = ["wasm", "wasm-cold", "zxing"];
export type Symbology = "qr" | "c128";

export type BrowserRun = {
  engine: BrowserEngine;
  symbology: Symbology;
  decoded: boolean;
  correct: boolean;
  /** Decoded − first video frame (the earliest of loadeddata, its presentationTime and the first grab). */
  firstDecodeMs: number | null;
  /** Navigation start → first video frame. */
  cameraStartMs: number | null;
  /** wasm: worker ready − first frame (positive: the frame waited for the engine). */
  engineLateMs: number | null;
  attempts: number;
  /** Grab and decode time of the attempt that read the code (or the last one). */
  lastGrabMs: number | null;
  lastDecodeMs: number | null;
  /** wasm: the createImageBitmap part of lastGrabMs. */
  lastBitmapMs: number | null;
  /** Which attempt read it: "fast" (centre) / "full" (wasm) or "full" (zxing-js). */
  readBy: string | null;
  frameSize: string | null;
  error: string | null;
};

export type BrowserBenchResult = {
  runs: BrowserRun[];
  chromium: string;
  /** What each engine reads off the exact PNG in Node (before Y4M/4:2:0 and Chromium's scaling). */
  /** wasmFirst: the plan's first attempt reads it; wasmPeriod: one of a period's attempts does. */
  nodeCheck: Record<Symbology, { wasmFirst: boolean; wasmPeriod: boolean; zxing: boolean }>;
  frames: Record<Symbology, Omit<FrameOptions, "text">>;
};

const here = import.meta.dirname;
const TEXT = "134857901234588557"; // WeChat Pay-like (docs/qfpay.md §10), as the e2e fake camera uses

/**
 * The frames the fake camera shows: one typical counter-top view per symbology, fixed in advance
 * (mid-range of the corpus "camera" profile), not picked for any engine.
 */
const BASE: Omit<FrameOptions, "symbol"> = {
  width: 1280,
  height: 720,
  surroundings: "dark",
  rotationDeg: 3,
  blur: 1.1,
  noise: 3,
  contrast: { dark: 60, light: 200 },
  seed: 11,
};
const FRAMES: Record<Symbology, Omit<FrameOptions, "text">> = {
  qr: { ...BASE, symbol: "qrcode", qrSize: 0.45 },
  c128: { ...BASE, symbol: "code128", barcodeWidth: 0.5 },
};

async function bundlePages(outdir: string): Promise<void> {
  await build({
    entryPoints: {
      "page-wasm": path.join(here, "browser", "page-wasm.ts"),
      "page-zxing": path.join(here, "browser", "page-zxing.ts"),
      // The till's own worker, not a copy.
      worker: path.join(here, "..", "..", "lib", "scan", "zxing-wasm.worker.ts"),
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    outdir,
    logLevel: "warning",
  });
  copyFileSync(ZXING_WASM_FILE, path.join(outdir, "zxing_reader.wasm"));
  for (const engine of ["wasm", "zxing"] as const) {
    writeFileSync(
      path.join(outdir, `${engine}.html`),
      `<!doctype html><meta charset="utf-8"><title>scan bench</title>` +
        `<video muted playsinline autoplay style="width:640px;height:360px;background:#000"></video>` +
        `<script type="module" src="/page-${engine}.js"></script>`,
    );
  }
}

function serve(root: string): Promise<http.Server> {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
  const server = http.createServer((req, res) => {
    const file = path.join(root, path.normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)));
    try {
      if (!file.startsWith(root + path.sep)) throw new Error("outside");
      const body = readFileSync(file);
      res.writeHead(200, {
        "content-type": types[path.extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function summarise(
  engine: BrowserEngine,
  symbology: Symbology,
  report: PageReport | null,
  error: string | null,
): BrowserRun {
  const attempts = report?.attempts ?? [];
  const firstGrab = attempts[0]?.at;
  // The first frame is on the page at the earliest of: the <video>'s loadeddata, the first
  // frame's presentationTime (requestVideoFrameCallback), the first grab. @zxing/browser grabs as
  // soon as the video plays, which can be before the first requestVideoFrameCallback runs.
  const firstFrameAt = [report?.loadedDataAt, report?.firstFramePresentedAt, firstGrab]
    .filter((t): t is number => t !== undefined)
    .reduce((a, b) => Math.min(a, b), Infinity);
  const decoded = report?.decodedAt !== undefined;
  const winner = decoded ? attempts.find((a) => a.texts.length > 0) : attempts.at(-1);
  const known = Number.isFinite(firstFrameAt);
  return {
    engine,
    symbology,
    decoded,
    correct: decoded && report?.text === TEXT,
    firstDecodeMs: decoded && known ? report.decodedAt! - firstFrameAt : null,
    cameraStartMs: known ? firstFrameAt : null,
    engineLateMs:
      known && engine !== "zxing" && report?.engineReadyAt !== undefined ? report.engineReadyAt - firstFrameAt : null,
    attempts: attempts.length,
    lastGrabMs: winner ? winner.grabMs : null,
    lastDecodeMs: winner ? winner.decodeMs : null,
    lastBitmapMs: winner?.bitmapMs ?? null,
    readBy: decoded && winner ? (engine === "zxing" ? "full" : (winner.step ?? "?")) : null,
    frameSize: report?.frameSize ?? null,
    error: error ?? report?.error ?? null,
  };
}

/** Does each engine read the exact PNG in Node? (Context for a browser miss.) */
async function nodeCheck(): Promise<BrowserBenchResult["nodeCheck"]> {
  await loadWasmReader();
  const out = {} as BrowserBenchResult["nodeCheck"];
  for (const symbology of ["qr", "c128"] as const) {
    const frame = renderFrame({ ...FRAMES[symbology], text: TEXT });
    const image = { data: frame.rgba, width: frame.width, height: frame.height };
    const reads: boolean[] = [];
    for (let attempt = 0; attempt < READ_PLAN_PERIOD; attempt++)
      reads.push((await wasmPlanRead(image, attempt)).text === TEXT);
    out[symbology] = {
      wasmFirst: reads[0]!,
      wasmPeriod: reads.some(Boolean),
      zxing: zxingJsDecoder()(image).includes(TEXT),
    };
  }
  return out;
}

export async function runBrowserBench(
  runsPerEngine: number,
  seed: number,
  log: (line: string) => void,
): Promise<BrowserBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "scantill-bench-scan-"));
  const site = path.join(dir, "site");
  let server: http.Server | null = null;
  let browser: Browser | null = null;
  try {
    await bundlePages(site);
    const videos = {} as Record<Symbology, string>;
    for (const symbology of ["qr", "c128"] as const) {
      const png = path.join(dir, `${symbology}.png`);
      videos[symbology] = path.join(dir, `${symbology}.y4m`);
      writeFileSync(png, framePng(renderFrame({ ...FRAMES[symbology], text: TEXT })));
      pngToY4m(png, videos[symbology]);
    }
    const check = await nodeCheck();
    server = await serve(site);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const random = seededRandom(seed * 101 + 3);
    const runs: BrowserRun[] = [];
    let chromiumVersion = "";
    for (const symbology of ["qr", "c128"] as const) {
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [
          ...CHROMIUM_ARGS,
          "--use-fake-ui-for-media-stream",
          "--use-fake-device-for-media-stream",
          `--use-file-for-fake-video-capture=${videos[symbology]}`,
        ],
      });
      chromiumVersion = browser.version();
      for (let i = 0; i < runsPerEngine; i++) {
        for (const engine of shuffle([...ENGINES], random)) {
          const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
          let report: PageReport | null = null;
          let error: string | null = null;
          try {
            const page = await context.newPage();
            page.on("pageerror", (e) => {
              error ??= `pageerror: ${e.message}`;
            });
            const url = engine === "zxing" ? "zxing.html?" : engine === "wasm" ? "wasm.html?preload=1&" : "wasm.html?";
            await page.goto(`${base}/${url}expected=${TEXT}`);
            await page.waitForFunction(() => window.__scanBench?.done === true, null, { timeout: 20_000, polling: 50 });
            report = await page.evaluate(() => window.__scanBench ?? null);
          } catch (e) {
            error ??= String(e).split("\n")[0]!;
          } finally {
            await context.close().catch(() => undefined);
          }
          const run = summarise(engine, symbology, report, error);
          runs.push(run);
          log(
            `browser ${symbology} ${engine} run ${i + 1}/${runsPerEngine}: ` +
              (run.decoded
                ? `decoded ${run.firstDecodeMs?.toFixed(0)} ms after the first frame (${run.attempts} attempt(s), by ${run.readBy})`
                : `no decode (${run.attempts} attempts${run.error ? `; ${run.error}` : ""})`),
          );
        }
      }
      await browser.close();
      browser = null;
    }
    return { runs, chromium: chromiumVersion, nodeCheck: check, frames: FRAMES };
  } finally {
    await browser?.close().catch(() => undefined);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
}
