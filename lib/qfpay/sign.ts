/**
 * QFPay signatures, computed in exactly one place (docs/architecture.md §7.2).
 * Owns: the request sign string and digest (docs/qfpay.md §2) and the notification check (docs/qfpay.md §7).
 * Never: logs, returns or embeds the client key or the sign string anywhere else.
 */
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/** Raw values, names sorted ASCII-ascending, `k=v` joined by `&`, key appended with no separator (docs/qfpay.md §2). */
export function buildSignString(params: Record<string, string>, clientKey: string): string {
  // Code-unit order, not localeCompare: docs/qfpay.md §2 says ASCII ascending ("B" < "_" < "a").
  const names = Object.keys(params).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => `${name}=${params[name]}`).join("&") + clientKey;
}

/** Upper-case hex digest for `X-QF-SIGN`; QFPay accepts either case, official samples upper-case (docs/qfpay.md §2). */
export function signParams(params: Record<string, string>, clientKey: string, signType: "MD5" | "SHA256"): string {
  const algorithm = signType === "SHA256" ? "sha256" : "md5";
  return createHash(algorithm).update(buildSignString(params, clientKey), "utf8").digest("hex").toUpperCase();
}

const MD5_HEX = /^[0-9A-F]{32}$/;

/**
 * True when `headerSign` is upper MD5(raw body bytes + client key) (docs/qfpay.md §7). The body must be the exact
 * bytes received: re-serialised JSON changes spacing and escapes and no longer matches (docs/qfpay.md §7, §13.1).
 */
export function verifyNotificationSignature(
  rawBody: string | Uint8Array,
  headerSign: string | null | undefined,
  clientKey: string,
): boolean {
  if (typeof headerSign !== "string") return false;
  const received = headerSign.trim().toUpperCase();
  if (!MD5_HEX.test(received)) return false;
  const hash = createHash("md5");
  hash.update(typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody);
  hash.update(clientKey, "utf8");
  const expected = Buffer.from(hash.digest("hex").toUpperCase(), "ascii");
  const actual = Buffer.from(received, "ascii");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
