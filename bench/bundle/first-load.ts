/**
 * What the browser really loads for a route: a fresh Chromium context (empty cache, no service
 * worker), the route opened with a signed-in demo session, every JavaScript response recorded with
 * its bytes. Three sets:
 *
 * - firstLoad: scripts whose request started before the page's `load` event (the HTML's scripts and
 *   whatever they pulled in before it) — the number the issue quotes;
 * - afterLoad: scripts fetched after `load` with no input (idle prefetches, deferred parts), until
 *   no script has been requested for QUIET_MS;
 * - scanStep (the sale page only): what keying an amount and tapping Charge adds (the scanner:
 *   its panel, engine, worker and the wasm binary), with a fake camera so the scanner really starts.
 *
 * Bytes: raw (decoded body), gzip (zlib level 6, the level Next's own compression uses, computed
 * here so both builds are compared alike) and wire (what the server sent, from resource timing).
 * A script whose text names the camera scanner or zxing is marked `scanner`, so the scanner's lazy
 * chunks can be told apart wherever they load (after `load` when prefetched, or with the step).
 */
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "@playwright/test";

const QUIET_MS = 1_500;
const MAX_WAIT_MS = 20_000;

export type LoadedFile = { path: string; rawBytes: number; gzipBytes: number; wireBytes: number; scanner: boolean };

const SCANNER_MARKER = /zxing|camera-scanner/i;
export type FileSet = { count: number; rawBytes: number; gzipBytes: number; wireBytes: number; files: LoadedFile[] };

/** Scripts, and apart from them (`assets`) the scanner's wasm binary when it was fetched. */
export type FileSetWithAssets = FileSet & { assets: FileSet };

export type RouteLoad = {
  firstLoad: FileSetWithAssets;
  afterLoad: FileSetWithAssets;
  scanStep?: FileSetWithAssets;
};

/** `requestedAt`: when the request started (wall clock, ms); `at`: when its response came. */
type Seen = {
  url: string;
  path: string;
  kind: "script" | "asset";
  body: Promise<Buffer | null>;
  requestedAt: number;
  at: number;
};

export function fileSet(files: LoadedFile[]): FileSet {
  const sum = (key: "rawBytes" | "gzipBytes" | "wireBytes") => files.reduce((total, f) => total + f[key], 0);
  return {
    count: files.length,
    rawBytes: sum("rawBytes"),
    gzipBytes: sum("gzipBytes"),
    wireBytes: sum("wireBytes"),
    files,
  };
}

/** Records every /_next/static script and the scanner's wasm the context fetches (workers included). */
function watch(context: BrowserContext): Seen[] {
  const seen: Seen[] = [];
  context.on("response", (response) => {
    const url = new URL(response.url());
    const isScript = url.pathname.endsWith(".js") && url.pathname.startsWith("/_next/");
    const isAsset = url.pathname.endsWith(".wasm");
    if (!isScript && !isAsset) return;
    seen.push({
      url: response.url(),
      path: url.pathname,
      kind: isScript ? "script" : "asset",
      body: response.body().catch(() => null),
      requestedAt: response.request().timing().startTime,
      at: Date.now(),
    });
  });
  return seen;
}

async function untilQuiet(seen: Seen[]): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < MAX_WAIT_MS) {
    const last = seen.at(-1)?.at ?? started;
    if (Date.now() - Math.max(last, started) >= QUIET_MS) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The page's `load` event on the wall clock, and the bytes each response took on the wire (resource
 * timing; the worker's own fetches are not in the page's list and count 0 there).
 */
async function pageTimings(page: Page): Promise<{ loadAt: number; wire: Map<string, number> }> {
  const { loadAt, entries } = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const list = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    return {
      loadAt: nav && nav.loadEventStart > 0 ? performance.timeOrigin + nav.loadEventStart : Infinity,
      entries: list.map((e) => [e.name, e.transferSize] as const),
    };
  });
  return { loadAt, wire: new Map(entries) };
}

async function toFiles(items: Seen[], wire: Map<string, number>): Promise<LoadedFile[]> {
  const files: LoadedFile[] = [];
  const counted = new Set<string>();
  for (const item of items) {
    if (counted.has(item.url)) continue;
    counted.add(item.url);
    const body = await item.body;
    if (!body) continue;
    files.push({
      path: item.path,
      rawBytes: body.length,
      gzipBytes: gzipSync(body, { level: 6 }).length,
      wireBytes: wire.get(item.url) ?? 0,
      scanner: item.kind === "script" && SCANNER_MARKER.test(body.toString("utf8")),
    });
  }
  return files.sort((a, b) => b.gzipBytes - a.gzipBytes);
}

async function withAssets(items: Seen[], wire: Map<string, number>): Promise<FileSetWithAssets> {
  return {
    ...fileSet(
      await toFiles(
        items.filter((s) => s.kind === "script"),
        wire,
      ),
    ),
    assets: fileSet(
      await toFiles(
        items.filter((s) => s.kind === "asset"),
        wire,
      ),
    ),
  };
}

type LoadOptions = {
  baseUrl: string;
  route: string;
  cookies: { name: string; value: string; url: string }[];
  scanStep: boolean;
};

export async function measureRouteLoad(
  browser: Browser,
  { baseUrl, route, cookies, scanStep }: LoadOptions,
): Promise<RouteLoad> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1024, height: 768 },
    serviceWorkers: "block",
  });
  try {
    await context.addCookies(cookies);
    const seen = watch(context);
    const page = await context.newPage();
    const response = await page.goto(route, { waitUntil: "load" });
    if (!response || response.status() !== 200 || new URL(page.url()).pathname !== route) {
      throw new Error(`${route} answered ${response?.status()} at ${page.url()} (not signed in?)`);
    }
    await untilQuiet(seen);
    const beforeInput = seen.length;
    const { loadAt, wire } = await pageTimings(page);
    const before = seen.slice(0, beforeInput);
    const afterLoad = before.filter((s) => s.requestedAt >= loadAt);
    const result: RouteLoad = {
      firstLoad: await withAssets(
        before.filter((s) => s.requestedAt < loadAt),
        wire,
      ),
      afterLoad: await withAssets(afterLoad, wire),
    };
    if (scanStep) {
      for (const key of ["1", "2", "3"]) await page.getByTestId(`keypad-${key}`).click();
      await page.getByTestId("charge-button").click();
      await page.getByTestId("scan-panel").waitFor();
      await untilQuiet(seen);
      result.scanStep = await withAssets(seen.slice(beforeInput), (await pageTimings(page)).wire);
    }
    return result;
  } finally {
    await context.close();
  }
}
