/**
 * Which answers Next may compress (issue 10, docs/performance.md §4). Next gzips every answer to a
 * client that accepts gzip, and starting a zlib stream costs more CPU than sending a few hundred
 * bytes: measured on a status read, the largest single cost after the database. API answers are
 * small JSON (a payment, a session, QFPay's "SUCCESS") on the shop's LAN, so our server takes the
 * Accept-Encoding off those requests; pages, scripts and the API's long lists (payments, audit
 * and its CSV export, reconciliation) are still compressed. Pure, for tests/unit/scripts/compression-policy.test.ts.
 */

/** GET answers of the API that can run to many kilobytes. */
const LONG_API_ANSWERS: ReadonlySet<string> = new Set([
  "/api/payments",
  "/api/audit",
  "/api/audit/export.csv",
  "/api/reconciliation",
]);

export function mayCompress(method: string | undefined, target: string | undefined): boolean {
  const pathname = (target ?? "/").split(/[?#]/, 1)[0]!.replace(/\/+$/, "");
  if (!pathname.startsWith("/api/")) return true;
  return (method === "GET" || method === "HEAD") && LONG_API_ANSWERS.has(pathname);
}
