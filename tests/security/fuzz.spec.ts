/**
 * The fuzz's short form in `npm test` (the long form: `npm run test:fuzz -- --requests 10000`).
 * One run, then one test per promise of issue 9, each failing with the requests that broke it.
 * SCANTILL_FUZZ_SEED replays a run; the seed is in the suite's name.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runFuzz, summarize, writeReport, type FuzzResult } from "./fuzz";
import { entryLabel } from "./expectation";
import { ROUTE_TABLE } from "./route-table";
import { startSecurityServer, type SecurityServer } from "./server-harness";

const REQUESTS = Number(process.env.SCANTILL_FUZZ_REQUESTS ?? 1_500);
const SEED = Number(process.env.SCANTILL_FUZZ_SEED ?? Date.now() % 100_000);
const RSS_LIMIT_MB = 300;

describe(`fuzz, short form: ${REQUESTS} requests, seed ${SEED}`, () => {
  let server: SecurityServer;
  let r: FuzzResult;

  beforeAll(async () => {
    server = await startSecurityServer("fuzz");
    r = await runFuzz(server, {
      requests: REQUESTS,
      seed: SEED,
      concurrency: 4,
      timeoutMs: 20_000,
      rssLimitMb: RSS_LIMIT_MB,
    });
    writeReport(r, "fuzz-short", server);
    console.log(summarize(r).join("\n"));
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
  });

  const replay = (i: number) => `(replay: npm run test:fuzz -- --seed ${SEED} --case ${i})`;

  test("no answer is 500 or above", () => {
    expect(
      r.serverErrorKinds.map(
        (k) =>
          `${k.count}× ${k.signature} — e.g. ${k.example.caller} ${k.example.method} ${k.example.target.slice(0, 150)} ${replay(k.example.index)}`,
      ),
    ).toEqual([]);
  });

  test("no request goes unanswered past its deadline", () => {
    expect(
      r.hangs.map((f) => `${f.caller} ${f.method} ${f.target.slice(0, 150)}: ${f.error} ${replay(f.index)}`),
    ).toEqual([]);
  });

  test("a signed-out or forged caller never gets a 2xx from a staff route", () => {
    expect(
      r.wayIn.map((f) => `${f.caller} ${f.method} ${f.target.slice(0, 150)} → ${f.status} ${replay(f.index)}`),
    ).toEqual([]);
  });

  test("rejected requests change nothing: the ledger is the same and nothing reached QFPay", () => {
    expect(r.ledger.differences).toEqual([]);
    expect(r.qfpayTransactions.after).toBe(r.qfpayTransactions.before);
  });

  test(`the server's memory stays bounded (peak ≤ start + ${RSS_LIMIT_MB} MB)`, () => {
    expect(r.rss.samples).toBeGreaterThan(1);
    expect(r.rss.peakMb).toBeLessThanOrEqual(r.rss.startMb + RSS_LIMIT_MB);
  });

  test("the server still answers afterwards", () => {
    expect(r.healthyAfter).toBe(true);
  });

  test("every row of the authorization table was fuzzed", () => {
    const reached = new Set(Object.keys(r.coverage).map((k) => k.split(" ")[0]));
    expect(ROUTE_TABLE.filter((e) => !reached.has(e.route)).map(entryLabel)).toEqual([]);
  });
});
