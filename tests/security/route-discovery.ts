/**
 * Finds every URL the app answers from the files under app/, the way Next's App Router maps them
 * (so a new route or page cannot slip past the authorization table, issue 9):
 *
 *   app/api/payments/[outTradeNo]/route.ts   → /api/payments/[outTradeNo]   (api; methods from its exports)
 *   app/(pos)/sale/page.tsx                  → /sale                         (page; GET)
 *   app/manifest.ts                          → /manifest.webmanifest          (metadata; GET)
 *
 * Route groups "(x)" and parallel-route slots "@x" add no URL segment; private folders "_x" are not
 * routed at all. Dynamic segments stay in the pattern ("[x]", "[...x]", "[[...x]]"): the table gives
 * the concrete sample URL (`concretePath`). Pure (reads files only), so it is unit-testable on a
 * temporary folder.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type RouteKind = "api" | "page" | "metadata";

export type DiscoveredRoute = {
  /** The URL pattern with Next's segment syntax, e.g. "/api/payments/[outTradeNo]/refunds". */
  pattern: string;
  kind: RouteKind;
  /** Relative to the app folder's parent, e.g. "app/api/payments/route.ts". */
  file: string;
  /** The HTTP methods the file answers (route handlers: their exports; pages and metadata: GET). */
  methods: string[];
};

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"] as const;

const ROUTE_FILE = /^route\.(ts|tsx|js|jsx|mjs)$/;
const PAGE_FILE = /^page\.(ts|tsx|js|jsx|mdx)$/;
// Next's metadata file conventions that become URLs of their own (the generated, code-based forms).
const METADATA_FILES: Array<[RegExp, string]> = [
  [/^manifest\.(ts|js|json|webmanifest)$/, "manifest.webmanifest"],
  [/^robots\.(ts|js|txt)$/, "robots.txt"],
  [/^sitemap\.(ts|js|xml)$/, "sitemap.xml"],
  [/^(icon|apple-icon|opengraph-image|twitter-image)\.(ts|tsx|js|jsx)$/, "$1"],
];

/** Folder name → URL segment, or null when the folder adds none. */
function urlSegment(folder: string): string | null {
  if (/^\(.*\)$/.test(folder)) return null; // route group
  if (folder.startsWith("@")) return null; // parallel-route slot
  return folder;
}

/** Methods a route handler exports: `export const GET`, `export async function POST`, `export { x as GET }`, `export const { GET } =`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  const names = HTTP_METHODS.join("|");
  for (const m of source.matchAll(
    new RegExp(`export\\s+(?:async\\s+)?(?:function|const|let|var)\\s+(${names})\\b`, "g"),
  ))
    found.add(m[1]!);
  for (const m of source.matchAll(/export\s+(?:const|let|var)\s*\{([^}]*)\}\s*=/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part.split(":").pop()!.trim();
      if ((HTTP_METHODS as readonly string[]).includes(name)) found.add(name);
    }
  }
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part
        .split(/\s+as\s+/)
        .pop()!
        .trim();
      if ((HTTP_METHODS as readonly string[]).includes(name)) found.add(name);
    }
  }
  return HTTP_METHODS.filter((m) => found.has(m));
}

/** Every route, page and metadata URL under `appDir`, sorted by pattern. */
export function discoverRoutes(appDir: string): DiscoveredRoute[] {
  const base = path.dirname(appDir);
  const routes: DiscoveredRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_") || entry.name.startsWith(".") || entry.name === "node_modules") continue; // private folder
        const seg = urlSegment(entry.name);
        walk(full, seg === null ? segments : [...segments, seg]);
        continue;
      }
      const file = path.relative(base, full).split(path.sep).join("/");
      const pattern = `/${segments.join("/")}`;
      if (ROUTE_FILE.test(entry.name)) {
        routes.push({ pattern, kind: "api", file, methods: exportedMethods(readFileSync(full, "utf8")) });
      } else if (PAGE_FILE.test(entry.name)) {
        routes.push({ pattern, kind: "page", file, methods: ["GET"] });
      } else {
        const meta = METADATA_FILES.find(([re]) => re.test(entry.name));
        if (meta) {
          const name = entry.name.replace(meta[0], meta[1]);
          routes.push({
            pattern: `${pattern === "/" ? "" : pattern}/${name}`,
            kind: "metadata",
            file,
            methods: ["GET"],
          });
        }
      }
    }
  };
  walk(appDir, []);
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern) || a.file.localeCompare(b.file));
}

/** The dynamic segments of a pattern: "[id]" → id, "[...rest]" → rest (catch-all), "[[...rest]]" (optional). */
export function dynamicSegments(pattern: string): Array<{ name: string; catchAll: boolean; optional: boolean }> {
  return [...pattern.matchAll(/\[(\[)?(\.\.\.)?([^\]]+)\]\]?/g)].map((m) => ({
    name: m[3]!,
    catchAll: !!m[2],
    optional: !!m[1],
  }));
}

/**
 * A concrete URL path for a pattern: each "[x]" gets `samples[x]` (percent-encoded), each
 * "[...x]" gets `samples[x]` as a path of its own (slashes kept). Throws when a sample is missing,
 * so a new dynamic route must say what to send.
 */
export function concretePath(pattern: string, samples: Record<string, string>): string {
  return pattern.replace(/\[(\[)?(\.\.\.)?([^\]]+)\]\]?/g, (_all, _opt, catchAll: string | undefined, name: string) => {
    const value = samples[name];
    if (value === undefined)
      throw new Error(`no sample value for the dynamic segment [${catchAll ? "..." : ""}${name}] of ${pattern}`);
    return catchAll ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
  });
}
