/**
 * ScanTill's service worker (Serwist, bundled by `app/serwist/[path]/route.ts`, served at
 * `/serwist/sw.js` and `/sw.js`). What it does with each kind of request:
 *
 * - Precache (installed with the worker, served cache-first): Next's static build output
 *   (`/_next/static/**`), `public/**` (icons, and the scanner's `/scanner/zxing_reader.wasm`,
 *   whose revision is its SHA-256) and the offline page `/~offline`.
 * - Navigations to `/sale` (the till): network first; the network copy is kept in one cache
 *   entry when it is the signed-in page (HTTP 200, not redirected). When the network fails or takes
 *   longer than SALE_NETWORK_TIMEOUT_MS, the kept copy is served, so a reload with no network still
 *   opens the till, signed in. A late network answer still refreshes (or removes) the copy.
 * - Other navigations: network only; when the network fails, the precached `/~offline` page.
 * - `/api/**` and everything else: not handled here at all (the browser fetches it as if there
 *   were no service worker), so payment, auth and data responses are never cached.
 *
 * A signed-out user never gets the kept till page online, because the copy is dropped when:
 *   - a navigation to /sale is answered with anything but the page (redirect to /login, 401/403);
 *   - /login is shown (HTTP 200 means there is no session: the page redirects signed-in staff);
 *   - the page posts a sign-in or sign-out to next-auth (`/api/auth/signin|signout|callback/*`);
 *   - a new version of the worker activates (the copy names the old build's chunks).
 * And on every load of /sale the page asks the worker to check the session with the network
 * (`scantill:check-sale`); if the server positively says "signed out", the copy is dropped and
 * the page goes to the sign-in screen (covers a copy served after a slow network's timeout).
 */
import type { PrecacheEntry, RouteHandlerCallbackOptions, SerwistGlobalConfig } from "serwist";
import { Serwist } from "serwist";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const SALE_PATH = "/sale";
const LOGIN_PATH = "/login";
const OFFLINE_PATH = "/~offline";
/** Long enough for a slow café Wi-Fi to answer, short enough that a dead one does not stall the till. */
const SALE_NETWORK_TIMEOUT_MS = 3_000;
/** A check of /sale this recent (by a navigation or an earlier check) is not repeated. */
const CHECK_FRESH_MS = 10_000;

const allEntries = self.__SW_MANIFEST ?? [];
const entryUrl = (e: PrecacheEntry | string) => (typeof e === "string" ? e : e.url);
/**
 * Turbopack's worker bootstrap (`turbopack-worker-*.js`, which starts the scanner's zxing-wasm
 * worker) reads its configuration from the fragment of its own URL (`#params=…`). A worker's URL is
 * the URL of the response that loaded it, and a response from the precache carries the cache key,
 * without the fragment: the bootstrap then fails ("Missing worker bootstrap config") and the till
 * silently fell back to the slower zxing-js reader in the installed app (issue 10). So these files
 * are kept in a cache of their own and answered with a fresh Response, which has no URL of its
 * own and so keeps the request's, fragment included.
 */
const WORKER_BOOTSTRAP = /\/_next\/static\/chunks\/turbopack-worker-[^/]+\.js$/;
const workerEntries = allEntries.filter((e) => WORKER_BOOTSTRAP.test(entryUrl(e)));
const precacheEntries = allEntries.filter((e) => !WORKER_BOOTSTRAP.test(entryUrl(e)));
/** One cache per build: a copy of /sale names that build's chunks, which the precache replaces. */
const PAGES_CACHE = `scantill-pages-${buildTag(allEntries)}`;
const WORKERS_CACHE = `scantill-workers-${buildTag(allEntries)}`;
const saleKey = () => new URL(SALE_PATH, self.location.origin).href;

type SaleVerdict = "signed-in" | "signed-out" | "unknown";
let lastCheck: { at: number; verdict: SaleVerdict } | null = null;

function buildTag(entries: (PrecacheEntry | string)[]): string {
  const text = entries.map((e) => (typeof e === "string" ? e : `${e.url}#${e.revision ?? ""}`)).join("\n");
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return hash.toString(36);
}

function isSignedInSalePage(response: Response): boolean {
  if (response.status !== 200 || response.type !== "basic" || response.redirected) return false;
  return !response.url || new URL(response.url).pathname === SALE_PATH;
}

function meansSignedOut(response: Response): boolean {
  return (
    response.type === "opaqueredirect" ||
    (response.status >= 300 && response.status < 400) ||
    response.status === 401 ||
    response.status === 403
  );
}

async function forgetSignedInPages(): Promise<void> {
  lastCheck = null; // the next check asks the network
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith("scantill-pages-")).map((n) => caches.delete(n)));
}

