/** The last stored run for the Reconcile screen's "last result", with when the daily run happens. */
import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { latestRun } from "./store";
import { RECONCILE_TRIGGERS, type LatestReconciliationResponse, type ReconcileTrigger } from "@/lib/contract/reconcile";

/** `trigger` (from a query string) limits it to the daily run, manual runs or CLI runs; anything else is a 400. */
export async function getLatestReconciliation(trigger: string | null): Promise<LatestReconciliationResponse> {
  if (trigger !== null && !(RECONCILE_TRIGGERS as readonly string[]).includes(trigger)) {
    throw new AppError("invalid_filter", `trigger must be one of ${RECONCILE_TRIGGERS.join(", ")}`);
  }
  const run = await latestRun((trigger ?? undefined) as ReconcileTrigger | undefined);
  return { run, schedule: { at: env.RECONCILE_AT, timeZone: env.POS_TIME_ZONE } };
}
