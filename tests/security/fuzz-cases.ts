/**
 * The fuzz's request generator: from one seed, the same sequence of hostile requests across every
 * route and method of the authorization table (route-table.ts, itself checked against the files
 * on disk), sent as signed out, as a forged session, and as a signed-in cashier and manager (so
 * the bodies reach the validators). Each case records its tricks, so a report says what was sent.
 */
import {
  attentionBody,
  authForm,
  encodeText,
  genericJson,
  notifyBody,
  oversizeBody,
  otherBody,
  paymentBody,
  refundBody,
  wouldChangeLedger,
  type Body,
} from "./fuzz-bodies";
import type { Rng } from "./fuzz-random";
import {
  HOSTILE_QUERIES,
  HOSTILE_SEGMENTS,
  HOSTILE_STRINGS,
  PATH_MUTATIONS,
  QUERY_PARAMS,
  STRAY_PATHS,
} from "./fuzz-values";
import { dynamicSegments } from "./route-discovery";
import type { RouteEntry } from "./route-table";

export type FuzzCaller = "anon" | "forged" | "cashier" | "manager";

export type FuzzCase = {
  index: number;
  caller: FuzzCaller;
  /** The table's route pattern, or "stray" for paths that are no route of ours. */
  route: string;
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body?: Buffer;
  /** Chunk size when the body goes out chunked. */
  chunked?: number;
  tricks: string[];
  /**
   * The request names a staff route plainly (no path trick, a method it answers) and carries no
   * valid session: anything 2xx would be a way in without signing in.
   */
  mustRefuse: boolean;
};

export type FuzzContext = {
  entries: RouteEntry[];
  /** Methods each route pattern answers (route-discovery.ts). */
  methods: Map<string, string[]>;
  /** The seeded paid payment (server-harness.ts) and its amount. */
  payment: { outTradeNo: string; amount: number };
  host: string;
  cookies: { cashier: string; manager: string };
  /** Session tokens that must count as signed out (forged-sessions.ts). */
  forgedTokens: string[];
  /** A CSRF cookie and token that go together, per caller (so sign-in forms reach `authorize`). */
  csrf: Record<"anon" | "cashier" | "manager", { cookie: string; token: string }>;
};

/** Percent-encodes the UTF-8 bytes of `s` (unlike encodeURIComponent, never throws on a lone surrogate). */
const pct = (s: string) =>
  [...Buffer.from(s, "utf8")]
    .map((b) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");

const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "SEARCH"];
const AUTH_ACTIONS = [
  "%ZZ",
  "callback/%E0%A4%A",
  "csrf",
  "session",
  "providers",
  "signin",
  "signin/credentials",
  "signin/pin",
  "callback/credentials",
  "callback/pin",
  "callback/nope",
  "signout",
  "error",
  "verify-request",
  "_log",
  "nope",
  "callback",
];
// Byte caps of the routes that read bodies (lib/http/read-json-body.ts, app/api/qfpay/notify/route.ts, lib/auth/auth-route.ts).
const capOf = (route: string) =>
  route === "/api/qfpay/notify" ? 64 * 1024 : route.startsWith("/api/auth/") ? 8 * 1024 : 16 * 1024;

