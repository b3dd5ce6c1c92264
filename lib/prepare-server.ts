import "server-only";
import { getDb } from "@/lib/db";
import { isDemoMode } from "@/lib/env";
import { seedDemoStaff } from "@/lib/auth/seed-demo-staff";

export async function prepareServer(): Promise<void> {
  const db = await getDb();
  if (isDemoMode) await seedDemoStaff(db);
}
