/**
 * Hostile values the fuzz draws from (issue 9's list): numbers at and past every edge, unicode
 * that breaks naive code (RTL, zero-width, emoji, lone surrogates, NUL), malformed percent-encodings,
 * path traversal, injection-looking text.
 */

/** JSON number literals, written as text (1e309, -0 and NaN cannot go through JSON.stringify). */
export const NUMBER_LITERALS = [
  "0", "-0", "-1", "1.5", "0.1", "1e-7", "1e309", "-1e309", "NaN", "Infinity", "-Infinity",
  "9007199254740993", "99999999", "100000000", "1e15", "2147483648", "-2147483649", "0x10", "1_000", "01", "+1", ".5", "1.", "1e", "--1",
];

/** Strings that are not usable amounts, codes or ids (each fails the route's own validation). */
export const HOSTILE_STRINGS = [
  "", " ", "100", "1e3", "NaN", "null", "true", "０１２３４５６７８９０１２", // full-width digits
  "\u202e1234567890123456", // right-to-left override
  "1234567890\u200b123456", // zero-width space inside
  "\ufeff1234567890123456", // BOM
  "12345678901234567890\u0000", // NUL
  "\ud800", "\udfff12345678901", // lone surrogates
  "💳💳💳💳💳💳💳💳💳💳", "ＡＢＣ", "e\u0301\u0301\u0301\u0301", "İıŞş", "Ω≈ç√∫",
  "<script>alert(1)</script>", "' OR '1'='1", "\"; DROP TABLE payments; --", "${7*7}", "{{7*7}}", "%s%s%s%n",
  "../../../../etc/passwd", "..\\..\\windows\\win.ini", "file:///etc/passwd", "javascript:alert(1)",
  "__proto__", "constructor", "toString", "a\r\nSet-Cookie: x=1", "\t\n\r\f\v",
];

export const HOSTILE_JSON_VALUES = ["null", "true", "false", "[]", "{}", "[null]", '{"$ne":null}', '{"__proto__":{"role":"owner"}}', '""', '"\\u0000"', '"\\ud800"'];

/** Segments for a dynamic route parameter, already as they go into the request target. */
export const HOSTILE_SEGMENTS = [
  "%ZZ", "%E0%A4%A", "%", "%%", "%00", "a%00b", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%EF%BF%BF", "%FF%FE",
  "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e%2f%2e%2e%2f", "..", ".", "%2F", "%5C", "a;b=c", "%3Bx", "%23frag", "%3F",
  "%E2%80%AE1234567890", "%E2%80%8B", "%F0%9F%92%B3", "%20", "+", "%2B", "__proto__", "constructor", "NO_SUCH_PAYMENT_1",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%27%20OR%201%3D1--", "A".repeat(65), "B".repeat(5_000), "%41".repeat(3_000),
];

/** Query strings (with their "?"), generic: malformed encodings, arrays, huge, duplicated. */
export const HOSTILE_QUERIES = [
  "?%ZZ", "?a=%E0%A4%A", "?a=%", "?%00=%00", "?a=1&a=2&a=3", "?a[]=1&a[b]=2", "?__proto__[role]=owner", "?constructor[prototype][x]=1",
  "?&&&==&=", "?=", "?a=%F0%9F%92%B3", "?a=%E2%80%AE", `?a=${"x".repeat(7_000)}`, `?${"a=1&".repeat(2_000)}`, "?_rsc=zzz", "?__nextDataReq=1", "?__nextLocale=xx",
];

/** Per-route query parameters and hostile values for them. */
export const QUERY_PARAMS: Record<string, Record<string, string[]>> = {
  "/api/payments": {
    limit: ["0", "-1", "201", "1e309", "NaN", "1.5", "0x10", "%ZZ", "", "50", "9".repeat(400)],
    status: ["paid", "PAID", "nope", "%00", "pending,paid", ""],
    attention: ["0", "1", "2", "true", "%ZZ", ""],
  },
  "/api/reconciliation": {
    date: ["today", "2024-02-30", "2024-13-01", "0000-00-00", "9999-12-31", "2020-01-01", "1970-01-01", "%ZZ", "", "2024-1-1", "2024-01-01T00:00:00Z", "x".repeat(500)],
    latest: ["1", "0", "true", ""],
    trigger: ["auto", "manual", "cli", "AUTO", "<script>", "%00", ""],
  },
  "/api/reconciliation/latest": { trigger: ["auto", "manual", "cli", "nope", "%ZZ", "", "x".repeat(300)] },
  "/login": { callbackUrl: ["/sale", "//evil.example", "https://evil.example", "/%09/evil.example", "/\\evil.example", "/%0D%0ASet-Cookie:x=1", "%ZZ", "javascript:alert(1)", "/login", "/api/payments", ""], error: ["CredentialsSignin", "%ZZ", "x".repeat(500)] },
  "/sale": { scanEngine: ["zxing-js", "wasm", "nope", "%00"], codeLifetimeMs: ["8000", "0", "-1", "1e309", "99999999", "%ZZ"] },
  "/api/auth/[...nextauth]": { callbackUrl: ["https://evil.example", "//evil.example", "/sale", "%ZZ", "javascript:alert(1)"], error: ["CredentialsSignin", "%ZZ", "<b>x</b>"], csrf: ["true"] },
};

/** Whole-path tricks (the original path is `p`); the request no longer names the route plainly. */
export const PATH_MUTATIONS: Array<[string, (p: string) => string]> = [
  ["trailing slash", (p) => `${p}/`],
  ["double slash", (p) => `/${p}`],
  ["inner double slash", (p) => p.replace(/\/(?=[^/]*$)/, "//")],
  ["dot segment", (p) => p.replace(/^\//, "/./")],
  ["dot-dot back in", (p) => `/api/..${p}`],
  ["traversal out", (p) => `${p}/../../../../../../etc/passwd`],
  ["encoded traversal", (p) => `${p}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`],
  ["backslashes", (p) => p.replace(/\//g, "\\")],
  ["upper case", (p) => p.toUpperCase()],
  ["encoded slashes", (p) => p.replace(/\//g, "%2F")],
  ["semicolon", (p) => `${p};jsessionid=1`],
  ["NUL", (p) => `${p}%00`],
  ["malformed percent", (p) => `${p}%ZZ`],
  ["truncated UTF-8", (p) => `${p}%E0%A4%A`],
  ["fragment", (p) => `${p}#frag`],
  ["absolute-form", (p) => `http://evil.example${p}`],
  ["asterisk", () => "*"],
  ["long path", (p) => `${p}/${"a".repeat(8_000)}`],
  ["very long path", (p) => `${p}?${"a".repeat(20_000)}`],
  ["next internals", () => "/_next/static/../../../package.json"],
  ["next data", (p) => `/_next/data/x${p}.json`],
  ["rsc suffix", (p) => `${p}.rsc`],
  ["index", (p) => `${p}/index`],
];

/** Paths that are not routes of ours but reach Next anyway. */
export const STRAY_PATHS = [
  "/nope", "/api", "/api/", "/api/nope", "/_next/image?url=%2Ficon.svg&w=64&q=75", "/_next/image?url=http%3A%2F%2F169.254.169.254%2F&w=64&q=75",
  "/_next/image?url=%2Fsw.js&w=99999&q=0", "/_next/static/chunks/nope.js", "/_next/static/%ZZ", "/icon.svg", "/icons/icon-192.png", "/.env", "/.git/config",
  "/package.json", "/favicon.ico", "/robots.txt", "/_not-found", "/_global-error", "/scanner/%ZZ",
];
