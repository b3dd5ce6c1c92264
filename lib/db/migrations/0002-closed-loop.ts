import type { Kysely, Migration } from "kysely";
import type { DialectName } from "./index";

/** Issue 3: the resolver's lease and phase on payments, refunds, and received notifications. */
export function closedLoop(dialect: DialectName): Migration {
  const autoId = dialect === "postgres" ? "bigserial" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      for (const [name, type] of [
        ["lease_until", "text"],
        ["lease_owner", "text"],
        ["resolve_phase", "text"],
        ["cancel_requested_at", "text"],
        ["cancel_attempts", "integer"],
        ["attention_reason", "text"],
      ] as const) {
        await db.schema
          .alterTable("payments")
          .addColumn(name, type, (c) => (name === "cancel_attempts" ? c.notNull().defaultTo(0) : c))
          .execute();
      }

      await db.schema
        .createTable("refunds")
        .addColumn("out_trade_no", "text", (c) => c.primaryKey())
        .addColumn("payment_out_trade_no", "text", (c) => c.notNull().references("payments.out_trade_no"))
        .addColumn("amount", "integer", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("failure_reason", "text")
        .addColumn("respcd", "text")
        .addColumn("message", "text")
        .addColumn("syssn", "text")
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addColumn("answered_at", "text")
        .addColumn("next_check_at", "text")
        .addColumn("check_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("lease_until", "text")
        .addColumn("lease_owner", "text")
        .addColumn("attention_reason", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("refunds_payment").on("refunds").column("payment_out_trade_no").execute();
      await db.schema
        .createIndex("refunds_status_next_check")
        .on("refunds")
        .columns(["status", "next_check_at"])
        .execute();

      await db.schema
        .createTable("refund_events")
        .addColumn("id", autoId, (c) => (dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("refund_out_trade_no", "text", (c) => c.notNull().references("refunds.out_trade_no"))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("from_status", "text")
        .addColumn("to_status", "text", (c) => c.notNull())
        .addColumn("respcd", "text")
        .addColumn("note", "text")
        .execute();

      await db.schema
        .createTable("notifications")
        .addColumn("id", autoId, (c) => (dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("body_sha256", "text", (c) => c.notNull().unique())
        .addColumn("received_at", "text", (c) => c.notNull())
        .addColumn("notify_type", "text")
        .addColumn("out_trade_no", "text")
        .addColumn("outcome", "text", (c) => c.notNull())
        .execute();
    },
  };
}
