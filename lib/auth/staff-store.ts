/**
 * Staff accounts in the ledger database. Takes a Kysely handle so the admin CLI (its own
 * connection) and the app share one implementation.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, UserRow } from "@/lib/db/schema";
import { hashPassword } from "./passwords";
import type { Role, StaffUser } from "./roles";

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export class StaffAccountError extends Error {}

export async function addStaffUser(
  db: Kysely<Database>,
  username: string,
  password: string,
  role: Role,
  options: { demo?: boolean } = {},
): Promise<StaffUser> {
  if (!USERNAME_PATTERN.test(username))
    throw new StaffAccountError("username must be 2–32 characters: lower-case letters, digits, '.', '_' or '-'");
  const existing = await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
  if (existing) throw new StaffAccountError(`user ${username} already exists`);
  const user = { id: randomUUID(), username, role };
  await db
    .insertInto("users")
    .values({
      ...user,
      password_hash: await hashPassword(password),
      created_at: new Date().toISOString(),
      disabled_at: null,
      is_demo: options.demo ? 1 : 0,
    })
    .execute();
  return user;
}

export async function countStaffUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The account a sign-in may use: exists, not disabled, and not a demo account unless this is demo
 * mode (a live instance on a data folder a demo run used must not let `manager/manager123` in).
 */
export async function findStaffForSignIn(
  db: Kysely<Database>,
  username: string,
  options: { allowDemo: boolean },
): Promise<UserRow | null> {
  const row = await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
  if (!row || row.disabled_at) return null;
  if (row.is_demo && !options.allowDemo) return null;
  return row;
}
