/**
 * Runs once when the server starts: opens the ledger (applying migrations) and, in demo mode only,
 * seeds the demo staff. A database that cannot open stops start-up here, not on the first sale.
 * Then the daily reconciliation's timer (it only sets a timer: start-up never waits for QFPay).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("./lib/prepare-server");
  await prepareServer();
  const { startReconcileSchedule } = await import("./lib/reconcile/schedule");
  startReconcileSchedule();
}
