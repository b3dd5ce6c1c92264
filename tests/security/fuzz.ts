/**
 * The fuzz (issue 9): thousands of hostile requests, generated from a seed (fuzz-cases.ts), across
 * every route and method of the authorization table, sent over raw `node:http` (raw-http.ts) to a
 * ScanTill of its own (server-harness.ts). Passes when:
 *   - no answer is 500 or above (each one is reported with its request and the server's log);
 *   - no request hangs (a per-request deadline);
 *   - a signed-out or forged caller never gets a 2xx from a staff route;
 *   - the ledger (payments, refunds, their events, users) is unchanged and nothing reached QFPay;
 *   - the server's memory stays bounded (peak ≤ start + 300 MB) and it still answers afterwards.
 *
 *   npm run test:fuzz -- --requests 10000 [--seed N] [--concurrency 4] [--case K] [--app-heap-mb M]
 *
 * `--case K` sends only case K of that seed (to replay a finding). `--app-heap-mb M` starts the app
 * with --max-old-space-size=M (by default it runs as scripts/start.ts runs it: scripts/lib/server-command.ts caps the heap). The short form runs in `npm test`
 * (fuzz.spec.ts). Last line: "BENCH fuzz {json}". A full report goes to tests/.artifacts/security/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildIfNeeded, repoRoot } from "../../scripts/lib/build-if-needed";
import { generateCase, type FuzzCase, type FuzzContext } from "./fuzz-cases";
import { makeRng } from "./fuzz-random";
import { forgedSessions } from "./forged-sessions";
import { ledgerDifferences, ledgerFingerprint, sqliteFile, type LedgerFingerprint } from "./ledger-fingerprint";
import { sendRaw, type RawResponse } from "./raw-http";
import { discoverRoutes } from "./route-discovery";
import { ROUTE_TABLE } from "./route-table";
import { RssSampler, type RssSummary } from "./rss-sampler";
import { sandboxTransactionCount, seedPaidPayment, startSecurityServer, type SecurityServer } from "./server-harness";

export type FuzzOptions = {
  requests: number;
  seed: number;
  concurrency: number;
  timeoutMs: number;
  /** Fail when the peak RSS exceeds the start by more than this. */
  rssLimitMb: number;
  /** Send only this case of the seed's sequence. */
  onlyCase?: number;
};

export type Finding = {
  index: number;
  caller: string;
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body: string;
  bodyBytes: number;
  chunked?: number;
  tricks: string[];
  status: number | null;
  error?: string;
  answer: string;
  log: string[];
  /** For answers ≥ 500: the first error line the server logged when the request was sent again alone. */
  signature?: string;
};

export type FuzzResult = {
  seed: number;
  requests: number;
  durationS: number;
  requestsPerS: number;
  byClass: Record<string, number>;
  byStatus: Record<string, number>;
  /** Requests per route pattern and method: the fuzz reached every one. */
  coverage: Record<string, number>;
  serverErrors: Finding[];
  /** The ≥500 answers grouped by what the server logged (replayed one at a time). */
  serverErrorKinds: Array<{ signature: string; count: number; example: Finding }>;
  hangs: Finding[];
  wayIn: Finding[];
  /** Writes to the ledger's routes that were accepted (2xx): none is meant to be, so each explains a ledger change. */
  acceptedWrites: Finding[];
  noAnswer: { count: number; examples: Finding[] };
  ledger: { before: LedgerFingerprint; after: LedgerFingerprint; differences: string[] };
  qfpayTransactions: { before: number; after: number };
  rss: RssSummary;
  healthyAfter: boolean;
  /** Why it failed; empty when it passed. */
  failures: string[];
};

const SEEDED_AMOUNT = 1_000;
const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

