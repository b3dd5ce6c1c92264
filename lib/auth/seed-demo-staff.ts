import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { DEMO_STAFF } from "./demo-staff";
import { addStaffUser, StaffAccountError } from "./staff-store";

/** Demo mode only: creates the demo staff that do not exist yet. Never called with real credentials. */
export async function seedDemoStaff(db: Kysely<Database>): Promise<void> {
  for (const staff of DEMO_STAFF) {
    try {
      await addStaffUser(db, staff.username, staff.password, staff.role);
    } catch (error) {
      // Already there, or another instance seeding the same database won the race.
      const code = (error as { code?: string }).code;
      if (!(error instanceof StaffAccountError) && code !== "23505" && code !== "SQLITE_CONSTRAINT_UNIQUE") throw error;
    }
  }
}
