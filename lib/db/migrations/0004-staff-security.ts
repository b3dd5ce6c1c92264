import type { Kysely, Migration } from "kysely";
import type { DialectName } from "./index";

/**
 * Issue 9: staff on a shared till. Sessions that the server can end (disable, revoke, lock), the
 * devices staff have signed in on (PIN switching works only there), sign-in throttling shared by
 * every instance, the audit trail, and who sent a payment that another person scanned.
 */
export function staffSecurity(dialect: DialectName): Migration {
  const autoId = dialect === "postgres" ? "bigserial" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("users").addColumn("pin_hash", "text").execute();
      // Bumped by revoke, password/PIN reset, role change and disable: every session and device
      // sign-in made under an older version stops working at its next request.
      await db.schema
        .alterTable("users")
        .addColumn("session_version", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable("users").addColumn("updated_at", "text").execute();
      // Set on the accounts demo mode seeds: a live instance refuses them (and disables any account that
      // still has a demo password, lib/auth/demo-guard.ts), even on a data folder a demo run used.
      await db.schema
        .alterTable("users")
        .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema.alterTable("payments").addColumn("sent_by", "text").execute();
      await db.schema.alterTable("refunds").addColumn("approved_by", "text").execute();

      await db.schema
        .createTable("devices")
        .addColumn("id", "text", (c) => c.primaryKey())
        /** SHA-256 of the device cookie's secret: the cookie alone proves the device. */
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .execute();

      await db.schema
        .createTable("device_staff")
        .addColumn("device_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("enrolled_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("session_version", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("device_staff_pk", ["device_id", "user_id"])
        .execute();

      await db.schema
        .createTable("staff_sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("device_id", "text", (c) => c.notNull())
        /** "password" | "pin". */
        .addColumn("method", "text", (c) => c.notNull())
        .addColumn("session_version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .addColumn("ended_at", "text")
        .addColumn("end_reason", "text")
        .addColumn("address", "text")
        .execute();
      await db.schema
        .createIndex("staff_sessions_device")
        .on("staff_sessions")
        .columns(["device_id", "ended_at"])
        .execute();
      await db.schema
        .createIndex("staff_sessions_user")
        .on("staff_sessions")
        .columns(["user_id", "ended_at"])
        .execute();

      await db.schema
        .createTable("sign_in_throttle")
        /** "user:<username>@<address>", "addr:<address>", "pin:<user id>@<device id>". */
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("window_started_at", "text", (c) => c.notNull())
        .addColumn("locked_until", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("audit_events")
        .addColumn("id", autoId, (c) => (dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        /** "ok" | "refused". */
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("actor_id", "text")
        .addColumn("actor_username", "text")
        .addColumn("approver_username", "text")
        /** What it was about: a username, an out_trade_no, a business date. */
        .addColumn("subject", "text")
        .addColumn("device_id", "text")
        .addColumn("address", "text")
        /** Small JSON object of facts (never a password, PIN, payment code or key). */
        .addColumn("detail", "text")
        .execute();
      await db.schema.createIndex("audit_events_at").on("audit_events").columns(["at"]).execute();
      await db.schema.createIndex("audit_events_action").on("audit_events").columns(["action", "at"]).execute();
    },
  };
}
