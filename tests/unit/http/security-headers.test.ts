/**
 * Issue 9: the pure builder of the security headers and the pages' Content-Security-Policy
 * (lib/http/security-headers.ts, docs/security-headers.md).
 */
import { describe, expect, it } from "vitest";
import {
  HSTS_VALUE,
  contentSecurityPolicy,
  isHttpsRequest,
  makeNonce,
  securityHeaders,
} from "@/lib/http/security-headers";

/** The policy as a map: directive → its sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

const headerMap = (https: boolean) => new Map(securityHeaders({ https }).map((h) => [h.key, h.value]));

describe("contentSecurityPolicy", () => {
  it("production: scripts by nonce and 'strict-dynamic', wasm compile allowed, no inline or eval anywhere", () => {
    const policy = contentSecurityPolicy({ nonce: "abc123==" });
    const d = parse(policy);
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'", "'wasm-unsafe-eval'"]);
    expect(d.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(policy).not.toContain("'unsafe-inline'");
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toMatch(/\*/);
  });

  it("names every directive the issue asks for", () => {
    const d = parse(contentSecurityPolicy({ nonce: "n" }));
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    expect(d.get("worker-src")).toEqual(["'self'"]);
    expect(d.get("manifest-src")).toEqual(["'self'"]);
    expect(d.get("media-src")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
  });

  it("dev: 'unsafe-eval' for React's debug stacks and inline styles for the dev server, still nonce scripts", () => {
    const d = parse(contentSecurityPolicy({ nonce: "n", dev: true }));
    expect(d.get("script-src")).toEqual([
      "'self'",
      "'nonce-n'",
      "'strict-dynamic'",
      "'wasm-unsafe-eval'",
      "'unsafe-eval'",
    ]);
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("upgrade-insecure-requests only over HTTPS (on plain http it would break the page's own requests)", () => {
    expect(parse(contentSecurityPolicy({ nonce: "n" })).has("upgrade-insecure-requests")).toBe(false);
    expect(parse(contentSecurityPolicy({ nonce: "n", https: true })).get("upgrade-insecure-requests")).toEqual([]);
  });

  it("is one header line", () => {
    expect(contentSecurityPolicy({ nonce: "n", dev: true, https: true })).not.toMatch(/[\r\n]/);
  });
});

describe("makeNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 200 }, makeNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("securityHeaders", () => {
  it("always: nosniff, a referrer policy that keeps our own Origin, camera for our pages only, no framing", () => {
    const h = headerMap(false);
    expect(h.get("X-Content-Type-Options")).toBe("nosniff");
    expect(h.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(h.get("Permissions-Policy")).toContain("camera=(self)");
    for (const off of ["microphone=()", "geolocation=()", "payment=()"])
      expect(h.get("Permissions-Policy")).toContain(off);
    expect(h.get("X-Frame-Options")).toBe("DENY");
    expect(h.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
  });

  it("HSTS only for HTTPS", () => {
    expect(headerMap(false).has("Strict-Transport-Security")).toBe(false);
    expect(headerMap(true).get("Strict-Transport-Security")).toBe(HSTS_VALUE);
    expect(HSTS_VALUE).toBe("max-age=31536000");
  });
});

describe("isHttpsRequest", () => {
  const req = (headers: Record<string, string>) => new Request("http://127.0.0.1/", { headers });
  it("reads X-Forwarded-Proto only", () => {
    expect(isHttpsRequest(req({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttpsRequest(req({ "x-forwarded-proto": " HTTPS " }))).toBe(true);
    expect(isHttpsRequest(req({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(isHttpsRequest(req({}))).toBe(false);
    // Other hints are not trusted: only the front server's X-Forwarded-Proto counts.
    expect(isHttpsRequest(req({ forwarded: "proto=https", "x-forwarded-ssl": "on" }))).toBe(false);
    expect(isHttpsRequest(new Request("https://till.example/"))).toBe(false);
  });
  it("a list is not accepted (the trusted server sets one value)", () => {
    expect(isHttpsRequest(req({ "x-forwarded-proto": "http, https" }))).toBe(false);
  });
});
