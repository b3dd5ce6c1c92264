/** Does an answer meet a row of the authorization table (route-table.ts)? Pure, so it is unit-tested too. */
import { concretePath } from "./route-discovery";
import { SAMPLES, type Expected, type RouteEntry } from "./route-table";

type Answer = { status: number | null; location?: string | undefined };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** null when `answer` is what `expected` says; otherwise why not. */
export function mismatch(expected: Expected, answer: Answer, baseUrl = "http://127.0.0.1"): string | null {
  const got =
    answer.status === null ? "no answer" : `${answer.status}${answer.location ? ` → ${answer.location}` : ""}`;
  if (answer.status === null) return `expected ${describe(expected)}, got no answer`;
  if (typeof expected === "number") return answer.status === expected ? null : `expected ${expected}, got ${got}`;
  if (expected === "allowed") {
    return answer.status === 401 || answer.status === 403 || answer.status >= 500
      ? `expected allowed (not 401/403, < 500), got ${got}`
      : null;
  }
  if (!REDIRECTS.has(answer.status) || !answer.location)
    return `expected a redirect to ${expected.redirect}, got ${got}`;
  let pathname: string;
  try {
    const target = new URL(answer.location, baseUrl);
    if (target.origin !== new URL(baseUrl).origin)
      return `expected a redirect to ${expected.redirect} on this site, got ${got}`;
    pathname = target.pathname;
  } catch {
    return `expected a redirect to ${expected.redirect}, got an unreadable Location (${got})`;
  }
  return pathname === expected.redirect ? null : `expected a redirect to ${expected.redirect}, got ${got}`;
}

function describe(expected: Expected): string {
  return typeof expected === "object" ? `redirect to ${expected.redirect}` : String(expected);
}

/** The request target of a row: its own path, or its pattern filled with SAMPLES, plus its query. */
export function entryTarget(entry: RouteEntry, samples: Record<string, string> = SAMPLES): string {
  return `${entry.path ?? concretePath(entry.route, samples)}${entry.query ?? ""}`;
}

/** The body a row sends: its own, or an empty JSON object for methods that carry one. */
export function entryBody(entry: RouteEntry): { contentType: string; text: string } | undefined {
  if (entry.body) return entry.body;
  return ["POST", "PUT", "PATCH"].includes(entry.method) ? { contentType: "application/json", text: "{}" } : undefined;
}

export function entryLabel(entry: RouteEntry): string {
  return `${entry.method} ${entryTarget(entry)}`;
}
