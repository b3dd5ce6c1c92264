import type { Kysely, Migration } from "kysely";
import type { DialectName } from "./index";

export function initialSchema(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("payments")
        .addColumn("out_trade_no", "text", (c) => c.primaryKey())
        .addColumn("amount", "integer", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("pay_type", "text", (c) => c.notNull())
        .addColumn("wallet", "text", (c) => c.notNull())
        .addColumn("auth_code_hash", "text", (c) => c.notNull().unique())
        .addColumn("auth_code_last4", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("failure_kind", "text")
        .addColumn("respcd", "text")
        .addColumn("message", "text")
        .addColumn("syssn", "text")
        .addColumn("refunded_amount", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addColumn("answered_at", "text")
        .addColumn("next_check_at", "text")
        .addColumn("check_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("payments_created_at").on("payments").column("created_at").execute();
      await db.schema
        .createIndex("payments_status_next_check")
        .on("payments")
        .columns(["status", "next_check_at"])
        .execute();

      await db.schema
        .createTable("payment_events")
        .addColumn("id", dialect === "postgres" ? "bigserial" : "integer", (c) =>
          dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("out_trade_no", "text", (c) => c.notNull().references("payments.out_trade_no"))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("from_status", "text")
        .addColumn("to_status", "text", (c) => c.notNull())
        .addColumn("respcd", "text")
        .addColumn("note", "text")
        .execute();
      await db.schema.createIndex("payment_events_out_trade_no").on("payment_events").column("out_trade_no").execute();

      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("username", "text", (c) => c.notNull().unique())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("disabled_at", "text")
        .execute();
    },
  };
}
