/**
 * The security checks' own tests ("a test that cannot fail is a defect"): route discovery and the
 * table's coverage check on made-up app folders, the answer matcher, the ledger fingerprint, the
 * memory sampler, and the fuzz generator's promises (reproducible from its seed; no payment or
 * refund body the app would accept; no demo secret).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { DEMO_STAFF } from "../../lib/auth/demo-staff";
import { createPaymentInput } from "../../lib/contract/payments";
import { createRefundInput } from "../../lib/contract/refunds";
import { coverageProblems } from "./coverage";
import { mismatch } from "./expectation";
import { authForm, paymentBody, refundBody } from "./fuzz-bodies";
import { generateCase, type FuzzContext } from "./fuzz-cases";
import { makeRng } from "./fuzz-random";
import { ledgerDifferences, ledgerFingerprint } from "./ledger-fingerprint";
import { concretePath, discoverRoutes, exportedMethods } from "./route-discovery";
import { ROUTE_TABLE, type RouteEntry } from "./route-table";
import { rssMb } from "./rss-sampler";

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function fakeApp(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "scantill-routes-"));
  temps.push(root);
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, "app", rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return path.join(root, "app");
}

describe("route discovery", () => {
  test("maps files to URL patterns as Next does", () => {
    const app = fakeApp({
      "page.tsx": "",
      "(pos)/sale/page.tsx": "",
      "(pos)/payments/[outTradeNo]/page.tsx": "",
      "api/x/[...rest]/route.ts": "export const GET = 1;",
      "api/y/[[...opt]]/route.ts": "export async function POST() {}",
      "login/_components/page.tsx": "", // private folder: not routed
      "@modal/inbox/page.tsx": "", // parallel slot: no segment
      "manifest.ts": "",
      "sw.ts": "", // not a route file
    });
    expect(discoverRoutes(app).map((r) => `${r.kind} ${r.pattern} ${r.methods.join(",")}`)).toEqual([
      "page / GET",
      "api /api/x/[...rest] GET",
      "api /api/y/[[...opt]] POST",
      "page /inbox GET",
      "metadata /manifest.webmanifest GET",
      "page /payments/[outTradeNo] GET",
      "page /sale GET",
    ]);
  });

  test("reads every way a route file exports its methods", () => {
    expect(exportedMethods("export const GET = withStaff(x);\nexport async function POST() {}")).toEqual([
      "GET",
      "POST",
    ]);
    expect(exportedMethods("export { authRoute as GET, authRoute as POST };")).toEqual(["GET", "POST"]);
    expect(exportedMethods("export const { dynamic, GET } = createRoute();")).toEqual(["GET"]);
    expect(exportedMethods("export function DELETE() {}\nconst PUT = 1;")).toEqual(["DELETE"]);
  });

  test("fills dynamic segments with samples, and insists on one for each", () => {
    expect(concretePath("/api/payments/[outTradeNo]/refunds", { outTradeNo: "A B" })).toBe(
      "/api/payments/A%20B/refunds",
    );
    expect(concretePath("/api/auth/[...nextauth]", { nextauth: "callback/pin" })).toBe("/api/auth/callback/pin");
    expect(() => concretePath("/x/[id]", {})).toThrow(/no sample value/);
  });
});

describe("the table's coverage check", () => {
  const app = () => fakeApp({ "api/a/route.ts": "export const GET = 1; export const POST = 2;", "b/page.tsx": "" });
  const row = (route: string, method: string): RouteEntry => ({
    route,
    method,
    access: "staff",
    expect: { anon: 401, cashier: 200, manager: 200, owner: 200 },
  });

  test("passes when every route and method has a row", () => {
    expect(
      coverageProblems(discoverRoutes(app()), [row("/api/a", "GET"), row("/api/a", "POST"), row("/b", "GET")], {}),
    ).toEqual([]);
  });

  test("fails on a new route file, a new method, a stale row and a missing sample", () => {
    const problems = coverageProblems(
      discoverRoutes(app()),
      [row("/api/a", "GET"), row("/gone", "GET"), row("/api/a", "PUT")],
      {},
    );
    expect(problems).toEqual([
      "app/api/a/route.ts answers POST /api/a but tests/security/route-table.ts has no row for it",
      "app/b/page.tsx (/b) has no row in tests/security/route-table.ts",
      "tests/security/route-table.ts: the row GET /gone names no route any more (file deleted or moved?)",
      "tests/security/route-table.ts: the row PUT /api/a names a method app/api/a/route.ts does not export",
    ]);
    const dynamic = fakeApp({ "api/[id]/route.ts": "export const GET = 1;" });
    expect(coverageProblems(discoverRoutes(dynamic), [row("/api/[id]", "GET")], {})).toEqual([
      "tests/security/route-table.ts: no sample value for the dynamic segment [id] of /api/[id] (add it to SAMPLES)",
    ]);
  });
});

describe("the answer matcher", () => {
  test("exact statuses, 'allowed' and redirects", () => {
    expect(mismatch(401, { status: 401 })).toBeNull();
    expect(mismatch(401, { status: 200 })).toMatch(/expected 401, got 200/);
    expect(mismatch("allowed", { status: 400 })).toBeNull();
    for (const s of [401, 403, 500, 503]) expect(mismatch("allowed", { status: s })).not.toBeNull();
    expect(mismatch("allowed", { status: null })).not.toBeNull();
    expect(mismatch({ redirect: "/login" }, { status: 307, location: "/login?callbackUrl=%2Fsale" })).toBeNull();
    expect(mismatch({ redirect: "/login" }, { status: 307, location: "http://127.0.0.1/login" })).toBeNull();
    expect(mismatch({ redirect: "/login" }, { status: 307, location: "https://evil.example/login" })).not.toBeNull();
    expect(mismatch({ redirect: "/login" }, { status: 200 })).not.toBeNull();
    expect(mismatch({ redirect: "/login" }, { status: 307, location: "/sale" })).not.toBeNull();
  });
});

describe("the ledger fingerprint", () => {
  test("sees a new row and a changed row", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "scantill-ledger-"));
    temps.push(dir);
    const file = path.join(dir, "t.sqlite");
    const db = new Database(file);
    db.exec("create table payments (id text primary key, status text)");
    db.exec("insert into payments values ('a', 'paid')");
    const before = ledgerFingerprint(file, ["payments"]);
    expect(ledgerDifferences(before, ledgerFingerprint(file, ["payments"]))).toEqual([]);
    db.exec("update payments set status = 'refunded'");
    const changed = ledgerFingerprint(file, ["payments"]);
    expect(ledgerDifferences(before, changed)).toEqual(["payments: 1 → 1 rows (contents changed)"]);
    db.exec("insert into payments values ('b', 'paid')");
    expect(ledgerDifferences(changed, ledgerFingerprint(file, ["payments"]))).toEqual(["payments: 1 → 2 rows"]);
    db.close();
  });
});

test("the memory sampler reads a process's resident size", () => {
  expect(rssMb(process.pid)).toBeGreaterThan(10);
  expect(rssMb(2 ** 22 + 7)).toBeNull();
});

describe("the fuzz generator", () => {
  const ctx: FuzzContext = {
    entries: ROUTE_TABLE,
    methods: new Map(ROUTE_TABLE.map((e) => [e.route, [e.method]])),
    payment: { outTradeNo: "ST20260101000000SEEDED00", amount: 1_000 },
    host: "127.0.0.1:1",
    cookies: { cashier: "next-auth.session-token=c", manager: "next-auth.session-token=m" },
    forgedTokens: ["forged"],
    csrf: {
      anon: { cookie: "next-auth.csrf-token=a", token: "ta" },
      cashier: { cookie: "", token: "tc" },
      manager: { cookie: "", token: "tm" },
    },
  };

  test("is reproducible from its seed, and another seed gives other requests", () => {
    const run = (seed: number) => {
      const rng = makeRng(seed);
      return Array.from({ length: 300 }, (_, i) => generateCase(rng, ctx, i)).map(
        (c) => `${c.method} ${c.target} ${c.body?.toString("base64") ?? ""}`,
      );
    };
    expect(run(42)).toEqual(run(42));
    expect(run(43)).not.toEqual(run(42));
  });

  test("never writes a payment body the app would accept", () => {
    const rng = makeRng(7);
    for (let i = 0; i < 5_000; i++) {
      const text = paymentBody(rng, []);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue;
      }
      expect(createPaymentInput.safeParse(parsed).success, text).toBe(false);
    }
  });

  test("never asks the seeded payment for a refund it could grant", () => {
    const rng = makeRng(8);
    for (let i = 0; i < 5_000; i++) {
      const text = refundBody(rng, [], true, 1_000);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue;
      }
      const r = createRefundInput.safeParse(parsed);
      if (r.success) expect(r.data.amount, text).toBeGreaterThan(1_000);
    }
  });

  test("no request it makes could start a payment or refund the seeded payment, whatever its body's kind", () => {
    const rng = makeRng(11);
    let jsonBodies = 0;
    for (let i = 0; i < 20_000; i++) {
      const c = generateCase(rng, ctx, i);
      if (!c.body) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(c.body.toString("utf8"));
      } catch {
        continue;
      }
      jsonBodies++;
      expect(createPaymentInput.safeParse(parsed).success, `${c.target} ${c.body.toString("utf8")}`).toBe(false);
      const refund = createRefundInput.safeParse(parsed);
      if (
        refund.success &&
        (c.target.includes(ctx.payment.outTradeNo) || c.tricks.some((t) => t.startsWith("path:")))
      ) {
        expect(refund.data.amount, `${c.target} ${c.body.toString("utf8")}`).toBeGreaterThan(ctx.payment.amount);
      }
    }
    expect(jsonBodies).toBeGreaterThan(2_000);
  });

  test("never sends a demo password or PIN", () => {
    const rng = makeRng(9);
    const secrets = DEMO_STAFF.flatMap((s) => [s.password, s.pin]);
    for (let i = 0; i < 5_000; i++) {
      const form = new URLSearchParams(authForm(rng, [], "t"));
      expect(secrets).not.toContain(form.get("password"));
      expect(secrets).not.toContain(form.get("pin"));
    }
  });

  test("never gives the sign-out action a valid CSRF token", () => {
    const rng = makeRng(10);
    let signOuts = 0;
    let validTokens = 0;
    for (let i = 0; i < 20_000; i++) {
      const c = generateCase(rng, ctx, i);
      const body = c.body?.toString("latin1") ?? "";
      if (/csrfToken=t[acm](&|$)/.test(body)) validTokens++;
      if (/\/api\/auth\/signout/.test(c.target) && c.body) {
        signOuts++;
        expect(body, c.target).not.toMatch(/csrfToken=t[acm](&|$)/);
      }
    }
    // Not vacuous: sign-out bodies and valid tokens (elsewhere) were both drawn.
    expect(signOuts).toBeGreaterThan(20);
    expect(validTokens).toBeGreaterThan(20);
  });
});
