/**
 * A JSON answer that is never cached, written as UTF-8 bytes with its length (issue 10,
 * docs/performance.md §5). `NextResponse.json` encodes its text with TextEncoder; for a payment,
 * whose QFPay message is Chinese, that one call cost a status read more than its ledger read did
 * (measured in a CPU profile of the server). Buffer.from encodes the same bytes without that cost,
 * and the Content-Length spares a chunked answer.
 */
export function jsonAnswer(body: unknown, status = 200): Response {
  const bytes = Buffer.from(JSON.stringify(body), "utf8");
  return new Response(bytes, {
    status,
    headers: {
      "content-type": "application/json",
      "content-length": String(bytes.length),
      "cache-control": "no-store",
    },
  });
}
