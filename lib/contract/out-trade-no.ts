/**
 * The `outTradeNo` is born on the device when the code is scanned and follows the payment
 * everywhere: our API's idempotency key, QFPay's `out_trade_no` (unique across all payments and
 * refunds of the merchant, String(128), docs/qfpay.md §3), the ledger's primary key. Pure: runs in the
 * browser and on the server.
 */

/** What our API accepts from a client: letters, digits, `_` and `-`, 8–64 characters. */
export const OUT_TRADE_NO_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

function randomBase36(length: number): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36))
    .join("")
    .toUpperCase();
}

/** "ST20261126101530" + 10 random characters: sortable by time, unguessable, 26 characters. */
export function newOutTradeNo(now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:TZ.]/g, "")
    .slice(0, 14);
  return `ST${stamp}${randomBase36(10)}`;
}
