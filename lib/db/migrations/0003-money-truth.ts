import type { Kysely, Migration } from "kysely";
import type { DialectName } from "./index";

/**
 * Issue 8: what QFPay told us about each payment (wallet reference, times, resolved pay_type),
 * why a payment needs a manager, proof of a cancel, and the day's reconciliations.
 */
export function moneyTruth(dialect: DialectName): Migration {
  const autoId = dialect === "postgres" ? "bigserial" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      for (const name of [
        "chnlsn",
        "sysdtm",
        "paydtm",
        "cardcd",
        "qfpay_pay_type",
        "tentative_failure_kind",
        "cancel_done_at",
        "cancel_stopped_at",
        "last_cancel_result",
        "attention_kind",
        "attention_at",
      ]) {
        await db.schema.alterTable("payments").addColumn(name, "text").execute();
      }
      await db.schema.alterTable("refunds").addColumn("attention_at", "text").execute();
      // Payments and refunds already waiting for a manager start their late checks now.
      const now = new Date().toISOString();
      for (const table of ["payments", "refunds"]) {
        await (db as Kysely<Record<string, Record<string, unknown>>>)
          .updateTable(table)
          .set({
            attention_at: now,
            next_check_at: now,
            ...(table === "payments" ? { attention_kind: "unsettled" } : {}),
          })
          .where("status", "=", "needs_attention")
          .execute();
      }

      await db.schema
        .createTable("reconciliations")
        .addColumn("id", autoId, (c) => (dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("business_date", "text", (c) => c.notNull())
        /** "auto:<date>" for the daily run (unique: one instance runs it), null for manual runs. */
        .addColumn("auto_key", "text", (c) => c.unique())
        .addColumn("trigger", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("finished_at", "text")
        .addColumn("difference_count", "integer")
        .addColumn("result_json", "text")
        .addColumn("error", "text")
        .execute();
      await db.schema
        .createIndex("reconciliations_date")
        .on("reconciliations")
        .columns(["business_date", "started_at"])
        .execute();
    },
  };
}
