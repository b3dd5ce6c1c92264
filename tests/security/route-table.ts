/**
 * THE authorization table (issue 9): for every route and page the app serves (found on disk by
 * route-discovery.ts) and every method it answers, what each caller gets. authorization.spec.ts
 * checks every row over HTTP, and fails on a route file or method with no row, or a row whose
 * route is gone; the fuzz suite (fuzz.ts) takes its targets from the same rows.
 *
 * Adding a route: add a row here, with the rule the route enforces (`withStaff(…, { role })` in
 * lib/http/with-staff.ts; `requireStaffPage(role)` in lib/auth/session.ts for pages). A dynamic
 * segment needs a sample value in SAMPLES. A body is only needed when the route reads one: the
 * role is checked before the body (with-staff.ts), so a 401/403 always comes before any 400.
 */
export const CALLERS = ["anon", "cashier", "manager", "owner"] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * What a caller must get:
 * - a number: exactly that status;
 * - "allowed": past the role check (not 401/403) and not a server error (< 500) — for routes whose
 *   answer then depends on the body or the ledger (400, 404, 409 are all fine here);
 * - { redirect: "/login" }: a redirect (301/302/303/307/308) whose Location has that path.
 */
export type Expected = number | "allowed" | { redirect: string };

export type RouteEntry = {
  /** The route's pattern as route-discovery.ts writes it (Next's segment syntax). */
  route: string;
  method: string;
  /** A concrete path to send instead of the pattern filled with SAMPLES (e.g. one next-auth endpoint). */
  path?: string;
  /** Query string, with its "?". */
  query?: string;
  /** Sent with the request; POST/PUT/PATCH default to an empty JSON object. */
  body?: { contentType: string; text: string };
  /** "staff": needs a session (checked with forged and signed-out cookies, cross-site writes). "public": anyone. */
  access: "staff" | "public";
  expect: Record<Caller, Expected>;
  /** Why, when the row is not obvious. */
  note?: string;
  /** The request ends the caller's session (a lock): each caller signs in afresh for it. */
  ownSession?: boolean;
};

/** Values for dynamic segments: a well-formed payment number that does not exist (404 past the role check). */
export const SAMPLES: Record<string, string> = {
  outTradeNo: "SECTEST000000001",
  nextauth: "session",
  username: "sample-nobody",
  path: "sw.js",
  id: "sample-nothing",
};

const ALLOWED = "allowed" as const;
const toLogin = { redirect: "/login" };
const toSale = { redirect: "/sale" };
const toAuthSignIn = { redirect: "/api/auth/signin" };
const same = (e: Expected): Record<Caller, Expected> => ({ anon: e, cashier: e, manager: e, owner: e });

// The rules, by minimum role (lib/auth/roles.ts: owner ⊇ manager ⊇ cashier). Exported for new rows.
const API_CASHIER_UP: Record<Caller, Expected> = {
  anon: 401,
  cashier: ALLOWED,
  manager: ALLOWED,
  owner: ALLOWED,
};
const API_MANAGER_UP: Record<Caller, Expected> = { anon: 401, cashier: 403, manager: ALLOWED, owner: ALLOWED };
const PAGE_CASHIER_UP: Record<Caller, Expected> = { anon: toLogin, cashier: 200, manager: 200, owner: 200 };
const PAGE_MANAGER_UP: Record<Caller, Expected> = { anon: toLogin, cashier: toSale, manager: 200, owner: 200 };

const form = (fields: Record<string, string>) => ({
  contentType: "application/x-www-form-urlencoded",
  text: new URLSearchParams(fields).toString(),
});

