/**
 * Live mode never has a working demo account (issue 9). Demo and live runs may share a data
 * folder or database, so at live start-up every account that demo mode made, or that still has a
 * demo password, is disabled (its sessions end with it) and the log says so.
 */
import type { Kysely } from "kysely";
import { recordAudit } from "@/lib/audit/record";
import type { Database } from "@/lib/db/schema";
import { DEMO_STAFF } from "./demo-staff";
import { verifyPassword } from "./passwords";

/** Returns the usernames it disabled. */
export async function disableDemoAccounts(db: Kysely<Database>, now = new Date()): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "username", "password_hash", "is_demo", "session_version"])
    .where("disabled_at", "is", null)
    .execute();
  const disabled: string[] = [];
  for (const row of rows) {
    const demo = DEMO_STAFF.find((d) => d.username === row.username);
    const hasDemoPassword = demo ? await verifyPassword(row.password_hash, demo.password) : false;
    if (!row.is_demo && !hasDemoPassword) continue;
    const at = now.toISOString();
    await db
      .updateTable("users")
      .set({ disabled_at: at, updated_at: at, is_demo: 1, session_version: row.session_version + 1 })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(db, {
      action: "demo_account_disabled",
      subject: row.username,
      detail: { reason: row.is_demo ? "made_by_demo_mode" : "demo_password" },
    });
    disabled.push(row.username);
  }
  return disabled;
}
