/**
 * Reads the audit trail (issue 9): newest first, filtered, a page at a time by id (an autoincrement
 * id follows insertion order, so `before` pages never skip or repeat a row as new ones arrive).
 */
import type { Kysely, SelectQueryBuilder } from "kysely";
import type { AuditEventRow, Database } from "@/lib/db/schema";
import type { AuditFilter, AuditPage } from "./filter";
import type { AuditEventView, AuditList } from "@/lib/contract/audit";

type AuditQuery = SelectQueryBuilder<Database, "audit_events", AuditEventRow>;

function filtered(db: Kysely<Database>, filter: AuditFilter): AuditQuery {
  let query = db.selectFrom("audit_events").selectAll();
  if (filter.fromAt) query = query.where("at", ">=", filter.fromAt);
  if (filter.toAt) query = query.where("at", "<", filter.toAt);
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.actor) query = query.where("actor_username", "=", filter.actor);
  if (filter.outcome) query = query.where("outcome", "=", filter.outcome);
  return query;
}

export async function listAuditEvents(db: Kysely<Database>, filter: AuditFilter, page: AuditPage): Promise<AuditList> {
  let query = filtered(db, filter);
  if (page.before) query = query.where("id", "<", page.before);
  const rows = await query
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
  const events = rows.slice(0, page.limit).map(toView);
  return { events, nextBefore: rows.length > page.limit ? events[events.length - 1]!.id : null };
}

/** At most `cap` rows for the export, newest first, and whether there were more. */
export async function auditEventsForExport(
  db: Kysely<Database>,
  filter: AuditFilter,
  cap: number,
): Promise<{ events: AuditEventView[]; truncated: boolean }> {
  const rows = await filtered(db, filter)
    .orderBy("id", "desc")
    .limit(cap + 1)
    .execute();
  return { events: rows.slice(0, cap).map(toView), truncated: rows.length > cap };
}

function toView(row: AuditEventRow): AuditEventView {
  return {
    id: Number(row.id),
    at: row.at,
    action: row.action,
    outcome: row.outcome,
    actor: row.actor_username,
    approver: row.approver_username,
    subject: row.subject,
    deviceId: row.device_id,
    address: row.address,
    detail: parseDetail(row.detail),
  };
}

function parseDetail(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    // recordAudit cuts detail at 2,000 characters: show the text rather than lose it.
    return { text };
  }
}