export function generateCase(rng: Rng, ctx: FuzzContext, index: number): FuzzCase {
  const tricks: string[] = [];
  const stray = rng.chance(0.04);
  const entry = rng.pick(ctx.entries);
  const route = stray ? "stray" : entry.route;
  const own = ctx.methods.get(entry.route) ?? ["GET"];
  const method = stray || rng.chance(0.35) ? rng.pick(METHODS) : rng.pick(own);
  const caller = rng.pick(["anon", "anon", "forged", "cashier", "cashier", "manager", "manager"] as const);

  // The path: the row's sample, with its dynamic segments drawn again.
  let usesSeeded = false;
  let path: string;
  if (stray) path = rng.pick(STRAY_PATHS);
  else if (entry.path && (!entry.route.includes("[") || rng.chance(0.5))) path = entry.path;
  else {
    path = entry.route;
    for (const seg of dynamicSegments(entry.route)) {
      let value: string;
      if (seg.name === "nextauth") value = rng.pick(AUTH_ACTIONS);
      else if (seg.name === "outTradeNo") {
        const r = rng.next();
        usesSeeded = r < 0.45;
        value = usesSeeded
          ? ctx.payment.outTradeNo
          : r < 0.7
            ? `FUZZNOPE${rng.int(10_000_000, 99_999_999)}`
            : rng.pick(HOSTILE_SEGMENTS);
      } else value = rng.chance(0.7) ? "sw.js" : rng.pick(HOSTILE_SEGMENTS);
      if (HOSTILE_SEGMENTS.includes(value)) tricks.push(`[${seg.name}]=${value.slice(0, 30)}`);
      path = path.replace(/\[\[?(\.\.\.)?[^\]]+\]\]?/, value);
    }
  }

  // The next-auth action this path names (the sign-out action must never get a valid CSRF token).
  const authAction = path.startsWith("/api/auth/") ? path.slice("/api/auth/".length) : "";

  // Query string: the route's own parameters with hostile values, or a generic hostile one.
  let query = entry.query && !stray && rng.chance(0.3) ? entry.query : "";
  const params = QUERY_PARAMS[entry.route === "/api/auth/[...nextauth]" ? entry.route : path.split("?")[0]!];
  if (!stray && params && rng.chance(0.6)) {
    const parts = rng.sample(Object.keys(params), rng.int(1, Object.keys(params).length)).map((k) => {
      let v = rng.pick(params[k]!);
      if (v === "today") v = new Date().toISOString().slice(0, 10);
      return `${k}=${/%|[&=#]/.test(v) ? v : pct(v)}`;
    });
    query = `?${parts.join("&")}`;
    tricks.push(`query ${query.slice(0, 60)}`);
  } else if (rng.chance(0.12)) {
    query = rng.pick(HOSTILE_QUERIES);
    tricks.push(`query ${query.slice(0, 40)}`);
  }
  let target = path.includes("?") ? path : `${path}${query}`;
  let pathIntact = !stray;
  if (rng.chance(0.12)) {
    const [name, mutate] = rng.pick(PATH_MUTATIONS);
    target = mutate(target);
    tricks.push(`path: ${name}`);
    pathIntact = false;
  }

  // Who is calling: cookies.
  const headers: Array<[string, string]> = [];
  let cookie = "";
  if (caller === "cashier" || caller === "manager") cookie = ctx.cookies[caller];
  else if (caller === "forged") {
    const token = rng.chance(0.8)
      ? rng.pick(ctx.forgedTokens)
      : `eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..${"A".repeat(rng.int(1, 400))}.${"B".repeat(rng.int(0, 50))}.x`;
    cookie = `${ctx.cookies.cashier.replace(/next-auth\.session-token=[^;]*/, "")}; next-auth.session-token=${token}`;
    tricks.push("forged session");
  } else if (rng.chance(0.2)) cookie = ctx.csrf.anon.cookie;
  if (rng.chance(0.15)) cookie = cookieTrick(rng, cookie, ctx, tricks);

  // The body: the route's own kind for writes, sometimes for any method.
  const withBody = ["POST", "PUT", "PATCH", "DELETE"].includes(method) ? rng.chance(0.92) : rng.chance(0.1);
  let body: Body | undefined;
  let validCsrf = false;
  if (withBody) {
    if (rng.chance(0.07)) {
      const cap = capOf(path);
      body = {
        contentType: rng.pick(["application/json", "application/x-www-form-urlencoded", "text/plain"]),
        bytes: oversizeBody(rng, cap, tricks),
        tricks,
      };
    } else if (route === "/api/auth/[...nextauth]" && rng.chance(0.8)) {
      // A matching CSRF pair lets the form reach the providers' `authorize`, but never on the
      // sign-out action: that would end the fuzz's own sessions.
      const who = caller === "cashier" || caller === "manager" ? caller : "anon";
      validCsrf = /^(callback|signin)\//.test(authAction) && pathIntact && rng.chance(0.5);
      if (validCsrf && who === "anon") cookie = [cookie, ctx.csrf.anon.cookie].filter(Boolean).join("; ");
      const text = authForm(rng, tricks, validCsrf ? ctx.csrf[who].token : null);
      body = {
        contentType: rng.chance(0.85)
          ? "application/x-www-form-urlencoded"
          : rng.pick(["application/json", "text/plain", "multipart/form-data"]),
        bytes: Buffer.from(text),
        tricks,
      };
    } else if (rng.chance(0.2)) body = otherBody(rng, tricks);
    else {
      let text: string;
      if (route === "/api/qfpay/notify") {
        const n = notifyBody(rng, tricks, ctx.payment.outTradeNo);
        text = n.text;
        if (n.sign !== null) headers.push(["X-QF-SIGN", n.sign]);
        if (n.sign !== null && rng.chance(0.1)) headers.push(["X-QF-SIGN", n.sign.toLowerCase()]);
      } else if (route === "/api/payments" && rng.chance(0.8)) text = paymentBody(rng, tricks);
      else if (route.endsWith("/refunds") && rng.chance(0.8))
        text = refundBody(rng, tricks, usesSeeded || !pathIntact, ctx.payment.amount);
      else if (route.endsWith("/attention") && rng.chance(0.8)) text = attentionBody(rng, tricks);
      else text = genericJson(rng, tricks, capOf(path));
      body = {
        contentType: rng.chance(0.85)
          ? "application/json"
          : rng.pick([
              "application/json; charset=utf-16",
              "APPLICATION/JSON",
              "application/jsonx",
              "text/json",
              "application/json, text/html",
              "",
            ]),
        bytes: encodeText(rng, text, tricks),
        tricks,
      };
    }
    // Whatever the body's kind, it must not start a payment or refund the seeded one (a refund
    // path may also be reached through a path trick): such a body is replaced by a broken one.
    const seeded = usesSeeded || !pathIntact ? ctx.payment : null;
    const risk = wouldChangeLedger(body.bytes, seeded);
    if (risk) {
      tricks.push(`(a body that would ${risk === "payment" ? "start a payment" : "grant a refund"} was replaced)`);
      body = {
        ...body,
        bytes: Buffer.from(
          risk === "payment" ? paymentBody(rng, tricks) : refundBody(rng, tricks, true, ctx.payment.amount),
        ),
      };
    }
    if (body.contentType !== null && body.contentType !== "") headers.push(["Content-Type", body.contentType]);
    if (body.encoding) headers.push(["Content-Encoding", body.encoding]);
    if (rng.chance(0.25)) tricks.push("chunked");
  }
  if (cookie) headers.push(["Cookie", cookie]);
  headers.push([
    "Accept",
    rng.pick([
      "*/*",
      "application/json",
      "text/html",
      "text/x-component",
      "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
    ]),
  ]);
  if (rng.chance(0.35)) for (const h of headerTricks(rng, ctx, tricks)) headers.push(h);

  const chunked = body && tricks.includes("chunked") ? rng.pick([1, 7, 512, 4_096, 65_536]) : undefined;
  const signedOut = caller === "anon" || caller === "forged";
  const answers = own.includes(method) || (method === "HEAD" && own.includes("GET"));
  return {
    index,
    caller,
    route,
    method,
    target,
    headers,
    ...(body ? { body: body.bytes } : {}),
    ...(chunked ? { chunked } : {}),
    tricks,
    mustRefuse:
      signedOut &&
      !stray &&
      pathIntact &&
      entry.access === "staff" &&
      answers &&
      !tricks.some((t) => t.startsWith("cookie:")),
  };
}

