/**
 * QFPay request signatures (docs/qfpay.md §2), written independently of `lib/qfpay` so the simulator
 * checks our client instead of agreeing with it by construction.
 */
import { createHash, timingSafeEqual } from "node:crypto";

type SignType = "MD5" | "SHA256";

/**
 * The string that gets hashed: every received field, sorted by name in ASCII order, joined as
 * `name=value` with `&`, raw (decoded) values, client key appended with no separator (§2 steps 1-4).
 * Empty values are kept: whether QFPay drops them is UNKNOWN (§2 "Empty values"), and signing
 * exactly what was received catches a client that signs one set of fields and sends another.
 */
function signingString(fields: ReadonlyMap<string, string>, clientKey: string): string {
  const names = [...fields.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => `${name}=${fields.get(name)}`).join("&") + clientKey;
}

/** Upper-case hex digest, as QFPay's Python/Java/PHP samples produce (§2 "Hex case"). */
function sign(fields: ReadonlyMap<string, string>, clientKey: string, signType: SignType = "MD5"): string {
  const algorithm = signType === "SHA256" ? "sha256" : "md5";
  return createHash(algorithm).update(signingString(fields, clientKey), "utf8").digest("hex").toUpperCase();
}

/**
 * `X-QF-SIGNTYPE`: `SHA256`, or absent ⇒ MD5 (§1 headers). Clients also send `MD5` explicitly
 * (§1, third-party clients). Anything else is unknown to QFPay's docs: null ⇒ the caller answers 1108.
 */
export function parseSignType(header: string | undefined): SignType | null {
  if (header === undefined || header.trim() === "") return "MD5";
  const value = header.trim().toUpperCase();
  if (value === "MD5" || value === "SHA256") return value;
  return null;
}

/** Hex compared case-insensitively: QFPay's own samples send both cases (§2 "Hex case"). */
export function verifySignature(
  fields: ReadonlyMap<string, string>,
  clientKey: string,
  received: string,
  signType: SignType,
): boolean {
  const expected = Buffer.from(sign(fields, clientKey, signType), "utf8");
  const actual = Buffer.from(received.trim().toUpperCase(), "utf8");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
