/** scripts/lib/request-guard.ts: what our server refuses before Next (each of these was a 500 from Next 16). */
import path from "node:path";
import { describe, expect, test } from "vitest";
import { publicFilePaths, refuseRequest } from "../../../scripts/lib/request-guard";

const publicFiles = publicFilePaths(path.resolve(import.meta.dirname, "..", "..", "..", "public"));
const refuse = (method: string, url: string, headers: Record<string, string> = {}) =>
  refuseRequest({ method, url, headers }, publicFiles)?.status ?? null;

describe("request guard", () => {
  test("lists public/ files by URL path", () => {
    expect(publicFiles.has("/icon.svg")).toBe(true);
    expect(publicFiles.has("/icons/icon-192.png")).toBe(true);
  });

  test("lets ordinary requests through", () => {
    expect(refuse("GET", "/sale")).toBeNull();
    expect(refuse("POST", "/api/payments")).toBeNull();
    expect(refuse("GET", "/api/payments/..%2F..%2Fetc")).toBeNull();
    expect(refuse("GET", "/login?callbackUrl=%ZZ")).toBeNull(); // the query is the page's business
    expect(refuse("GET", "/icon.svg")).toBeNull();
    expect(refuse("HEAD", "/icons/icon-192.png")).toBeNull();
    expect(refuse("OPTIONS", "/api/payments")).toBeNull();
    expect(
      refuse("GET", "/sale", {
        rsc: "1",
        "next-router-state-tree": encodeURIComponent(JSON.stringify(["", { children: ["sale", {}] }])),
      }),
    ).toBeNull();
  });

  test("refuses TRACE, TRACK and CONNECT", () => {
    for (const m of ["TRACE", "TRACK", "CONNECT"]) expect(refuse(m, "/api/health")).toBe(405);
  });

  test("refuses request targets that are not paths", () => {
    expect(refuse("OPTIONS", "*")).toBe(400);
    expect(refuse("GET", "http://evil.example/api/health")).toBe(400);
  });

  test("refuses paths that are not valid percent-encoded UTF-8", () => {
    for (const p of [
      "/api/payments/%ZZ",
      "/api/payments/%E0%A4%A",
      "/payments/%C0%AF",
      "/api/auth/%",
      "/serwist/%ED%A0%80",
    ])
      expect(refuse("GET", p), p).toBe(400);
  });

  test("refuses a router state header Next cannot parse", () => {
    expect(refuse("GET", "/nope", { rsc: "1", "next-router-state-tree": "garbage" })).toBe(400);
    expect(refuse("GET", "/nope", { "next-router-state-tree": "%5B%5B%22xxx%22%5D%5D" })).toBe(400);
  });

  test("refuses writes to static files", () => {
    expect(refuse("POST", "/icon.svg")).toBe(405);
    expect(refuse("DELETE", "/icons/icon-192.png")).toBe(405);
    expect(refuse("PUT", "/_next/static/chunks/x.js")).toBe(405);
    expect(refuse("DELETE", "/_next/image?url=%2Ficon.svg&w=64&q=75")).toBe(405);
    expect(refuse("DELETE", "/api/../_next/image?url=%2Ficon.svg")).toBe(405);
    expect(refuse("POST", "/api/%2e%2e/icon.svg")).toBe(405);
  });

  test("hides Next's global error page (it answers 500 on purpose)", () => {
    expect(refuse("GET", "/_global-error")).toBe(404);
    expect(refuse("GET", "/x/../_global-error.rsc")).toBe(404);
    expect(refuse("GET", "/_global-errors")).toBeNull();
  });
});
