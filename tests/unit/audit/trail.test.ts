/**
 * Reading the audit trail (issue 9): the filters as the API reads them (merchant days, ISO times,
 * action, actor, outcome), paging newest first by id, the export's rows and file name.
 *
 * Also runs on PostgreSQL (TEST_DATABASE_URL): this file gets a database of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { exportFileName, parseAuditFilter, parseAuditPage } from "@/lib/audit/filter";
import { AppError } from "@/lib/errors";
import { setUpLedger, type LedgerHarness } from "../../support/ledger-harness";

const HK = "Asia/Hong_Kong";
const params = (q: string) => new URLSearchParams(q);

function badRequest(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid_request") return error.message;
    throw error;
  }
  throw new Error("expected a 400");
}

describe("audit filters", () => {
  it("reads a merchant day as its bounds in POS_TIME_ZONE, a `to` day including the whole day", () => {
    expect(parseAuditFilter(params("from=2026-03-01&to=2026-03-01"), HK)).toEqual({
      fromAt: "2026-02-28T16:00:00.000Z",
      toAt: "2026-03-01T16:00:00.000Z",
    });
    expect(parseAuditFilter(params("from=2026-03-01T09:30:00%2B08:00&to=2026-03-01T12:00:00Z"), HK)).toEqual({
      fromAt: "2026-03-01T01:30:00.000Z",
      toAt: "2026-03-01T12:00:00.000Z",
    });
  });

  it("reads action, actor and outcome; empty values are no filter", () => {
    expect(parseAuditFilter(params("action=staff_add&actor=Owner&outcome=refused&from="), HK)).toEqual({
      action: "staff_add",
      actor: "owner",
      outcome: "refused",
    });
    expect(parseAuditFilter(params("actor=cli:root"), HK)).toEqual({ actor: "cli:root" });
  });

  it("refuses what it cannot read with a 400 that says what to send", () => {
    expect(badRequest(() => parseAuditFilter(params("from=2026-02-30"), HK))).toMatch(/from must be a day/);
    expect(badRequest(() => parseAuditFilter(params("to=yesterday"), HK))).toMatch(/to must be a day/);
    expect(badRequest(() => parseAuditFilter(params("from=2026-03-01T09:30:00"), HK))).toMatch(/with its zone/);
    expect(badRequest(() => parseAuditFilter(params("from=2026-03-02&to=2026-03-01"), HK))).toMatch(/before/);
    expect(badRequest(() => parseAuditFilter(params("action=drop_tables"), HK))).toMatch(/action/);
    expect(badRequest(() => parseAuditFilter(params("outcome=maybe"), HK))).toMatch(/outcome/);
    expect(badRequest(() => parseAuditFilter(params(`actor=${"x".repeat(80)}`), HK))).toMatch(/actor/);
    expect(badRequest(() => parseAuditPage(params("limit=201")))).toMatch(/limit/);
    expect(badRequest(() => parseAuditPage(params("limit=0")))).toMatch(/limit/);
    expect(badRequest(() => parseAuditPage(params("before=-1")))).toMatch(/before/);
    expect(badRequest(() => parseAuditPage(params("before=1e3")))).toMatch(/before/);
    expect(parseAuditPage(params("limit=200&before=17"))).toEqual({ limit: 200, before: 17 });
    expect(parseAuditPage(params(""))).toEqual({ limit: 50 });
  });

  it("names the export after the merchant days it covers", () => {
    const now = new Date("2026-03-05T20:00:00Z"); // 04:00 on 6 March in Hong Kong
    expect(exportFileName(parseAuditFilter(params("from=2026-03-01&to=2026-03-03"), HK), now, HK)).toBe(
      "scantill-audit-2026-03-01-2026-03-03.csv",
    );
    expect(exportFileName({}, now, HK)).toBe("scantill-audit-start-2026-03-06.csv");
  });
});

describe(`the audit trail on ${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"}`, () => {
  let harness: LedgerHarness;
  let db: Kysely<Database>;
  let q: typeof import("@/lib/audit/query");
  let record: typeof import("@/lib/audit/record");
  let exp: typeof import("@/lib/audit/export");

  beforeAll(async () => {
    harness = await setUpLedger();
    db = await (await import("@/lib/db")).getDb();
    q = await import("@/lib/audit/query");
    record = await import("@/lib/audit/record");
    exp = await import("@/lib/audit/export");
    // 1 March and 2 March in Hong Kong (UTC+8), one refused sign-in among them.
    await record.recordAudit(db, {
      action: "sign_in",
      actor: { id: "u1", username: "anna" },
      address: "10.0.0.1",
      at: "2026-02-28T16:30:00.000Z",
    });
    await record.recordAudit(db, {
      action: "sign_in",
      outcome: "refused",
      actor: { username: "=cmd|' /C calc'!A0" },
      detail: { reason: "wrong_credentials" },
      at: "2026-03-01T03:00:00.000Z",
    });
    await record.recordAudit(db, {
      action: "staff_add",
      actor: { id: "u2", username: "boss" },
      subject: "anna",
      detail: { role: "cashier", pin: true },
      at: "2026-03-01T15:59:59.000Z",
    });
    await record.recordAudit(db, {
      action: "staff_disable",
      actor: { id: "u2", username: "boss" },
      subject: "anna",
      at: "2026-03-01T16:00:00.000Z",
    });
    await record.recordAudit(db, {
      action: "sign_out",
      actor: { id: "u2", username: "boss" },
      at: "2026-03-02T05:00:00.000Z",
    });
  });
  afterAll(async () => harness?.close());

  const list = (query: string, page = "") =>
    q.listAuditEvents(db, parseAuditFilter(params(query), HK), parseAuditPage(params(page)));

  it("filters by merchant day, action, actor and outcome, newest first", async () => {
    expect((await list("from=2026-03-01&to=2026-03-01")).events.map((e) => e.action)).toEqual([
      "staff_add",
      "sign_in",
      "sign_in",
    ]);
    expect((await list("from=2026-03-02")).events.map((e) => e.action)).toEqual(["sign_out", "staff_disable"]);
    expect((await list("actor=boss&action=staff_add")).events).toEqual([
      expect.objectContaining({
        action: "staff_add",
        outcome: "ok",
        actor: "boss",
        subject: "anna",
        detail: { role: "cashier", pin: true },
      }),
    ]);
    expect((await list("outcome=refused")).events).toEqual([
      expect.objectContaining({ action: "sign_in", detail: { reason: "wrong_credentials" } }),
    ]);
  });

  it("pages by id with `before`, never repeating or skipping a row", async () => {
    const first = await list("", "limit=2");
    expect(first.events.map((e) => e.action)).toEqual(["sign_out", "staff_disable"]);
    expect(first.nextBefore).toBe(first.events[1]!.id);
    const second = await list("", `limit=2&before=${first.nextBefore}`);
    expect(second.events.map((e) => e.action)).toEqual(["staff_add", "sign_in"]);
    const third = await list("", `limit=2&before=${second.nextBefore}`);
    expect(third.events.map((e) => e.action)).toEqual(["sign_in"]);
    expect(third.nextBefore).toBeNull();
  });

  it("exports the filtered rows as CSV, capped, with formula cells neutralised and Chinese headers", async () => {
    const all = await q.auditEventsForExport(db, {}, 3);
    expect(all.truncated).toBe(true);
    expect(all.events).toHaveLength(3);
    const { events, truncated } = await q.auditEventsForExport(
      db,
      parseAuditFilter(params("from=2026-03-01&to=2026-03-01"), HK),
      50_000,
    );
    expect(truncated).toBe(false);
    const csv = exp.auditCsv(events, "zh-HK", HK);
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "編號,時間（Asia/Hong_Kong）,時間（UTC）,操作代碼,操作,結果,執行者,批准者,對象,裝置,網絡位址,詳情",
    );
    expect(lines[1]).toMatch(
      /^\d+,2026-03-01 23:59:59,2026-03-01T15:59:59.000Z,staff_add,新增員工,已完成,boss,,anna,,,"{""role"":""cashier"",""pin"":true}"$/,
    );
    expect(lines[2]).toContain(",'=cmd|' /C calc'!A0,");
    expect(lines[2]).toContain(",以密碼登入,已拒絕,");
    expect(lines[3]).toMatch(/^\d+,2026-03-01 00:30:00,/);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe("");
    expect(exp.auditCsv(events, "en", HK).split("\r\n")[0]).toBe(
      "\uFEFFId,Time (Asia/Hong_Kong),Time (UTC),Action code,Action,Outcome,Who,Approved by,About,Device,Address,Details",
    );
  });
});
