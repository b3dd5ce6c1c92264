/**
 * The security headers every response carries, and the Content-Security-Policy of the HTML
 * pages (issue 9). Pure: no `server-only`, no process.env (the caller says whether it is a dev
 * server and whether the request came over HTTPS), so the unit tests build the exact strings.
 * Used by proxy.ts (the nonce policy and HSTS, per request) and next.config.ts (the fixed set,
 * on every response: pages, API, /_next/static, /sw.js). The reasons are in docs/security-headers.md.
 */

type Header = { key: string; value: string };

/** 16 random bytes, base64: unguessable and fresh for every page request (docs/security-headers.md §1). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

type CspOptions = {
  nonce: string;
  /** `next dev`: React needs eval for its debug stacks, and dev styles arrive as un-nonced <style>. */
  dev?: boolean;
  /** Only over HTTPS: on plain http (the LAN demo) it would send the page's own requests to https. */
  https?: boolean;
};

/** The policy of an HTML page; `nonce` must be the one proxy.ts hands Next for this request. */
export function contentSecurityPolicy({ nonce, dev = false, https = false }: CspOptions): string {
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    // Next puts this nonce on its own scripts (docs/security-headers.md §1); 'strict-dynamic' lets
    // them load the chunks they need (the scanner's worker bootstrap included). Browsers that know
    // 'strict-dynamic' ignore 'self' here; it stays for older ones. 'wasm-unsafe-eval' allows
    // WebAssembly compilation only (not JS eval): the scanner's zxing-wasm binary (§3).
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      "'wasm-unsafe-eval'",
      ...(dev ? ["'unsafe-eval'"] : []),
    ],
    // Our CSS is Tailwind's file from /_next/static; an inline <style> must carry the nonce. No
    // 'unsafe-inline', so server-rendered style="" attributes are blocked too: our components have
    // none, and app/not-found.tsx replaces Next's built-in 404, which has both (docs/security-headers.md §2).
    // React's `style={{…}}` on the client goes through CSSOM, which CSP does not check.
    // `next dev` injects its styles without a nonce, hence 'unsafe-inline' there (and a nonce would
    // switch 'unsafe-inline' off).
    ["style-src", "'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    // The scanner's worker is a same-origin /_next/static script, and the service worker is
    // /serwist/sw.js: no blob: workers are made (docs/security-headers.md §3).
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
    // The camera reaches the <video> as a MediaStream (srcObject), which CSP does not check.
    ["media-src", "'self'"],
    ["frame-src", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(https ? ([["upgrade-insecure-requests"]] as Array<[string]>) : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** One year, this host only: see docs/security-headers.md §5 for why not includeSubDomains. */
export const HSTS_VALUE = "max-age=31536000";

/**
 * The camera for our own pages only; every other powerful feature off. Only features Chromium
 * knows are listed: an unknown one is an error in the console of every page.
 */
const PERMISSIONS_POLICY = [
  "camera=(self)",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "display-capture=()",
].join(", ");

/** The headers of every response; HSTS only when the request arrived over HTTPS. */
export function securityHeaders({ https }: { https: boolean }): Header[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    // Not no-referrer: under it Chromium sends `Origin: null` on a plain <form> POST to our own
    // origin, which the CSRF check in lib/http/with-staff.ts refuses (docs/security-headers.md §4).
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
    // frame-ancestors 'none' says the same to browsers that read CSP; this is for the others.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(https ? [{ key: "Strict-Transport-Security", value: HSTS_VALUE }] : []),
  ];
}

/**
 * Whether the request reached us over HTTPS, from `X-Forwarded-Proto` only: our own HTTP server
 * (scripts/serve.ts) overwrites that header on every request with what the socket or a
 * TRUSTED_PROXY says, never what the client sent (docs/going-live.md §2).
 */
export function isHttpsRequest(req: { headers: Pick<Headers, "get"> }): boolean {
  return req.headers.get("x-forwarded-proto")?.trim().toLowerCase() === "https";
}
