import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { DEMO_STAFF } from "./demo-staff";
import { hashPassword } from "./passwords";
import { addStaffUser, StaffAccountError } from "./staff-store";

/** Demo mode only: creates the demo staff (with their PINs) that do not exist yet. */
export async function seedDemoStaff(db: Kysely<Database>): Promise<void> {
  for (const staff of DEMO_STAFF) {
    try {
      const user = await addStaffUser(db, staff.username, staff.password, staff.role, { demo: true });
      await db
        .updateTable("users")
        .set({ pin_hash: await hashPassword(staff.pin) })
        .where("id", "=", user.id)
        .execute();
    } catch (error) {
      // Already there, or another instance seeding the same database won the race.
      const code = (error as { code?: string }).code;
      if (!(error instanceof StaffAccountError) && code !== "23505" && code !== "SQLITE_CONSTRAINT_UNIQUE") throw error;
    }
  }
}
