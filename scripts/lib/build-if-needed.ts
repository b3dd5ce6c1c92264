/** Runs `next build` when there is no build yet or a source file is newer than the last build. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "..", "..");

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.ts",
  "tailwind.config.ts",
  "package.json",
  "package-lock.json",
];

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

/**
 * Returns false when a needed build failed. `root` is another checkout of ScanTill (the bundle
 * benchmark builds an older commit beside this one to compare them); by default, this one.
 */
export function buildIfNeeded(env: NodeJS.ProcessEnv, root = repoRoot): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const newest = Math.max(
    ...SOURCES.map((p) => path.join(root, p))
      .filter(existsSync)
      .map(newestMtime),
  );
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newest) return true;
  console.log(
    `Building ScanTill${root === repoRoot ? "" : ` in ${root}`} (first start or changed sources; about a minute)…`,
  );
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  return (
    spawnSync(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
    }).status === 0
  );
}