function cookieTrick(rng: Rng, cookie: string, ctx: FuzzContext, tricks: string[]): string {
  const kind = rng.pick([
    "duplicate token",
    "junk cookies",
    "hostile locale",
    "bad device",
    "huge",
    "malformed",
    "chunked token",
    "secure prefix",
  ] as const);
  tricks.push(`cookie: ${kind}`);
  switch (kind) {
    case "duplicate token":
      return `next-auth.session-token=${rng.pick(ctx.forgedTokens)}; ${cookie}`;
    case "junk cookies":
      return `${cookie}; ${Array.from({ length: rng.int(1, 60) }, (_, i) => `j${i}=${"v".repeat(rng.int(0, 50))}`).join("; ")}`;
    case "hostile locale":
      return `${cookie}; scantill-locale=${pct(rng.pick(HOSTILE_STRINGS))}`;
    case "bad device":
      return `${cookie.replace(/scantill-device=[^;]*/, "")}; scantill-device=${rng.pick(["x", "x.y", ".", "a".repeat(300), "00000000-0000-0000-0000-000000000000.AAAA", "%ZZ"])}`;
    case "huge":
      return `${cookie}; pad=${"x".repeat(rng.int(4_000, 12_000))}`;
    case "malformed":
      return `${cookie}; ;;; ==; =x; a=\"unterminated; b=%ZZ`;
    case "chunked token":
      return `${cookie}; next-auth.session-token.0=${"A".repeat(100)}; next-auth.session-token.1=${"B".repeat(100)}`;
    case "secure prefix":
      return `${cookie}; __Secure-next-auth.session-token=${rng.pick(ctx.forgedTokens)}; __Host-next-auth.csrf-token=x`;
  }
}

