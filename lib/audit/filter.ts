/**
 * The audit screen's and the export's filters, read from a query string (issue 9). Pure (no I/O):
 * the route handlers, the tests and the CSV's file name share it.
 *
 * `from` and `to` are a merchant business day `YYYY-MM-DD` (POS_TIME_ZONE, as the Reconcile screen
 * counts days: lib/reconcile/dates.ts) or an ISO-8601 instant with its zone. A day as `to` includes
 * that whole day. Bad values are 400s with a sentence saying what to send.
 */
import { AppError } from "@/lib/errors";
import { isCalendarDate, merchantDate, merchantDayBounds } from "@/lib/qfpay/time";
import { isAuditAction, type AuditAction, type AuditOutcome } from "./actions";

const AUDIT_PAGE_DEFAULT = 50;
const AUDIT_PAGE_MAX = 200;

export type AuditFilter = {
  /** Inclusive lower bound, ISO-8601 UTC. */
  fromAt?: string;
  /** Exclusive upper bound, ISO-8601 UTC. */
  toAt?: string;
  action?: AuditAction;
  actor?: string;
  outcome?: AuditOutcome;
};

export type AuditPage = { before?: number; limit: number };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Usernames, and the CLI's `cli:<os user>`. */
const ACTOR_PATTERN = /^[a-z0-9][a-z0-9._:@-]{0,63}$/;

function bad(message: string): never {
  throw new AppError("invalid_filter", message);
}

function instant(name: "from" | "to", value: string, timeZone: string): string {
  if (isCalendarDate(value)) {
    const bounds = merchantDayBounds(value, timeZone);
    return (name === "from" ? bounds.from : bounds.to).toISOString();
  }
  const date = ISO_INSTANT.test(value) ? new Date(value) : null;
  if (!date || !Number.isFinite(date.getTime()))
    bad(`${name} must be a day (YYYY-MM-DD) or an ISO-8601 time with its zone, e.g. 2026-01-31T09:30:00Z`);
  return date.toISOString();
}

function optional(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value.trim() === "" ? undefined : value.trim();
}

export function parseAuditFilter(params: URLSearchParams, timeZone: string): AuditFilter {
  const filter: AuditFilter = {};
  const from = optional(params, "from");
  const to = optional(params, "to");
  if (from) filter.fromAt = instant("from", from, timeZone);
  if (to) filter.toAt = instant("to", to, timeZone);
  if (filter.fromAt && filter.toAt && filter.fromAt >= filter.toAt) bad("from must be before to");
  const action = optional(params, "action");
  if (action !== undefined) {
    if (!isAuditAction(action)) bad(`action must be one of the audit actions, e.g. sign_in or staff_add`);
    filter.action = action;
  }
  const actor = optional(params, "actor")?.toLowerCase();
  if (actor !== undefined) {
    if (!ACTOR_PATTERN.test(actor)) bad("actor must be a username");
    filter.actor = actor;
  }
  const outcome = optional(params, "outcome");
  if (outcome !== undefined) {
    if (outcome !== "ok" && outcome !== "refused") bad('outcome must be "ok" or "refused"');
    filter.outcome = outcome;
  }
  return filter;
}

export function parseAuditPage(params: URLSearchParams): AuditPage {
  const page: AuditPage = { limit: AUDIT_PAGE_DEFAULT };
  const limit = optional(params, "limit");
  if (limit !== undefined) {
    if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > AUDIT_PAGE_MAX)
      bad(`limit must be a whole number from 1 to ${AUDIT_PAGE_MAX}`);
    page.limit = Number(limit);
  }
  const before = optional(params, "before");
  if (before !== undefined) {
    if (!/^\d{1,15}$/.test(before) || Number(before) < 1)
      bad("before must be an audit row id (a positive whole number)");
    page.before = Number(before);
  }
  return page;
}

/** `scantill-audit-<from>-<to>.csv`: the days the export covers, in merchant time. */
export function exportFileName(filter: AuditFilter, now: Date, timeZone: string): string {
  const from = filter.fromAt ? merchantDate(new Date(filter.fromAt), timeZone) : "start";
  // The upper bound is exclusive: the last day covered is the one a millisecond before it.
  const to = merchantDate(filter.toAt ? new Date(new Date(filter.toAt).getTime() - 1) : now, timeZone);
  return `scantill-audit-${from}-${to}.csv`;
}
