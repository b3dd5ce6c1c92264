/**
 * The device a till runs on: a long-lived random cookie, set the first time anyone signs in on it.
 * Staff sign in with their password once per device; after that their PIN works there and only
 * there (a PIN alone is 4–6 digits: tying it to a device the staff member unlocked keeps it from
 * being a password anyone on the internet can guess).
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";

export const DEVICE_COOKIE = "scantill-device";
/** Over https the cookie is `__Host-` prefixed: no sibling subdomain can plant or overwrite it. */
export const SECURE_DEVICE_COOKIE = `__Host-${DEVICE_COOKIE}`;

/** This browser's device cookie, whichever of the two names it has. */
export function deviceCookieFrom(get: (name: string) => string | undefined): string | undefined {
  return get(SECURE_DEVICE_COOKIE) ?? get(DEVICE_COOKIE);
}
/** Browsers cap cookie lifetimes at 400 days. */
export const DEVICE_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export async function createDevice(db: Kysely<Database>, now = new Date()): Promise<{ id: string; cookie: string }> {
  const id = randomUUID();
  const secret = randomBytes(32).toString("base64url");
  const at = now.toISOString();
  await db
    .insertInto("devices")
    .values({ id, token_hash: sha256(secret), created_at: at, last_seen_at: at, revoked_at: null })
    .execute();
  return { id, cookie: `${id}.${secret}` };
}

/** The device id a cookie proves, or null (unknown, forged, revoked). */
export async function deviceFromCookie(db: Kysely<Database>, cookie: string | undefined): Promise<string | null> {
  if (!cookie || cookie.length > 200) return null;
  const dot = cookie.indexOf(".");
  if (dot <= 0) return null;
  const id = cookie.slice(0, dot);
  const row = await db
    .selectFrom("devices")
    .select(["token_hash", "revoked_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const given = Buffer.from(sha256(cookie.slice(dot + 1)));
  const stored = Buffer.from(row.token_hash);
  return given.length === stored.length && timingSafeEqual(given, stored) ? id : null;
}

export function deviceCookieHeader(cookie: string, https: boolean): string {
  return `${https ? SECURE_DEVICE_COOKIE : DEVICE_COOKIE}=${cookie}; Path=/; Max-Age=${DEVICE_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${https ? "; Secure" : ""}`;
}
