import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { withSerwist } from "@serwist/turbopack";
import { assertRuntimeEnv, parseEnv } from "./lib/env-schema";
import { securityHeaders } from "./lib/http/security-headers";

// A wrong or missing setting stops start-up with a message that names it. The build needs no
// QFPay credentials, so only the format of whatever is set is checked then.
export default function config(phase: string): NextConfig {
  try {
    const env = parseEnv(process.env);
    if (phase !== PHASE_PRODUCTION_BUILD) assertRuntimeEnv(env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  return withSerwist({
    reactStrictMode: true,
    poweredByHeader: false,
    serverExternalPackages: ["better-sqlite3", "pg", "@node-rs/argon2"],
    // Next's dev server refuses cross-origin dev requests from other devices unless listed.
    allowedDevOrigins: ["127.0.0.1", "localhost"],
    // The service worker is built by app/serwist/[path]/route.ts and lives at /serwist/sw.js;
    // /sw.js is the conventional address (docs/toolchain.md §7).
    async rewrites() {
      return [{ source: "/sw.js", destination: "/serwist/sw.js" }];
    },
    async headers() {
      // Browsers check the worker for updates on navigation; never let a cache answer for it.
      const noCache = [{ key: "Cache-Control", value: "no-cache, no-store, must-revalidate" }];
      return [
        // Every response (pages, API, /_next/static, /sw.js, public files) gets the fixed set; the
        // pages' nonce CSP and HSTS depend on the request, so proxy.ts adds them (docs/security-headers.md).
        { source: "/:path*", headers: securityHeaders({ https: false }) },
        { source: "/serwist/:path*", headers: noCache },
        { source: "/sw.js", headers: noCache },
      ];
    },
  });
}
