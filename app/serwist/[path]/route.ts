/**
 * Builds and serves the service worker (`app/sw.ts`) at `/serwist/sw.js` (`/sw.js` is a rewrite
 * in next.config.ts). The route is prerendered by `next build`; in `next dev` it still answers,
 * but the page never registers it (see components/providers/service-worker.tsx).
 *
 * Precache list: Serwist's default globs (`.next/static/**` and `public/**`) minus the scanner's
 * wasm, which is listed by hand with its SHA-256 as the revision, so a new zxing-wasm (copied to
 * `public/scanner/` by scripts/copy-scanner-wasm.ts) is fetched again; plus the offline page,
 * whose revision changes with every build (it names that build's chunks).
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createSerwistRoute } from "@serwist/turbopack";
import { SCANNER_WASM_PATH } from "@/lib/scan/scan-settings";

const wasmFile = path.join(process.cwd(), "public", SCANNER_WASM_PATH);
const wasmRevision = createHash("sha256").update(readFileSync(wasmFile)).digest("hex");
const buildRevision = randomUUID();

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "app/sw.ts",
  useNativeEsbuild: true,
  globIgnores: ["**/node_modules/**/*", "public/scanner/**"],
  additionalPrecacheEntries: [
    { url: SCANNER_WASM_PATH, revision: wasmRevision },
    { url: "/~offline", revision: buildRevision },
  ],
});
