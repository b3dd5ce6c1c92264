import type { AuditAction, AuditOutcome } from "./actions";

/** One audit row as the API sends it (GET /api/audit). Pure types: the screen imports them. */
export type AuditEventView = {
  id: number;
  /** ISO-8601 UTC. */
  at: string;
  /** A known action, or one an older build wrote (`string & {}` keeps the known names offered). */
  action: AuditAction | (string & {});
  outcome: AuditOutcome;
  actor: string | null;
  approver: string | null;
  subject: string | null;
  deviceId: string | null;
  address: string | null;
  detail: Record<string, unknown> | null;
};

export type AuditListResponse = {
  events: AuditEventView[];
  /** Pass as `before` for the next (older) page; null when this page is the last. */
  nextBefore: number | null;
};
