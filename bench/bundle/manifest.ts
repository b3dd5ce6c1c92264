/**
 * What the build says a route loads first, to cross-check what the browser fetched: Next's root
 * main files (runtime, framework) plus every client chunk its layouts, error boundaries and page
 * list in the page's client reference manifest (`entryJSFiles`). The polyfill file is left out:
 * it is a `nomodule` script, which a current browser never fetches.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";

type ClientReferenceManifest = { entryJSFiles?: Record<string, string[]> };

function readClientReferenceManifest(root: string, appDir: string): ClientReferenceManifest {
  const file = path.join(root, ".next", "server", "app", appDir, "page_client-reference-manifest.js");
  // The file assigns to globalThis.__RSC_MANIFEST; run it in a sandbox of its own.
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  const manifests = Object.values(sandbox.__RSC_MANIFEST ?? {});
  if (manifests.length !== 1) throw new Error(`${file}: expected one manifest, found ${manifests.length}`);
  return manifests[0]!;
}

/** URL paths (`/_next/static/chunks/…`) the manifests name as this route's first-load scripts. */
export function manifestFirstLoad(root: string, appDir: string): Set<string> {
  const build = JSON.parse(readFileSync(path.join(root, ".next", "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const files = new Set<string>(build.rootMainFiles);
  for (const chunks of Object.values(readClientReferenceManifest(root, appDir).entryJSFiles ?? {})) {
    for (const chunk of chunks) files.add(chunk);
  }
  return new Set([...files].filter((f) => f.endsWith(".js")).map((f) => `/_next/${f}`));
}
