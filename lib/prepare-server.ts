import "server-only";
import { getDb } from "@/lib/db";
import { isDemoMode } from "@/lib/env";
import { seedDemoStaff } from "@/lib/auth/seed-demo-staff";
import { startResolverLoop } from "@/lib/payments/resolver";

/** Opens the ledger, seeds demo staff in demo mode, and resumes every open payment and refund. */
export async function prepareServer(): Promise<void> {
  const db = await getDb();
  if (isDemoMode) await seedDemoStaff(db);
  startResolverLoop();
}
