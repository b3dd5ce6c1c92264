/**
 * Issue 9: authorization from one table (route-table.ts) of route × role, signed out included,
 * pages included. Fails when a route file, page or method has no row, or a row is stale; then
 * checks every row over HTTP against a real server as each demo role, as signed out, with forged
 * and signed-out session cookies, and refuses cross-site writes.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot } from "../../scripts/lib/build-if-needed";
import { builtRoutePatterns, coverageProblems } from "./coverage";
import { entryBody, entryLabel, entryTarget, mismatch } from "./expectation";
import { forgedSessions, SESSION_COOKIE, type ForgedSession } from "./forged-sessions";
import { sendRaw, type RawResponse } from "./raw-http";
import { discoverRoutes } from "./route-discovery";
import { CALLERS, ROUTE_TABLE, SAMPLES, type Caller, type RouteEntry } from "./route-table";
import { startSecurityServer, withCookie, type SecurityServer } from "./server-harness";
import { signOutOverHttp } from "./sign-out";
import { signInOverHttp } from "../../scripts/lib/staff-session";

const discovered = discoverRoutes(path.join(repoRoot, "app"));

describe("the route table covers the app", () => {
  test("every route file, page and exported method has a row, and every row names a route that exists", () => {
    expect(coverageProblems(discovered, ROUTE_TABLE, SAMPLES)).toEqual([]);
  });

  const built = builtRoutePatterns(path.join(repoRoot, ".next", "app-path-routes-manifest.json"));
  test.skipIf(!built)("discovery finds the same URLs as Next's build (app-path-routes-manifest.json)", () => {
    expect([...new Set(discovered.map((r) => r.pattern))].sort()).toEqual(built);
  });
});

describe("over HTTP", () => {
  let server: SecurityServer;
  let forged: ForgedSession[];

  beforeAll(async () => {
    server = await startSecurityServer("authz");
    forged = await forgedSessions(server.secret, server.cookies.cashier);
    // A real session, ended by next-auth's sign-out: its cookie must be dead everywhere afterwards.
    forged.push({ label: "signed out", token: await signOutOverHttp(server.url, "cashier", "cashier123") });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  function send(
    entry: RouteEntry,
    cookie: string | undefined,
    extra: Array<[string, string]> = [],
  ): Promise<RawResponse> {
    const body = entryBody(entry);
    const headers: Array<[string, string]> = [["Accept", "text/html,application/json"], ...extra];
    if (cookie) headers.push(["Cookie", cookie]);
    if (body) headers.push(["Content-Type", body.contentType]);
    return sendRaw(
      server.url,
      { method: entry.method, target: entryTarget(entry), headers, ...(body ? { body: Buffer.from(body.text) } : {}) },
      30_000,
    );
  }
  const cookieOf = (caller: Caller) => (caller === "anon" ? undefined : server.cookies[caller]);
  const problem = (who: string, res: RawResponse, expected: RouteEntry["expect"][Caller]) => {
    const why = mismatch(expected, { status: res.status, location: res.headers.location }, server.url);
    return why ? `${who}: ${why}` : null;
  };

  test.each(ROUTE_TABLE.map((e) => [entryLabel(e), e] as const))(
    "%s: each caller gets what the table says",
    async (_label, entry) => {
      const problems: string[] = [];
      for (const caller of CALLERS) {
        const cookie =
          entry.ownSession && caller !== "anon"
            ? await signInOverHttp(server.url, caller, `${caller}123`)
            : cookieOf(caller);
        const p = problem(caller, await send(entry, cookie), entry.expect[caller]);
        if (p) problems.push(p);
      }
      expect(problems).toEqual([]);
    },
  );

  const staffRows = ROUTE_TABLE.filter((e) => e.access === "staff");

  test.each(staffRows.map((e) => [entryLabel(e), e] as const))(
    "%s: forged, garbage and signed-out session cookies count as signed out",
    async (_label, entry) => {
      const problems: string[] = [];
      for (const f of forged) {
        // The rest of a real till's cookies (device, CSRF) stay: only the session token is forged.
        const p = problem(
          f.label,
          await send(entry, withCookie(server.cookies.cashier, SESSION_COOKIE, f.token)),
          entry.expect.anon,
        );
        if (p) problems.push(p);
      }
      expect(problems).toEqual([]);
    },
  );

  const writes = staffRows.filter((e) => !["GET", "HEAD"].includes(e.method));
  test.each(writes.map((e) => [entryLabel(e), e] as const))(
    "%s: a cross-site write is refused with 403 for every caller",
    async (_label, entry) => {
      const problems: string[] = [];
      for (const caller of CALLERS) {
        for (const origin of ["https://evil.example", "null", `${server.url}.evil.example`]) {
          const p = problem(`${caller} from ${origin}`, await send(entry, cookieOf(caller), [["Origin", origin]]), 403);
          if (p) problems.push(p);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  test("a same-site write (Origin of the app itself) still passes the cross-site check", async () => {
    const entry = writes.find((e) => e.expect.cashier === "allowed");
    if (!entry) throw new Error("no write row a cashier may send");
    const res = await send(entry, server.cookies.cashier, [["Origin", server.url]]);
    expect(mismatch("allowed", { status: res.status }, server.url)).toBeNull();
  });
});
