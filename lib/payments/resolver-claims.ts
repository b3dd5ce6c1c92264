/**
 * Leases on ledger rows for the resolver: a row is worked by one instance at a time. On
 * PostgreSQL the candidate rows are locked with FOR UPDATE SKIP LOCKED, so two app instances
 * claim disjoint sets; on SQLite the single writer makes the claiming UPDATE atomic. A lease
 * that is never released (the instance died) expires and the row is claimed again.
 */
import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { getDb, getDialect } from "@/lib/db";
import type { PaymentRow, RefundRow } from "@/lib/db/schema";

export const LEASE_MS = 30_000;
export const CLAIM_BATCH = 100;

/** This process, as a lease owner. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

const iso = (d: Date) => d.toISOString();

/** Due pending payments (oldest first), leased to `owner`. `only` restricts to one payment. */
export async function claimDuePayments(owner: string, now: Date, only?: string): Promise<PaymentRow[]> {
  const db = await getDb();
  const postgres = (await getDialect()) === "postgres";
  const at = iso(now);
  return db.transaction().execute(async (trx) => {
    const candidates = await trx
      .selectFrom("payments")
      .select("out_trade_no")
      .where("status", "=", "pending")
      .where("sent_at", "is not", null)
      .where((eb) => eb.or([eb("next_check_at", "is", null), eb("next_check_at", "<=", at)]))
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
      .$if(only !== undefined, (q) => q.where("out_trade_no", "=", only!))
      .orderBy("created_at")
      .limit(CLAIM_BATCH)
      .$if(postgres, (q) => q.forUpdate().skipLocked())
      .execute();
    if (candidates.length === 0) return [];
    return trx
      .updateTable("payments")
      .set({ lease_until: iso(new Date(now.getTime() + LEASE_MS)), lease_owner: owner })
      .where("out_trade_no", "in", candidates.map((c) => c.out_trade_no))
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
      .returningAll()
      .execute();
  });
}

/** Due pending refunds, leased to `owner`. */
export async function claimDueRefunds(owner: string, now: Date): Promise<RefundRow[]> {
  const db = await getDb();
  const postgres = (await getDialect()) === "postgres";
  const at = iso(now);
  return db.transaction().execute(async (trx) => {
    const candidates = await trx
      .selectFrom("refunds")
      .select("out_trade_no")
      .where("status", "=", "pending")
      .where("sent_at", "is not", null)
      .where((eb) => eb.or([eb("next_check_at", "is", null), eb("next_check_at", "<=", at)]))
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
      .orderBy("created_at")
      .limit(CLAIM_BATCH)
      .$if(postgres, (q) => q.forUpdate().skipLocked())
      .execute();
    if (candidates.length === 0) return [];
    return trx
      .updateTable("refunds")
      .set({ lease_until: iso(new Date(now.getTime() + LEASE_MS)), lease_owner: owner })
      .where("out_trade_no", "in", candidates.map((c) => c.out_trade_no))
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
      .returningAll()
      .execute();
  });
}

/** Payments created but never sent (the server stopped between writing and sending), past `olderThan`. */
export async function findUnsentPayments(olderThan: Date): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom("payments")
    .select("out_trade_no")
    .where("status", "=", "pending")
    .where("sent_at", "is", null)
    .where("created_at", "<", iso(olderThan))
    .limit(CLAIM_BATCH)
    .execute();
  return rows.map((r) => r.out_trade_no);
}
