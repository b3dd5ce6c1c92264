/**
 * Stored reconciliation runs (`reconciliations`, migration 0003): every run, whoever started it,
 * is written "running" first and finished "done" or "error" with its report. The daily run's row
 * carries a unique `auto_key`, so inserting it is the claim: of several app instances on one
 * database, exactly one runs the day (docs/architecture.md §8: several instances).
 */
import "server-only";
import { getDb } from "@/lib/db";
import type { Selectable } from "kysely";
import type { ReconciliationsTable } from "@/lib/db/schema";
import { autoKey } from "./dates";
import {
  RECONCILE_TRIGGERS,
  type ReconcileTrigger,
  type ReconciliationReport,
  type StoredReconciliation,
  type StoredRunStatus,
} from "@/lib/contract/reconcile";

/**
 * A daily run still "running" after this long died with its instance (a day is at most 500 pages
 * of 100 rows, about 2 minutes inside QFPay's 400 requests a minute, docs/qfpay.md §12): another may take it over.
 */
export const STALE_RUN_MS = 30 * 60_000;
/** A daily run that ended in error (QFPay did not answer) is tried again after this long. */
export const AUTO_RETRY_MS = 30 * 60_000;

type RunRow = Selectable<ReconciliationsTable>;

export async function insertRun(date: string, trigger: ReconcileTrigger, startedAt: Date): Promise<number> {
  const db = await getDb();
  const row = await db
    .insertInto("reconciliations")
    .values({
      business_date: date,
      auto_key: null,
      trigger,
      status: "running",
      started_at: startedAt.toISOString(),
      finished_at: null,
      difference_count: null,
      result_json: null,
      error: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Claims the daily run for `date`: the id of the row this instance now owns, or null when another
 * instance has it (running, done, or failed too recently to try again).
 */
export async function claimAutoRun(date: string, now: Date): Promise<number | null> {
  const db = await getDb();
  const at = now.toISOString();
  const inserted = await db
    .insertInto("reconciliations")
    .values({
      business_date: date,
      auto_key: autoKey(date),
      trigger: "auto",
      status: "running",
      started_at: at,
      finished_at: null,
      difference_count: null,
      result_json: null,
      error: null,
    })
    .onConflict((oc) => oc.column("auto_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return Number(inserted.id);

  const existing = await db
    .selectFrom("reconciliations")
    .selectAll()
    .where("auto_key", "=", autoKey(date))
    .executeTakeFirst();
  if (!existing) return null;
  const staleRunning =
    existing.status === "running" && existing.started_at < new Date(now.getTime() - STALE_RUN_MS).toISOString();
  const retryError =
    existing.status === "error" &&
    (existing.finished_at ?? existing.started_at) < new Date(now.getTime() - AUTO_RETRY_MS).toISOString();
  if (!staleRunning && !retryError) return null;
  // Compare-and-set on what we read: of two instances taking it over, one updates a row.
  const taken = await db
    .updateTable("reconciliations")
    .set({ status: "running", started_at: at, finished_at: null, error: null })
    .where("id", "=", existing.id)
    .where("status", "=", existing.status)
    .where("started_at", "=", existing.started_at)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1 ? Number(existing.id) : null;
}

export async function finishRun(id: number, report: ReconciliationReport): Promise<void> {
  const db = await getDb();
  await db
    .updateTable("reconciliations")
    .set({
      status: "done",
      finished_at: report.ranAt,
      difference_count: report.differences.length,
      result_json: JSON.stringify(report),
      error: null,
    })
    .where("id", "=", id)
    .execute();
}

export async function failRun(id: number, message: string, at: Date = new Date()): Promise<void> {
  const db = await getDb();
  await db
    .updateTable("reconciliations")
    .set({ status: "error", finished_at: at.toISOString(), error: message.slice(0, 2000) })
    .where("id", "=", id)
    .execute();
}

/** The most recently started run (of one trigger, when given), or null. */
export async function latestRun(trigger?: ReconcileTrigger): Promise<StoredReconciliation | null> {
  const db = await getDb();
  const row = await db
    .selectFrom("reconciliations")
    .selectAll()
    .$if(trigger !== undefined, (q) => q.where("trigger", "=", trigger!))
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? toStored(row) : null;
}

export async function findRun(id: number): Promise<StoredReconciliation | null> {
  const db = await getDb();
  const row = await db.selectFrom("reconciliations").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toStored(row) : null;
}

function toStored(row: RunRow): StoredReconciliation {
  let report: ReconciliationReport | null = null;
  if (row.result_json) {
    try {
      report = JSON.parse(row.result_json) as ReconciliationReport;
    } catch {
      report = null;
    }
  }
  return {
    id: Number(row.id),
    date: row.business_date,
    trigger: (RECONCILE_TRIGGERS as readonly string[]).includes(row.trigger)
      ? (row.trigger as ReconcileTrigger)
      : "manual",
    status: (["running", "done", "error"] as const).includes(row.status as StoredRunStatus)
      ? (row.status as StoredRunStatus)
      : "error",
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    differenceCount: row.difference_count === null ? null : Number(row.difference_count),
    error: row.error,
    report,
  };
}
