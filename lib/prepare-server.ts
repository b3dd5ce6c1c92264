import "server-only";
import { getDb } from "@/lib/db";
import { env, isDemoMode } from "@/lib/env";
import { seedDemoStaff } from "@/lib/auth/seed-demo-staff";
import { seedDemoMenu } from "@/lib/catalogue/demo-menu";
import { disableDemoAccounts } from "@/lib/auth/demo-guard";
import { startResolverLoop } from "@/lib/payments/resolver";

/**
 * Opens the ledger, seeds demo staff and the demo café menu in demo mode (and disables every demo
 * account in live mode), and resumes every open payment and refund.
 */
export async function prepareServer(): Promise<void> {
  const db = await getDb();
  if (isDemoMode) {
    await seedDemoStaff(db);
    await seedDemoMenu(db, env.POS_CURRENCY);
  } else {
    const disabled = await disableDemoAccounts(db);
    if (disabled.length) {
      console.warn(
        `[auth] live mode: disabled demo account(s) ${disabled.join(", ")}; add real staff with \`npm run admin -- user add\``,
      );
    }
  }
  startResolverLoop();
}