/** Keeps or drops the copy of /sale according to what the network answered for it. */
async function learnFromSaleResponse(response: Response): Promise<void> {
  if (isSignedInSalePage(response)) {
    lastCheck = { at: Date.now(), verdict: "signed-in" };
    const cache = await caches.open(PAGES_CACHE);
    await cache.put(saleKey(), response);
  } else if (meansSignedOut(response)) {
    await forgetSignedInPages();
    lastCheck = { at: Date.now(), verdict: "signed-out" };
  }
}

async function cachedSale(): Promise<Response | undefined> {
  const cache = await caches.open(PAGES_CACHE);
  return cache.match(saleKey(), { ignoreSearch: true, ignoreVary: true });
}

async function offlinePage(): Promise<Response> {
  return (await serwist.matchPrecache(OFFLINE_PATH)) ?? Response.error();
}

function timeout(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

/** Every same-origin page navigation (never /api). */
async function handleNavigation({ request, url, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const isSale = url.pathname === SALE_PATH;
  const network = fetch(request).then((response) => {
    // Not awaited: the page streams to the browser while its copy is written.
    if (isSale) event.waitUntil(learnFromSaleResponse(response.clone()));
    else if (url.pathname === LOGIN_PATH && response.ok && !response.redirected) event.waitUntil(forgetSignedInPages());
    return response;
  });
  // The network answer may land after the cached copy was served: keep the worker alive for it.
  event.waitUntil(
    network.then(
      () => undefined,
      () => undefined,
    ),
  );
  if (!isSale) {
    try {
      return await network;
    } catch {
      return offlinePage();
    }
  }
  try {
    const first = await Promise.race([network, timeout(SALE_NETWORK_TIMEOUT_MS)]);
    if (first) return first;
    const copy = await cachedSale();
    if (!copy) return await network;
    lastCheck = null; // the page's check must ask the server, not trust an earlier answer
    return copy;
  } catch {
    lastCheck = null;
    return (await cachedSale()) ?? offlinePage();
  }
}

/** The page asks after each load of /sale: is this browser still signed in? (see the header) */
async function checkSale(): Promise<SaleVerdict> {
  if (lastCheck && Date.now() - lastCheck.at < CHECK_FRESH_MS) return lastCheck.verdict;
  try {
    const response = await fetch(SALE_PATH, { credentials: "same-origin", redirect: "manual", cache: "no-store" });
    await learnFromSaleResponse(response.clone());
    if (isSignedInSalePage(response)) return "signed-in";
    if (meansSignedOut(response)) return "signed-out";
    return "unknown";
  } catch {
    return "unknown";
  }
}

/** A worker bootstrap: from its cache (the network the first time), as a Response with no URL. */
async function handleWorkerBootstrap({ url }: RouteHandlerCallbackOptions): Promise<Response> {
  const cache = await caches.open(WORKERS_CACHE);
  const key = url.origin + url.pathname;
  let response = await cache.match(key, { ignoreSearch: true });
  if (!response) {
    response = await fetch(key, { credentials: "same-origin", cache: "no-cache" });
    if (response.ok) await cache.put(key, response.clone());
  }
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

const serwist = new Serwist({
  precacheEntries,
  skipWaiting: true,
  clientsClaim: true,
  // Off on purpose: a preloaded response skips the checks above that keep or drop the /sale copy.
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.mode === "navigate" && !url.pathname.startsWith("/api/"),
      handler: handleNavigation,
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && WORKER_BOOTSTRAP.test(url.pathname),
      handler: handleWorkerBootstrap,
    },
  ],
});

// Before Serwist's own listener: sign-in and sign-out go to the network untouched, but the kept
// signed-in page goes at once (also when the sign-out itself cannot reach the server).
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (
    event.request.method === "POST" &&
    url.origin === self.location.origin &&
    /^\/api\/auth\/(signin|signout|callback)(\/|$)/.test(url.pathname)
  ) {
    event.waitUntil(forgetSignedInPages());
  }
});

self.addEventListener("message", (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type !== "scantill:check-sale") return;
  const port = event.ports[0];
  event.waitUntil(checkSale().then((verdict) => port?.postMessage({ verdict })));
});

// The worker bootstraps are fetched with the precache, so the installed app scans offline too.
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(WORKERS_CACHE).then((cache) => cache.addAll(workerEntries.map(entryUrl))));
});

self.addEventListener("activate", (event) => {
  const current = [PAGES_CACHE, WORKERS_CACHE];
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter(
              (n) => (n.startsWith("scantill-pages-") || n.startsWith("scantill-workers-")) && !current.includes(n),
            )
            .map((n) => caches.delete(n)),
        ),
      ),
  );
});

serwist.addEventListeners();
