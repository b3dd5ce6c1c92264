/**
 * Writes audit rows: who did what (docs/architecture.md §2.1). A person's action on a payment or a
 * refund comes here through the ledger's audited write (lib/db/audited-write.ts), in the transaction
 * of the change it made; an action that changes no ledger row (a sign-in, a staff change, an
 * approval, a reconciliation run) calls `recordAudit` itself. Takes a Kysely handle or a transaction,
 * so the admin CLI can use its own connection.
 *
 * Never put a password, PIN, payment code or key in `detail`.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { AuditAction, AuditOutcome } from "./actions";

export type AuditInput = {
  action: AuditAction;
  outcome?: AuditOutcome;
  /** Who did it; null for the system or an unknown user (a failed sign-in names only the username tried). */
  actor?: { id?: string | null; username: string } | null;
  approver?: string | null;
  subject?: string | null;
  deviceId?: string | null;
  address?: string | null;
  detail?: Record<string, string | number | boolean | null>;
  at?: string;
};

export async function recordAudit(db: Kysely<Database> | Transaction<Database>, input: AuditInput): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      at: input.at ?? new Date().toISOString(),
      action: input.action,
      outcome: input.outcome ?? "ok",
      actor_id: input.actor?.id ?? null,
      actor_username: input.actor?.username.slice(0, 64) ?? null,
      approver_username: input.approver ?? null,
      subject: input.subject?.slice(0, 128) ?? null,
      device_id: input.deviceId ?? null,
      address: input.address?.slice(0, 64) ?? null,
      detail: input.detail ? JSON.stringify(input.detail).slice(0, 2000) : null,
    })
    .execute();
}