async function csrfPair(url: string, cookie: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${url}/api/auth/csrf`, { headers: cookie ? { cookie } : {} });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const set = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  return { cookie: [cookie, ...set].filter(Boolean).join("; "), token: csrfToken };
}

/** What the generator needs to know about this server: routes, cookies, a real payment, forged tokens. */
export async function fuzzContext(server: SecurityServer): Promise<FuzzContext> {
  const outTradeNo = await seedPaidPayment(server, SEEDED_AMOUNT);
  const methods = new Map(discoverRoutes(path.join(repoRoot, "app")).map((r) => [r.pattern, r.methods]));
  const anon = await csrfPair(server.url, "");
  const cashier = await csrfPair(server.url, server.cookies.cashier);
  const manager = await csrfPair(server.url, server.cookies.manager);
  // The signed-in callers keep their jar as it now is (a CSRF cookie that matches their token).
  return {
    entries: ROUTE_TABLE,
    methods,
    payment: { outTradeNo, amount: SEEDED_AMOUNT },
    host: new URL(server.url).host,
    cookies: { cashier: cashier.cookie, manager: manager.cookie },
    forgedTokens: (await forgedSessions(server.secret, server.cookies.cashier)).map((f) => f.token),
    csrf: { anon, cashier, manager },
  };
}

function finding(c: FuzzCase, res: RawResponse, log: string[]): Finding {
  return {
    index: c.index,
    caller: c.caller,
    method: c.method,
    target: short(c.target, 300),
    headers: c.headers.map(([k, v]) => [
      k,
      short(k.toLowerCase() === "cookie" ? v.replace(/(session-token=)[^;]{24,}/g, "$1<token>") : v, 200),
    ]),
    body: c.body ? short(c.body.toString("utf8"), 400) : "",
    bodyBytes: c.body?.length ?? 0,
    ...(c.chunked ? { chunked: c.chunked } : {}),
    tricks: c.tricks,
    status: res.status,
    ...(res.error ? { error: res.error } : {}),
    answer: short(res.preview, 300),
    log,
  };
}

export async function runFuzz(
  server: SecurityServer,
  opts: FuzzOptions,
  progress: (line: string) => void = () => {},
): Promise<FuzzResult> {
  const ctx = await fuzzContext(server);
  // Warm-up (not counted): every row once, so first-use module loading is not read as a leak.
  for (const e of ROUTE_TABLE)
    await sendRaw(
      server.url,
      {
        method: "GET",
        target: e.path ?? e.route.replace(/\[[^\]]+\]/g, "x"),
        headers: [["Cookie", ctx.cookies.cashier]],
      },
      opts.timeoutMs,
    );
  await new Promise((r) => setTimeout(r, 1_500));

  const db = sqliteFile(server.dataDir);
  const before = ledgerFingerprint(db);
  const qfpayBefore = await sandboxTransactionCount(server);
  const rng = makeRng(opts.seed);
  const byClass: Record<string, number> = { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0, "no answer": 0 };
  const byStatus: Record<string, number> = {};
  const coverage: Record<string, number> = {};
  const serverErrors: Finding[] = [];
  const serverErrorCases: FuzzCase[] = [];
  const hangs: Finding[] = [];
  const wayIn: Finding[] = [];
  const acceptedWrites: Finding[] = [];
  const noAnswer: Finding[] = [];
  let noAnswerCount = 0;

  const total = opts.onlyCase !== undefined ? 1 : opts.requests;
  let generated = 0;
  const nextCase = (): FuzzCase | null => {
    if (opts.onlyCase !== undefined) {
      if (generated > opts.onlyCase) return null;
      let c = generateCase(rng, ctx, generated++);
      while (c.index < opts.onlyCase) c = generateCase(rng, ctx, generated++);
      return c;
    }
    return generated < opts.requests ? generateCase(rng, ctx, generated++) : null;
  };

  const sampler = new RssSampler(server.pid);
  sampler.start();
  const started = performance.now();
  let done = 0;
  const worker = async () => {
    for (let c = nextCase(); c; c = nextCase()) {
      const sentAt = Date.now();
      const res = await sendRaw(
        server.url,
        {
          method: c.method,
          target: c.target,
          headers: c.headers,
          ...(c.body ? { body: c.body } : {}),
          ...(c.chunked ? { chunked: c.chunked } : {}),
        },
        opts.timeoutMs,
      );
      const logAround = () =>
        server.log
          .filter((l) => l.at >= sentAt - 50 && l.at <= Date.now() + 50)
          .map((l) => l.text)
          .slice(0, 40);
      const key = `${c.route} ${c.method}`;
      coverage[key] = (coverage[key] ?? 0) + 1;
      byStatus[String(res.status ?? "none")] = (byStatus[String(res.status ?? "none")] ?? 0) + 1;
      if (res.status === null) {
        byClass["no answer"]!++;
        noAnswerCount++;
        if (noAnswer.length < 20 && !res.timedOut) noAnswer.push(finding(c, res, []));
      } else byClass[`${Math.floor(res.status / 100)}xx`] = (byClass[`${Math.floor(res.status / 100)}xx`] ?? 0) + 1;
      if (res.timedOut) hangs.push(finding(c, res, logAround()));
      if (res.status !== null && res.status >= 500) {
        // Let the server finish writing its log of this error before taking the excerpt.
        await new Promise((r) => setTimeout(r, 100));
        serverErrors.push(finding(c, res, logAround()));
        serverErrorCases.push(c);
      }
      // Next answers a request carrying "x-middleware-prefetch" itself with an empty "{}" (and
      // x-middleware-skip) before any route code runs: no way in, nothing served.
      const prefetchSkip = res.headers["x-middleware-skip"] === "1" && res.preview.trim() === "{}";
      if (
        !prefetchSkip &&
        c.method !== "GET" &&
        c.method !== "HEAD" &&
        c.method !== "OPTIONS" &&
        c.route.startsWith("/api/payments") &&
        res.status !== null &&
        res.status >= 200 &&
        res.status < 300
      ) {
        acceptedWrites.push(finding(c, res, []));
      }
      if (c.mustRefuse && !prefetchSkip && res.status !== null && res.status >= 200 && res.status < 300)
        wayIn.push(finding(c, res, []));
      if (++done % 500 === 0)
        progress(`[fuzz] ${done}/${total} requests, ${serverErrors.length} ≥500, RSS ${sampler.stop().peakMb} MB peak`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
  const durationS = (performance.now() - started) / 1000;
  const rss = sampler.stop();

  const serverErrorKinds = await replayServerErrors(server, serverErrorCases, serverErrors, opts.timeoutMs);

  // Anything a request set off in the background (an enquiry, a resolver pass) has a moment to land.
  await new Promise((r) => setTimeout(r, 2_000));
  const after = ledgerFingerprint(db);
  const qfpayAfter = await sandboxTransactionCount(server);
  const healthyAfter = await fetch(`${server.url}/api/health`).then(
    (r) => r.ok,
    () => false,
  );

  const differences = ledgerDifferences(before, after);
  const failures: string[] = [];
  if (serverErrors.length) failures.push(`${serverErrors.length} answers ≥ 500`);
  if (hangs.length) failures.push(`${hangs.length} requests without an answer in ${opts.timeoutMs} ms`);
  if (wayIn.length) failures.push(`${wayIn.length} staff-route answers 2xx to a signed-out or forged caller`);
  if (differences.length)
    failures.push(`the ledger changed: ${differences.join("; ")} (${acceptedWrites.length} accepted writes)`);
  if (qfpayAfter !== qfpayBefore) failures.push(`QFPay saw ${qfpayAfter - qfpayBefore} new transactions`);
  if (rss.peakMb > rss.startMb + opts.rssLimitMb)
    failures.push(
      `server RSS peaked at ${rss.peakMb} MB, more than ${opts.rssLimitMb} MB over its start (${rss.startMb} MB)`,
    );
  if (!healthyAfter) failures.push("the server no longer answers /api/health");
  return {
    seed: opts.seed,
    requests: done,
    durationS: Math.round(durationS * 10) / 10,
    requestsPerS: Math.round((done / durationS) * 10) / 10,
    byClass,
    byStatus,
    coverage,
    serverErrors,
    serverErrorKinds,
    hangs,
    wayIn,
    acceptedWrites,
    noAnswer: { count: noAnswerCount, examples: noAnswer },
    ledger: { before, after, differences },
    qfpayTransactions: { before: qfpayBefore, after: qfpayAfter },
    rss,
    healthyAfter,
    failures,
  };
}

/** Replays per kind of answer (route, method, first words of the answer), and in all. */
const REPLAYS_PER_KEY = 3;
const REPLAY_LIMIT = 300;

/**
 * Sends ≥500 requests again, alone, so the server's log lines belong to them (under concurrency
 * they interleave), then groups all of them by their first error line: a few replays per kind of
 * answer, the others take their kind's signature. The replays are the same rejected requests, so
 * the ledger check taken afterwards covers them too.
 */
async function replayServerErrors(
  server: SecurityServer,
  cases: FuzzCase[],
  findings: Finding[],
  timeoutMs: number,
): Promise<FuzzResult["serverErrorKinds"]> {
  const keyOf = (c: FuzzCase, f: Finding) => `${c.route} ${c.method} ${f.status} ${f.answer.slice(0, 80)}`;
  const byKey = new Map<string, string>();
  const replays = new Map<string, number>();
  let replayed = 0;
  for (const [i, c] of cases.entries()) {
    const f = findings[i]!;
    const key = keyOf(c, f);
    if ((replays.get(key) ?? 0) >= REPLAYS_PER_KEY || replayed >= REPLAY_LIMIT) continue;
    replays.set(key, (replays.get(key) ?? 0) + 1);
    replayed++;
    const from = server.log.length;
    const res = await sendRaw(
      server.url,
      {
        method: c.method,
        target: c.target,
        headers: c.headers,
        ...(c.body ? { body: c.body } : {}),
        ...(c.chunked ? { chunked: c.chunked } : {}),
      },
      timeoutMs,
    );
    await new Promise((r) => setTimeout(r, 60));
    const log = server.log.slice(from).map((l) => l.text.replace(/^\[app \d+\] /, ""));
    f.log = log.slice(0, 40);
    f.signature = signatureOf(log, res);
    if (!byKey.has(key) && res.status !== null && res.status >= 500) byKey.set(key, f.signature);
  }
  const kinds = new Map<string, { signature: string; count: number; example: Finding }>();
  for (const [i, c] of cases.entries()) {
    const f = findings[i]!;
    f.signature ??=
      byKey.get(keyOf(c, f)) ?? `(not replayed) ${signatureOf(f.log, { status: f.status, preview: f.answer })}`;
    const kind = kinds.get(f.signature) ?? { signature: f.signature, count: 0, example: f };
    kind.count++;
    kinds.set(f.signature, kind);
  }
  return [...kinds.values()].sort((a, b) => b.count - a.count);
}

/**
 * What kind of failure a log excerpt shows: the error's first line with quoted text and numbers
 * blanked (so one bug is one kind), plus the first stack frame in our own code; or, when nothing
 * was logged, the answer's first words.
 */
export function signatureOf(log: string[], res: { status: number | null; preview: string }): string {
  const at = log.findIndex((l) => /error|⨯|exception/i.test(l));
  if (at < 0) {
    if (res.status === null || res.status < 500) return `HTTP ${res.status ?? "none"} when sent alone`;
    return `HTTP ${res.status}, nothing logged, answer: ${res.preview.replace(/\s+/g, " ").slice(0, 80)}`;
  }
  const message = log[at]!.replace(/^⨯ /, "")
    .replace(/Received: .*/, "Received: …")
    .replace(/"[^"]*"(\.\.\.)?|'[^']*'/g, "…")
    .replace(/\d+/g, "N")
    .trim();
  const frame = log
    .slice(at + 1, at + 8)
    .map((l) => /\(((?:lib|app|scripts|components)\/[^)]+)\)/.exec(l)?.[1])
    .find(Boolean);
  return `${message.slice(0, 140)}${frame ? ` at ${frame}` : ""}`;
}

/** The closing lines: a summary and the BENCH line. */
export function summarize(r: FuzzResult): string[] {
  const lines = [
    `[fuzz] seed ${r.seed}: ${r.requests} requests in ${r.durationS} s (${r.requestsPerS}/s)`,
    `[fuzz] by class: ${Object.entries(r.byClass)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    `[fuzz] by status: ${Object.entries(r.byStatus)
      .sort()
      .map(([k, v]) => `${k}×${v}`)
      .join(" ")}`,
    `[fuzz] routes × methods reached: ${Object.keys(r.coverage).length}`,
    `[fuzz] ≥500: ${r.serverErrors.length}; hangs: ${r.hangs.length}; 2xx to signed-out staff-route requests: ${r.wayIn.length}; no answer (connection closed): ${r.noAnswer.count}`,
    `[fuzz] ledger: ${r.ledger.differences.length ? r.ledger.differences.join("; ") : "unchanged"}; QFPay transactions ${r.qfpayTransactions.before} → ${r.qfpayTransactions.after}`,
    `[fuzz] server RSS: start ${r.rss.startMb} MB, peak ${r.rss.peakMb} MB, end ${r.rss.endMb} MB (${r.rss.samples} samples); healthy after: ${r.healthyAfter}`,
  ];
  for (const k of r.serverErrorKinds) {
    const f = k.example;
    lines.push(
      `[fuzz] ≥500 ×${k.count}: ${k.signature}\n         e.g. #${f.index} ${f.caller} ${f.method} ${short(f.target, 120)} → ${f.status} [${f.tricks.join("; ")}]`,
    );
  }
  for (const f of r.hangs.slice(0, 10))
    lines.push(`[fuzz] hang #${f.index}: ${f.caller} ${f.method} ${short(f.target, 120)} [${f.tricks.join("; ")}]`);
  for (const f of r.acceptedWrites.slice(0, 10))
    lines.push(
      `[fuzz] accepted write #${f.index}: ${f.caller} ${f.method} ${short(f.target, 120)} → ${f.status} body ${short(f.body, 120)}`,
    );
  for (const f of r.wayIn.slice(0, 10))
    lines.push(
      `[fuzz] way in #${f.index}: ${f.caller} ${f.method} ${short(f.target, 120)} → ${f.status} [${f.tricks.join("; ")}]`,
    );
  lines.push(r.failures.length ? `[fuzz] FAILED: ${r.failures.join("; ")}` : "[fuzz] passed");
  const bench = {
    seed: r.seed,
    requests: r.requests,
    durationS: r.durationS,
    requestsPerS: r.requestsPerS,
    byClass: r.byClass,
    serverErrors: r.serverErrors.length,
    hangs: r.hangs.length,
    ledgerUnchanged: r.ledger.differences.length === 0,
    rssMb: { start: r.rss.startMb, peak: r.rss.peakMb, end: r.rss.endMb },
  };
  lines.push(`BENCH fuzz ${JSON.stringify(bench)}`);
  return lines;
}

