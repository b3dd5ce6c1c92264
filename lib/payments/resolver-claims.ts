/**
 * Leases on ledger rows for the resolver: a row is worked by one instance at a time. On
 * PostgreSQL the candidate rows are locked with FOR UPDATE SKIP LOCKED, so two app instances
 * claim disjoint sets; on SQLite the single writer makes the claiming UPDATE atomic. A lease
 * that is never released (the instance died) expires and the row is claimed again.
 */
import "server-only";
import { hostname } from "node:os";
import { getDb, getDialect } from "@/lib/db";
import { env } from "@/lib/env";
import type { ExpressionBuilder } from "kysely";
import type { Database, PaymentRow, RefundRow } from "@/lib/db/schema";

/** How long a resolver instance holds the ledger rows it claimed; a dead instance's rows are claimed again after this. */
export const RESOLVER_LEASE_MS = 30_000;
export const CLAIM_BATCH = 100;

const iso = (d: Date) => d.toISOString();

/**
 * This instance, as a lease owner: host and port, which only one live process can hold at a time.
 * So an instance restarted after a crash takes its own leases back at once instead of waiting
 * for them to expire; each instance on one host needs its own PORT.
 */
export const INSTANCE_ID = `${hostname()}:${env.PORT}`;

/** Rows this process is working right now: its own leases are reclaimable only when not in here. */
const inFlight = new Set<string>();

/**
 * Keeps the claimed rows no other claimer in this process got first (two claims may interleave
 * across their awaits), and marks them worked. The caller must `releaseClaims` them.
 */
function takeClaims<T extends { out_trade_no: string }>(rows: T[]): T[] {
  const mine = rows.filter((r) => !inFlight.has(r.out_trade_no));
  for (const r of mine) inFlight.add(r.out_trade_no);
  return mine;
}

export function releaseClaims(rows: ReadonlyArray<{ out_trade_no: string }>): void {
  for (const r of rows) inFlight.delete(r.out_trade_no);
}

/**
 * Leases due rows of `table` to `owner`, oldest first. Payments and refunds share the columns this
 * reads (status, sent_at, next_check_at, lease_until, lease_owner, created_at), so one query
 * serves both; it is typed as payments and the refunds' caller casts back.
 */
async function claimDue(table: "payments" | "refunds", owner: string, now: Date, only?: string): Promise<PaymentRow[]> {
  const db = await getDb();
  const postgres = (await getDialect()) === "postgres";
  const at = iso(now);
  const t = table as "payments";
  const leaseFree = (eb: ExpressionBuilder<Database, "payments">) =>
    eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at), eb("lease_owner", "=", owner)]);
  const claimed = await db.transaction().execute(async (trx) => {
    const candidates = await trx
      .selectFrom(t)
      .select("out_trade_no")
      .where("sent_at", "is not", null)
      // Pending rows are due unless scheduled later; rows that need a manager, and payments closed
      // as failed/cancelled on QFPay's row, only while their late checks run (next_check_at set:
      // issue 8, a late success is always caught). Refunds are never failed/cancelled-with-checks.
      .where((eb) =>
        eb.or([
          eb.and([
            eb("status", "=", "pending"),
            eb.or([eb("next_check_at", "is", null), eb("next_check_at", "<=", at)]),
          ]),
          eb.and([eb("status", "in", ["needs_attention", "failed", "cancelled"]), eb("next_check_at", "<=", at)]),
        ]),
      )
      .where(leaseFree)
      .$if(inFlight.size > 0, (q) => q.where("out_trade_no", "not in", [...inFlight]))
      .$if(only !== undefined, (q) => q.where("out_trade_no", "=", only!))
      // Payments still in the till's hands first: after an outage, late checks of old rows must not
      // keep today's customers waiting.
      .orderBy((eb) => eb.case().when("status", "=", "pending").then(0).else(1).end())
      .orderBy("created_at")
      .limit(CLAIM_BATCH)
      .$if(postgres, (q) => q.forUpdate().skipLocked())
      .execute();
    if (candidates.length === 0) return [];
    return trx
      .updateTable(t)
      .set({ lease_until: iso(new Date(now.getTime() + RESOLVER_LEASE_MS)), lease_owner: owner })
      .where(
        "out_trade_no",
        "in",
        candidates.map((c) => c.out_trade_no),
      )
      .where(leaseFree)
      .returningAll()
      .execute();
  });
  return takeClaims(claimed);
}

/** Due pending payments and due late checks of those that need a manager, leased to `owner`; `only` restricts to one payment. Release them after. */
export function claimDuePayments(owner: string, now: Date, only?: string): Promise<PaymentRow[]> {
  return claimDue("payments", owner, now, only);
}

/** Due pending refunds and due late checks of those that need a manager, leased to `owner`. Release them after. */
export async function claimDueRefunds(owner: string, now: Date): Promise<RefundRow[]> {
  return (await claimDue("refunds", owner, now)) as unknown as RefundRow[];
}

/** Payments (or refunds) created but never sent (the server stopped between writing and sending), past `olderThan`. */
export async function findUnsentPayments(
  olderThan: Date,
  table: "payments" | "refunds" = "payments",
): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom(table as "payments")
    .select("out_trade_no")
    .where("status", "=", "pending")
    .where("sent_at", "is", null)
    .where("created_at", "<", iso(olderThan))
    .limit(CLAIM_BATCH)
    .execute();
  return rows.map((r) => r.out_trade_no);
}
