/**
 * The audit trail as `GET /api/audit` shows it (issue 9), a page at a time, newest first. Its query
 * (`from`, `to`, `action`, `actor`, `outcome`, `before`, `limit`) is read by lib/audit/filter.ts,
 * which needs the merchant's time zone to turn days into instants.
 */
import * as z from "zod/mini";
import { AUDIT_OUTCOMES, type AuditAction } from "@/lib/audit/actions";

/** One audit row. */
const auditEventView = z.object({
  id: z.number(),
  /** ISO-8601 UTC. */
  at: z.string(),
  /** A known action, or one an older build wrote (`string & {}` keeps the known names offered). */
  action: z.custom<AuditAction | (string & {})>((value) => typeof value === "string"),
  outcome: z.enum(AUDIT_OUTCOMES),
  actor: z.nullable(z.string()),
  approver: z.nullable(z.string()),
  subject: z.nullable(z.string()),
  deviceId: z.nullable(z.string()),
  address: z.nullable(z.string()),
  detail: z.nullable(z.record(z.string(), z.unknown())),
});
export type AuditEventView = z.infer<typeof auditEventView>;

/** JSON of `GET /api/audit`. */
export const auditList = z.object({
  events: z.array(auditEventView),
  /** Pass as `before` for the next (older) page; null when this page is the last. */
  nextBefore: z.catch(z.nullable(z.number()), null),
});
export type AuditList = z.infer<typeof auditList>;