export function writeReport(r: FuzzResult, name: string, server: SecurityServer): string {
  const dir = path.join(repoRoot, "tests", ".artifacts", "security");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(r, null, 2));
  writeFileSync(
    path.join(dir, `${name}-server.log`),
    server.log.map((l) => `${new Date(l.at).toISOString()} ${l.text}`).join("\n"),
  );
  return file;
}

function parseArgs(argv: string[]): FuzzOptions & { appHeapMb?: number } {
  const get = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const onlyCase = get("case");
  return {
    requests: Number(get("requests") ?? 10_000),
    seed: Number(get("seed") ?? Date.now() % 100_000),
    concurrency: Number(get("concurrency") ?? 4),
    timeoutMs: Number(get("timeout-ms") ?? 20_000),
    rssLimitMb: Number(get("rss-limit-mb") ?? 300),
    ...(onlyCase !== undefined ? { onlyCase: Number(onlyCase) } : {}),
    ...(get("app-heap-mb") ? { appHeapMb: Number(get("app-heap-mb")) } : {}),
  };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  console.log(
    `[fuzz] ${opts.onlyCase !== undefined ? `case ${opts.onlyCase} of` : `${opts.requests} requests,`} seed ${opts.seed}, concurrency ${opts.concurrency}`,
  );
  if (!buildIfNeeded(process.env)) throw new Error("build failed");
  const heap = opts.appHeapMb
    ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${opts.appHeapMb}`.trim() }
    : undefined;
  if (heap) console.log(`[fuzz] app started with ${heap.NODE_OPTIONS}`);
  const server = await startSecurityServer("fuzz", heap);
  let result: FuzzResult;
  try {
    result = await runFuzz(server, opts, (line) => console.log(line));
    console.log(`[fuzz] report: ${path.relative(repoRoot, writeReport(result, "fuzz-long", server))}`);
  } finally {
    await server.stop();
  }
  if (opts.onlyCase !== undefined)
    console.log(JSON.stringify({ ...result.serverErrors[0], ...result.hangs[0] }, null, 2));
  for (const line of summarize(result)) console.log(line);
  process.exit(result.failures.length ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
