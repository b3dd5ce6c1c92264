/**
 * Does the authorization table cover the app? Every route file, page and exported method needs a
 * row; every row must name a route and method that still exist (issue 9: "it fails when a new
 * route is added without an entry"). Pure, so the check itself is tested on made-up folders.
 */
import { existsSync, readFileSync } from "node:fs";
import { concretePath, type DiscoveredRoute } from "./route-discovery";
import type { RouteEntry } from "./route-table";

const TABLE = "tests/security/route-table.ts";

export function coverageProblems(
  discovered: DiscoveredRoute[],
  table: RouteEntry[],
  samples: Record<string, string>,
): string[] {
  const problems: string[] = [];
  const byPattern = new Map(discovered.map((r) => [r.pattern, r]));
  for (const route of discovered) {
    const rows = table.filter((e) => e.route === route.pattern);
    if (rows.length === 0) {
      problems.push(`${route.file} (${route.pattern}) has no row in ${TABLE}`);
      continue;
    }
    for (const method of route.methods) {
      if (!rows.some((e) => e.method === method))
        problems.push(`${route.file} answers ${method} ${route.pattern} but ${TABLE} has no row for it`);
    }
  }
  for (const entry of table) {
    const route = byPattern.get(entry.route);
    if (!route) {
      problems.push(
        `${TABLE}: the row ${entry.method} ${entry.route} names no route any more (file deleted or moved?)`,
      );
      continue;
    }
    if (!route.methods.includes(entry.method))
      problems.push(`${TABLE}: the row ${entry.method} ${entry.route} names a method ${route.file} does not export`);
    if (!entry.path) {
      try {
        concretePath(entry.route, samples);
      } catch (error) {
        problems.push(`${TABLE}: ${(error as Error).message} (add it to SAMPLES)`);
      }
    }
  }
  return problems;
}

/** Next's own list of the app's URLs from the last build, without its internal pages; null when there is no build. */
export function builtRoutePatterns(manifestFile: string): string[] | null {
  if (!existsSync(manifestFile)) return null;
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, string>;
  return [...new Set(Object.values(manifest))].filter((p) => !/^\/_(not-found|global-error)$/.test(p)).sort();
}