function headerTricks(rng: Rng, ctx: FuzzContext, tricks: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let n = rng.int(1, 3); n > 0; n--) {
    const kind = rng.pick([
      "origin",
      "host",
      "forwarded",
      "rsc",
      "router state",
      "action",
      "next internals",
      "accept-language",
      "encoding",
      "range",
      "conditional",
      "expect",
      "long header",
      "many headers",
      "duplicate content-type",
      "second cookie header",
      "authorization",
      "te+cl",
    ] as const);
    tricks.push(`header: ${kind}`);
    switch (kind) {
      case "origin":
        out.push([
          "Origin",
          rng.pick([
            "https://evil.example",
            "null",
            `http://${ctx.host}`,
            "http://[",
            "http://127.0.0.1.evil.example",
            "file://",
          ]),
        ]);
        break;
      case "host":
        out.push([
          "Host",
          rng.pick([
            "evil.example",
            "127.0.0.1:1",
            "x".repeat(300),
            "[::1]",
            "localhost:99999",
            "a b",
            `${ctx.host}, evil.example`,
          ]),
        ]);
        break;
      case "forwarded":
        out.push(
          ["X-Forwarded-For", "1.2.3.4, 127.0.0.1"],
          ["X-Forwarded-Host", "evil.example"],
          ["X-Forwarded-Proto", "https"],
          ["Forwarded", "for=1.2.3.4;host=evil.example;proto=https"],
          ["X-Real-IP", "10.0.0.1"],
        );
        break;
      case "rsc":
        out.push(
          ["RSC", "1"],
          ["Next-Router-Prefetch", rng.pick(["1", "2", "x"])],
          ["Next-Router-Segment-Prefetch", rng.pick(["/_tree", "/_index", "%ZZ", "x".repeat(500)])],
        );
        break;
      case "router state":
        out.push(
          ["RSC", "1"],
          [
            "Next-Router-State-Tree",
            rng.pick([
              "garbage",
              "%ZZ",
              "%5B%22%22",
              encodeURIComponent('["",{"children":["__PAGE__",{}]},null,null,true]'),
              encodeURIComponent(JSON.stringify([["x".repeat(3_000)]])),
              encodeURIComponent("[".repeat(2_000)),
            ]),
          ],
        );
        break;
      case "action":
        out.push([
          "Next-Action",
          rng.pick(["deadbeef", "0".repeat(40), `7f${"a".repeat(40)}`, "%ZZ", "x".repeat(2_000)]),
        ]);
        break;
      case "next internals":
        out.push(
          ...rng.sample<[string, string]>(
            [
              ["x-matched-path", "/api/health"],
              ["x-invoke-path", "/api/health"],
              ["x-middleware-subrequest", "middleware:middleware:middleware:middleware:middleware"],
              ["x-nextjs-data", "1"],
              ["x-now-route-matches", "1=%ZZ"],
              ["Next-Url", "/evil"],
              ["x-middleware-prefetch", "1"],
              ["purpose", "prefetch"],
              ["x-next-cache-tags", "x"],
            ],
            3,
          ),
        );
        break;
      case "accept-language":
        out.push([
          "Accept-Language",
          rng.pick(["zh", "*;q=NaN", "zh-HK;q=1e309, en;q=-1", `${"zh-".repeat(1_000)}x`, "\u00ff\u00fe", ",,,;;;"]),
        ]);
        break;
      case "encoding":
        out.push(
          ["Content-Encoding", rng.pick(["gzip", "br", "deflate", "zstd", "gzip, gzip, gzip", "identity", "x"])],
          ["Accept-Encoding", rng.pick(["gzip;q=NaN", "*;q=-1", "br, zstd, x"])],
        );
        break;
      case "range":
        out.push([
          "Range",
          rng.pick([
            "bytes=0-0",
            "bytes=-1",
            "bytes=99999999999999999999-",
            `bytes=${Array.from({ length: 300 }, (_, i) => `${i}-${i}`).join(",")}`,
            "lines=1-2",
          ]),
        ]);
        break;
      case "conditional":
        out.push(
          ["If-None-Match", rng.pick(["*", '"x"', "garbage"])],
          ["If-Modified-Since", rng.pick(["garbage", "Thu, 01 Jan 2099 00:00:00 GMT"])],
        );
        break;
      case "expect":
        out.push(["Expect", rng.pick(["100-continue", "garbage"])]);
        break;
      case "long header":
        out.push(["X-Long", "x".repeat(rng.pick([4_000, 12_000, 20_000]))]);
        break;
      case "many headers":
        for (let i = 0; i < rng.pick([50, 150, 2_100]); i++) out.push([`X-Junk-${i}`, String(i)]);
        break;
      case "duplicate content-type":
        out.push(["Content-Type", "text/plain"], ["Content-Type", "application/json"]);
        break;
      case "second cookie header":
        // Node joins repeated Cookie headers with "; ": a forged token arrives next to the real one.
        out.push(["Cookie", `next-auth.session-token=${rng.pick(ctx.forgedTokens)}; scantill-device=x.y`]);
        break;
      case "authorization":
        out.push(["Authorization", `Bearer ${rng.pick(ctx.forgedTokens)}`]);
        break;
      case "te+cl":
        // Request smuggling's classic: both framings. Node's parser must refuse it (400).
        out.push(["Transfer-Encoding", "chunked"], ["Content-Length", "5"]);
        break;
    }
  }
  return out;
}
