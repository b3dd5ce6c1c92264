/**
 * Next 16's proxy (formerly middleware), run before every page and API route: a fresh nonce and
 * the nonce Content-Security-Policy for each page, HSTS for requests that came over HTTPS. The
 * policy is put on the request as well as the response because Next reads the nonce from the
 * request's policy while rendering and adds it to its own scripts (docs/security-headers.md §1).
 * The headers that do not depend on the request come from next.config.ts.
 */
import { NextResponse, type NextRequest } from "next/server";
import { HSTS_VALUE, contentSecurityPolicy, isHttpsRequest, makeNonce } from "@/lib/http/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const https = isHttpsRequest(request);
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const response = NextResponse.next();
    if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
    return response;
  }
  const nonce = makeNonce();
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  // For our own code, should it ever need a nonce (a <Script>): `(await headers()).get("x-nonce")`.
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

export const config = {
  // Pages and API routes only. Left out: the build's files (/_next/static, /_next/image) and every
  // path ending in a file extension: public/ (icons, /scanner/zxing_reader.wasm), /sw.js,
  // /serwist/sw.js(.map) and /manifest.webmanifest. They are not HTML, and a policy on a worker's
  // script would bind that worker (docs/security-headers.md §3). Our page paths have no dots.
  matcher: ["/((?!_next/static|_next/image|.*\\.[A-Za-z0-9]+$).*)"],
};