export const ROUTE_TABLE: RouteEntry[] = [
  // ── API: staff ───────────────────────────────────────────────────────────────────────────────
  {
    route: "/api/payments",
    method: "GET",
    access: "staff",
    expect: { anon: 401, cashier: 200, manager: 200, owner: 200 },
  },
  {
    route: "/api/payments",
    method: "POST",
    access: "staff",
    expect: API_CASHIER_UP,
    note: "{} → 400 past the role check",
  },
  {
    route: "/api/payments/[outTradeNo]",
    method: "GET",
    access: "staff",
    expect: { anon: 401, cashier: 404, manager: 404, owner: 404 },
  },
  {
    route: "/api/payments/[outTradeNo]/cancel",
    method: "POST",
    access: "staff",
    expect: { anon: 401, cashier: 404, manager: 404, owner: 404 },
  },
  // A cashier without a manager's approval (lib/auth/approval.ts) is refused before the body is read.
  { route: "/api/payments/[outTradeNo]/refunds", method: "POST", access: "staff", expect: API_MANAGER_UP },
  { route: "/api/payments/[outTradeNo]/attention", method: "POST", access: "staff", expect: API_MANAGER_UP },
  // ?latest=1 reads the last stored run instead of asking QFPay (the fuzz sends dates too).
  {
    route: "/api/reconciliation",
    method: "GET",
    query: "?latest=1",
    access: "staff",
    expect: { anon: 401, cashier: 403, manager: 200, owner: 200 },
  },
  {
    route: "/api/reconciliation/latest",
    method: "GET",
    access: "staff",
    expect: { anon: 401, cashier: 403, manager: 200, owner: 200 },
  },
  // Who is at the till; the lock ends the caller's own session (lib/auth/staff-sessions.ts).
  {
    route: "/api/session",
    method: "GET",
    access: "staff",
    expect: { anon: 401, cashier: 200, manager: 200, owner: 200 },
  },
  {
    route: "/api/session/lock",
    method: "POST",
    access: "staff",
    expect: { anon: 401, cashier: 200, manager: 200, owner: 200 },
    ownSession: true,
  },
  // Staff administration (lib/auth/staff-rules.ts): managers and owners; what each may change is the rules' business.
  {
    route: "/api/staff",
    method: "GET",
    access: "staff",
    expect: { anon: 401, cashier: 403, manager: 200, owner: 200 },
  },
  {
    route: "/api/staff",
    method: "POST",
    access: "staff",
    expect: API_MANAGER_UP,
    note: "{} → 400 past the role check",
  },
  { route: "/api/staff/[username]", method: "PATCH", access: "staff", expect: API_MANAGER_UP },
  { route: "/api/staff/[username]/revoke", method: "POST", access: "staff", expect: API_MANAGER_UP },
  {
    route: "/api/staff/me/pin",
    method: "POST",
    access: "staff",
    expect: API_CASHIER_UP,
    note: "everyone's own PIN, with their current password",
  },
  { route: "/api/staff/me/password", method: "POST", access: "staff", expect: API_CASHIER_UP },
  {
    route: "/api/audit",
    method: "GET",
    access: "staff",
    expect: { anon: 401, cashier: 403, manager: 200, owner: 200 },
  },
  {
    route: "/api/audit/export.csv",
    method: "GET",
    access: "staff",
    expect: { anon: 401, cashier: 403, manager: 200, owner: 200 },
  },

  // The catalogue (docs/catalogue.md §3): everyone signed in reads it; managers and owners change it.
  {
    route: "/api/catalogue/items",
    method: "GET",
    access: "staff",
    expect: { anon: 401, cashier: 200, manager: 200, owner: 200 },
  },
  { route: "/api/catalogue/items", method: "POST", access: "staff", expect: API_MANAGER_UP },
  { route: "/api/catalogue/items/[id]", method: "PATCH", access: "staff", expect: API_MANAGER_UP },
  {
    route: "/api/catalogue/categories",
    method: "GET",
    access: "staff",
    expect: { anon: 401, cashier: 200, manager: 200, owner: 200 },
  },
  { route: "/api/catalogue/categories", method: "POST", access: "staff", expect: API_MANAGER_UP },
  { route: "/api/catalogue/categories/[id]", method: "PATCH", access: "staff", expect: API_MANAGER_UP },
  {
    route: "/api/catalogue/export.csv",
    method: "GET",
    access: "staff",
    expect: { anon: 401, cashier: 403, manager: 200, owner: 200 },
  },
  { route: "/api/catalogue/import", method: "POST", access: "staff", expect: API_MANAGER_UP },

  // ── API: public ──────────────────────────────────────────────────────────────────────────────
  { route: "/api/health", method: "GET", access: "public", expect: same(200) },
  // The lock screen's list: only for this device's own cookie (empty without one).
  { route: "/api/till/staff", method: "GET", access: "public", expect: same(200) },
  // Signed by QFPay, not by a session (lib/payments/handle-notification.ts): unsigned is 401 for everyone.
  {
    route: "/api/qfpay/notify",
    method: "POST",
    access: "public",
    body: { contentType: "application/json", text: "{}" },
    expect: same(401),
  },
  // next-auth's endpoints (lib/auth/auth-route.ts). Its session view names nobody (lib/auth/options.ts).
  { route: "/api/auth/[...nextauth]", method: "GET", path: "/api/auth/csrf", access: "public", expect: same(200) },
  { route: "/api/auth/[...nextauth]", method: "GET", path: "/api/auth/session", access: "public", expect: same(200) },
  { route: "/api/auth/[...nextauth]", method: "GET", path: "/api/auth/providers", access: "public", expect: same(200) },
  {
    route: "/api/auth/[...nextauth]",
    method: "GET",
    path: "/api/auth/signin",
    access: "public",
    expect: same(toLogin),
    note: "pages.signIn is /login",
  },
  // No CSRF token: next-auth refuses before any provider runs (302 to /api/auth/signin?csrf=true, then /login).
  {
    route: "/api/auth/[...nextauth]",
    method: "POST",
    path: "/api/auth/callback/credentials",
    body: form({ username: "nobody", password: "wrong" }),
    access: "public",
    expect: same(toAuthSignIn),
  },
  {
    route: "/api/auth/[...nextauth]",
    method: "POST",
    path: "/api/auth/callback/pin",
    body: form({ username: "nobody", pin: "0000" }),
    access: "public",
    expect: same(toAuthSignIn),
  },
  {
    route: "/api/auth/[...nextauth]",
    method: "POST",
    path: "/api/auth/signout",
    body: form({}),
    access: "public",
    expect: same(ALLOWED),
    note: "without its CSRF token it signs nobody out",
  },

  // ── Pages ────────────────────────────────────────────────────────────────────────────────────
  {
    route: "/",
    method: "GET",
    access: "public",
    expect: same(toSale),
    note: "app/page.tsx only redirects; /sale checks",
  },
  {
    route: "/login",
    method: "GET",
    access: "public",
    expect: { anon: 200, cashier: toSale, manager: toSale, owner: toSale },
  },
  { route: "/sale", method: "GET", access: "staff", expect: PAGE_CASHIER_UP },
  { route: "/payments", method: "GET", access: "staff", expect: PAGE_CASHIER_UP },
  { route: "/payments/[outTradeNo]", method: "GET", access: "staff", expect: PAGE_CASHIER_UP },
  { route: "/reconcile", method: "GET", access: "staff", expect: PAGE_MANAGER_UP },
  { route: "/staff", method: "GET", access: "staff", expect: PAGE_MANAGER_UP },
  { route: "/staff/me", method: "GET", access: "staff", expect: PAGE_CASHIER_UP },
  { route: "/audit", method: "GET", access: "staff", expect: PAGE_MANAGER_UP },
  { route: "/~offline", method: "GET", access: "public", expect: same(200), note: "precached by the service worker" },

  // ── PWA files ────────────────────────────────────────────────────────────────────────────────
  { route: "/manifest.webmanifest", method: "GET", access: "public", expect: same(200) },
  { route: "/serwist/[path]", method: "GET", access: "public", expect: same(200) },
  {
    route: "/serwist/[path]",
    method: "GET",
    path: "/sw.js",
    access: "public",
    expect: same(200),
    note: "a rewrite in next.config.ts",
  },
];
