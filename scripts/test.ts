/**
 * `npm test`: every test, with the real parts they need.
 *   1. unit tests (Vitest) on SQLite;
 *   2. the ledger tests again on PostgreSQL when TEST_DATABASE_URL is set (.ci/run starts a server);
 *   3. the fault campaign, short form (60 payments on SQLite; 60 on PostgreSQL with two app
 *      instances when TEST_DATABASE_URL is set; `npm run test:faults` runs the long form);
 *   4. the security suite (tests/security, issue 9): the route × role authorization table checked
 *      over HTTP, and the fuzz's short form (`npm run test:fuzz` runs the long form), each against
 *      a production build of its own in demo mode;
 *   5. end-to-end tests (Playwright) in Debian's Chromium with the fake camera, against a
 *      production build of the app in demo mode.
 * Finds or installs Chromium and ffmpeg (apt, as root), and prints one plain line per suite:
 * "<suite>: N passed, N failed" from the runners' JSON reports.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded, repoRoot } from "./lib/build-if-needed";

const root = repoRoot;
const artifacts = path.join(root, "tests", ".artifacts");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const only = process.argv.slice(2);
const wants = (suite: string) => only.length === 0 || only.includes(suite);

type Counts = { suite: string; passed: number; failed: number; skipped: number };
const results: Counts[] = [];

function run(cmd: string, args: string[], extraEnv: Record<string, string> = {}): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}

function has(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** Chromium (for Playwright) and ffmpeg (to turn code images into fake-camera video). */
function ensureBrowserTools(): void {
  const missing = [
    ["chromium", "chromium"],
    ["ffmpeg", "ffmpeg"],
  ]
    .filter(([cmd]) => !has(cmd!))
    .map(([, pkg]) => pkg!);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !has("apt-get")) {
    console.error(
      `\nThe end-to-end tests need ${missing.join(" and ")} (Debian packages). Install them, e.g.:\n  sudo apt-get install -y --no-install-recommends ${missing.join(" ")}\n`,
    );
    process.exit(1);
  }
  console.log(`[test] installing ${missing.join(", ")} with apt-get…`);
  if (
    run("apt-get", ["update", "-q"]) !== 0 ||
    run("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...missing], {
      DEBIAN_FRONTEND: "noninteractive",
    }) !== 0
  ) {
    console.error(`\nCould not install ${missing.join(", ")} with apt-get; install them and run npm test again.\n`);
    process.exit(1);
  }
}

function vitest(suite: string, args: string[], extraEnv: Record<string, string> = {}): void {
  const report = path.join(artifacts, `${suite}.json`);
  rmSync(report, { force: true });
  run(
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args],
    extraEnv,
  );
  if (!existsSync(report)) return void results.push({ suite, passed: 0, failed: 1, skipped: 0 });
  const json = JSON.parse(readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTotalTestSuites: number;
    testResults: Array<{ status: string }>;
  };
  // A test file that fails to load has no tests but a failed suite: count it as a failure.
  const brokenFiles = json.testResults.filter((f) => f.status === "failed").length;
  results.push({
    suite,
    passed: json.numPassedTests,
    failed: Math.max(json.numFailedTests, brokenFiles),
    skipped: json.numPendingTests,
  });
}

/** The fault campaign (tests/faults/campaign.ts) in its short form; it prints its own verdict line. */
function faultCampaign(suite: string, args: string[]): void {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "tests/faults/campaign.ts", ...args],
    { cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  // Its own verdict line is left out here: the summary below prints each suite's line once.
  process.stdout.write((r.stdout ?? "").replace(new RegExp(`^${suite}: \\d+ passed, \\d+ failed\\n?`, "m"), ""));
  const verdict = new RegExp(`^${suite}: (\\d+) passed, (\\d+) failed$`, "m").exec(r.stdout ?? "");
  results.push(
    verdict
      ? { suite, passed: Number(verdict[1]), failed: Number(verdict[2]), skipped: 0 }
      : { suite, passed: 0, failed: 1, skipped: 0 },
  );
}

function playwright(suite: string): void {
  const report = path.join(artifacts, `${suite}.json`);
  rmSync(report, { force: true });
  if (!buildIfNeeded(env)) return void results.push({ suite, passed: 0, failed: 1, skipped: 0 });
  run(bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  if (!existsSync(report)) return void results.push({ suite, passed: 0, failed: 1, skipped: 0 });
  const { stats } = JSON.parse(readFileSync(report, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  results.push({ suite, passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });
}

/** The specs that run on a real database (the ledger*.test.ts files anywhere under tests/unit): run again on PostgreSQL. */
function ledgerSpecs(): string[] {
  return readdirSync(path.join(repoRoot, "tests/unit"), { recursive: true, encoding: "utf8" })
    .filter((file) => /(^|\/)ledger[^/]*\.test\.ts$/.test(file))
    .map((file) => path.join("tests/unit", file))
    .sort();
}

mkdirSync(artifacts, { recursive: true });
if (wants("unit")) vitest("unit", []);
if (wants("postgres")) {
  if (process.env.TEST_DATABASE_URL)
    vitest("postgres", ledgerSpecs(), { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL });
  else
    console.log(
      "[test] postgres: skipped (set TEST_DATABASE_URL to a PostgreSQL database to run the ledger tests on it; .ci/run does)",
    );
}
if (wants("faults")) {
  faultCampaign("faults-sqlite", ["--payments", "60", "--db", "sqlite"]);
  if (process.env.TEST_DATABASE_URL)
    faultCampaign("faults-postgres", ["--payments", "60", "--db", "postgres", "--instances", "2"]);
  else console.log("[test] faults-postgres: skipped (needs TEST_DATABASE_URL)");
}
if (wants("security")) {
  // Vitest (its own config) rather than Playwright: no browser is needed, and one test per table
  // row and fuzz promise gives real counts. Each file starts its own server, so it needs the build.
  if (!buildIfNeeded(env)) results.push({ suite: "security", passed: 0, failed: 1, skipped: 0 });
  else vitest("security", ["--config", "tests/security/vitest.config.ts"]);
}
if (wants("e2e")) {
  ensureBrowserTools();
  playwright("e2e");
}

console.log("");
// The counts, also as a file for .ci/run, which prints them itself when it asks (SCANTILL_COUNTS_FILE).
const countLines = results.map((r) => `${r.suite} ${r.passed} ${r.failed} ${r.skipped}`);
if (process.env.SCANTILL_COUNTS_FILE) writeFileSync(process.env.SCANTILL_COUNTS_FILE, `${countLines.join("\n")}\n`);
else
  for (const r of results)
    console.log(`${r.suite}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
const failed = results.reduce((n, r) => n + r.failed, 0);
const passed = results.reduce((n, r) => n + r.passed, 0);
if (!process.env.SCANTILL_COUNTS_FILE) console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
