/**
 * Runs once when the server starts: opens the ledger (applying migrations) and, in demo mode only,
 * seeds the demo staff. A database that cannot open stops start-up here, not on the first sale.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("./lib/prepare-server");
  await prepareServer();
}
