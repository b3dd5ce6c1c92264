/**
 * Requests our HTTP server (scripts/serve.ts) refuses before Next sees them, because Next 16
 * answers each of them with a 500 (found by the fuzz, tests/security/fuzz.ts; issue 9 asks for no
 * answer ≥ 500 to anything a client can send):
 * - TRACE, TRACK, CONNECT: the Fetch API behind route handlers refuses to build such a request
 *   ("'TRACE' HTTP method is unsupported") → 405;
 * - a request target that is not a path ("*", or an absolute URL, which Next also turns into a
 *   redirect to that other host) → 400;
 * - a path that is not valid percent-encoded UTF-8 ("%ZZ", "%E0%A4%A", "%C0%AF"): Next's route
 *   matcher cannot decode a dynamic segment → 400;
 * - a Next-Router-State-Tree header Next cannot parse (its own parser, below) → 400;
 * - a write to a file of public/ or to /_next/static and /_next/image (Next's static file
 *   server throws on methods other than GET and HEAD) → 405;
 * - Next's own global error page, which it serves at /_global-error with a 500 → 404.
 * Paths are compared after resolving "." and ".." the way Next does ("/api/../_next/image").
 * Pure apart from reading public/ once, so tests/unit/scripts/request-guard.test.ts checks it directly.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

type Refusal = { status: 400 | 404 | 405; message: string; allow?: string };

const FORBIDDEN_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

/** URL paths of the files under public/ (they do not change while the server runs). */
export function publicFilePaths(publicDir: string): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}/${e.name}`);
      else out.add(`${prefix}/${e.name}`);
    }
  };
  walk(publicDir, "");
  return out;
}

type RouterStateParser = (header: string | string[] | undefined) => unknown;

/** Next's own parser of the router state header, or null if a future Next moves it (then that check is skipped). */
function loadRouterStateParser(): RouterStateParser | null {
  try {
    const require = createRequire(import.meta.url);
    const mod = require("next/dist/server/app-render/parse-and-validate-flight-router-state") as {
      parseAndValidateFlightRouterState?: RouterStateParser;
    };
    return mod.parseAndValidateFlightRouterState ?? null;
  } catch {
    return null;
  }
}
const parseRouterState = loadRouterStateParser();

export function refuseRequest(
  req: {
    method?: string | undefined;
    url?: string | undefined;
    headers: Record<string, string | string[] | undefined>;
  },
  publicFiles: Set<string>,
): Refusal | null {
  const method = req.method ?? "GET";
  if (FORBIDDEN_METHODS.has(method)) return { status: 405, message: `${method} is not allowed` };
  const target = req.url ?? "";
  if (!target.startsWith("/")) return { status: 400, message: "the request target must be a path" };
  const rawPath = target.split(/[?#]/, 1)[0]!;
  let pathname: string;
  let resolved: string;
  try {
    pathname = decodeURIComponent(rawPath);
    // WHATWG URL parsing resolves "." and ".." (also as %2e) as Next's router does.
    resolved = decodeURIComponent(new URL(rawPath, "http://guard.invalid").pathname);
  } catch {
    return { status: 400, message: "malformed percent-encoding in the path" };
  }
  const state = req.headers["next-router-state-tree"];
  if (state !== undefined && parseRouterState) {
    try {
      parseRouterState(state);
    } catch {
      return { status: 400, message: "malformed router state header" };
    }
  }
  const isStatic = (p: string) => publicFiles.has(p) || p.startsWith("/_next/static/") || p === "/_next/image";
  if (method !== "GET" && method !== "HEAD" && (isStatic(pathname) || isStatic(resolved))) {
    return { status: 405, message: `${method} is not allowed on a static file`, allow: "GET, HEAD" };
  }
  if (/^\/_global-error(\/|\.|$)/.test(resolved)) return { status: 404, message: "not found" };
  return null;
}
