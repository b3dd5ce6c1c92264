/** Runs `next build` when there is no build yet or a source file is newer than the last build. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "..", "..");
export const nextBin = path.join(repoRoot, "node_modules", "next", "dist", "bin", "next");

const SOURCES = ["app", "components", "lib", "public", "instrumentation.ts", "proxy.ts", "next.config.ts", "tailwind.config.ts", "package.json", "package-lock.json"];

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** Returns false when a needed build failed. */
export function buildIfNeeded(env: NodeJS.ProcessEnv): boolean {
  const buildId = path.join(repoRoot, ".next", "BUILD_ID");
  const newest = Math.max(...SOURCES.map((p) => path.join(repoRoot, p)).filter(existsSync).map(newestMtime));
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newest) return true;
  console.log("Building ScanTill (first start or changed sources; about a minute)…");
  return spawnSync(process.execPath, [nextBin, "build"], { cwd: repoRoot, stdio: "inherit", env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } }).status === 0;
}
