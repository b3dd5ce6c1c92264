/**
 * Catalog parts register their text when their module runs (lib/i18n/define-catalog.ts), so a
 * module that names a key must import the part that defines it: otherwise a lazily loaded screen
 * could show "sale.pendingTitle" instead of the text. Checked here for every module of the app,
 * as source text: each "namespace.key" literal that is a catalog key needs an import of its part.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { NamespaceCatalog } from "@/lib/i18n/define-catalog";

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const catalogDir = path.join(root, "lib", "i18n", "catalog");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** Every key, with the part (module path under lib/i18n/catalog, no extension) that defines it. */
async function keyOwners(): Promise<Map<string, string[]>> {
  const owners = new Map<string, string[]>();
  for (const file of readdirSync(catalogDir).filter((f) => f.endsWith(".ts"))) {
    const part = file.replace(/\.ts$/, "");
    const parts = (await import(path.join(catalogDir, file))) as Record<string, NamespaceCatalog<string, string>>;
    for (const catalog of Object.values(parts)) {
      for (const key of Object.keys(catalog.en)) {
        const full = `${catalog.namespace}.${key}`;
        owners.set(full, [...(owners.get(full) ?? []), part]);
      }
    }
  }
  return owners;
}

/** The catalog parts a module imports at run time (by alias or relative path; not `import type`). */
function importedParts(file: string, source: string): Set<string> {
  const parts = new Set<string>();
  for (const match of source.matchAll(/^import\s+(?!type\s)(?:[^"';]*?from\s+)?["']([^"']+)["']/gm)) {
    const spec = match[1]!;
    const resolved = spec.startsWith("@/")
      ? path.join(root, spec.slice(2))
      : spec.startsWith(".")
        ? path.resolve(path.dirname(file), spec)
        : null;
    if (resolved && path.dirname(resolved) === catalogDir) parts.add(path.basename(resolved).replace(/\.ts$/, ""));
  }
  return parts;
}

describe("i18n catalog parts", () => {
  it("defines each key in exactly one part", async () => {
    const twice = [...(await keyOwners())].filter(([, parts]) => parts.length > 1);
    expect(twice).toEqual([]);
  });

  it("is imported by every module that names one of its keys, and only by those", async () => {
    const owners = await keyOwners();
    const namespaces = new Set([...owners.keys()].map((k) => k.split(".")[0]));
    const missing: string[] = [];
    const unused: string[] = [];
    let checked = 0;
    for (const dir of ["app", "components", "lib"]) {
      for (const file of sourceFiles(path.join(root, dir))) {
        if (file.startsWith(catalogDir + path.sep)) continue;
        const source = readFileSync(file, "utf8");
        const needed = new Set<string>();
        for (const match of source.matchAll(/["'`]([a-z][a-zA-Z]*)\.([a-zA-Z0-9_]+)["'`]/g)) {
          if (!namespaces.has(match[1])) continue;
          const part = owners.get(`${match[1]}.${match[2]}`)?.[0];
          if (part) needed.add(part);
        }
        const imported = importedParts(file, source);
        for (const part of imported)
          if (!needed.has(part))
            unused.push(`${path.relative(root, file)} imports lib/i18n/catalog/${part} but names none of its keys`);
        if (needed.size === 0) continue;
        checked++;
        for (const part of needed)
          if (!imported.has(part)) missing.push(`${path.relative(root, file)} needs lib/i18n/catalog/${part}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(missing).toEqual([]);
    // A part imported for nothing is text in a first load that shows none of it.
    expect(unused).toEqual([]);
  });
});
