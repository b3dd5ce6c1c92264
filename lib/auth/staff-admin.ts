/**
 * Managing staff accounts (issue 9): add a person, change a role, reset a password or PIN, disable,
 * enable, sign out everywhere, and each person's own PIN and password. One implementation for the
 * API (app/api/staff/**) and the admin CLI (scripts/admin.ts): it takes a Kysely handle and has no
 * `server-only`.
 *
 * Every change that affects access (password, PIN, role, disable, revoke) bumps the user's
 * `session_version`, which ends every session and device enrolment made under the old one
 * (lib/auth/staff-sessions.ts); their open sessions are ended here at once as well. Every change,
 * and every refusal on the rules, writes one audit row naming who did it and to whom, never a
 * password or PIN. The rules and the API in one place: docs/staff-and-audit.md.
 */
import type { Kysely, Transaction, Updateable } from "kysely";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit } from "@/lib/audit/record";
import type { AddStaffBody, ChangeResult, StaffListItem } from "@/lib/contract/staff";
import type { Database, UserRow, UsersTable } from "@/lib/db/schema";
import { AppError, type ErrorCode } from "@/lib/errors";
import { DEMO_STAFF } from "./demo-staff";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./passwords";
import { pinProblem } from "./pins";
import { isRole, type Role } from "./roles";
import { attemptSucceeded, claimAttempt, throttleKeys } from "./sign-in-throttle";
import { changeRefusal, type RuleActor, type StaffChange } from "./staff-rules";
import { addStaffUser, StaffAccountError, USERNAME_PATTERN } from "./staff-store";

/** The sign-in form takes at most this many characters (lib/auth/options.ts). */
export const MAX_PASSWORD_LENGTH = 256;

/** `/api/staff/me/…` is the signed-in person's own account, so nobody may be called "me". */
const RESERVED_USERNAMES = new Set(["me"]);

export type StaffAdminReason =
  | "not_found"
  | "bad_username"
  | "exists"
  | "bad_role"
  | "password_too_short"
  | "password_too_long"
  | "password_demo"
  | "pin_format"
  | "pin_too_simple"
  | "forbidden"
  | "self"
  | "last_owner"
  | "wrong_password"
  | "throttled";

const REASON_CODE: Record<StaffAdminReason, ErrorCode> = {
  not_found: "not_found",
  bad_username: "invalid_request",
  exists: "conflict",
  bad_role: "invalid_request",
  password_too_short: "invalid_request",
  password_too_long: "invalid_request",
  password_demo: "invalid_request",
  pin_format: "invalid_request",
  pin_too_simple: "invalid_request",
  forbidden: "forbidden",
  self: "forbidden",
  last_owner: "conflict",
  wrong_password: "forbidden",
  throttled: "too_many_requests",
};

/** A refused change: `staffReason` is the stable code the API answers with (components/staff/staff-errors.ts words it); the HTTP status follows `code`. */
export class StaffAdminError extends AppError {
  readonly staffReason: StaffAdminReason;
  constructor(reason: StaffAdminReason, message: string) {
    super({ code: REASON_CODE[reason] }, message);
    this.name = "StaffAdminError";
    this.staffReason = reason;
  }
}

/** Who makes a change: a signed-in person (from their session), or the admin CLI as `cli:<os user>`. */
export type StaffAdminActor =
  /**
   * `demo`: the app runs in demo mode. Every account such an actor adds or changes is marked a demo
   * account, so live mode disables it (lib/auth/demo-guard.ts): the demo's printed owner password
   * must not be a way to plant a live owner.
   */
  | {
      kind: "staff";
      id: string;
      username: string;
      role: Role;
      deviceId?: string | null;
      address?: string | null;
      demo?: boolean;
    }
  | { kind: "cli"; username: string };

function isDemoActor(actor: StaffAdminActor): boolean {
  return actor.kind === "staff" && actor.demo === true;
}

export function cliActor(osUser: string): StaffAdminActor {
  return { kind: "cli", username: `cli:${osUser || "unknown"}` };
}

/** A signed-in person changing their own PIN or password: the session that proved it stays signed in. */
export type SelfActor = { id: string; username: string; sessionId: string; deviceId: string; address: string };

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const ACTION: Record<StaffChange, AuditAction> = {
  add: "staff_add",
  role: "staff_role",
  password: "staff_password",
  pin: "staff_pin",
  disable: "staff_disable",
  enable: "staff_enable",
  revoke: "staff_revoke",
};

const REFUSAL_MESSAGE = {
  forbidden: "your role may not make this change to this person",
  self: "you cannot do this to your own account here (your own PIN and password: /staff/me)",
  last_owner: "this is the last active owner: make someone else an owner first",
} as const;

// ---------------------------------------------------------------------------------------------
// Checks on what was typed (400s)

export function checkUsername(username: string): void {
  if (!USERNAME_PATTERN.test(username))
    throw new StaffAdminError(
      "bad_username",
      "the username must be 2–32 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
    );
  if (RESERVED_USERNAMES.has(username))
    throw new StaffAdminError("bad_username", `"${username}" is reserved; choose another username`);
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new StaffAdminError("password_too_short", `the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new StaffAdminError("password_too_long", `the password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  // Live mode disables any account holding one of these (lib/auth/demo-guard.ts).
  if (DEMO_STAFF.some((d) => d.password === password))
    throw new StaffAdminError("password_demo", "that is one of the demo passwords; choose another");
}

export function checkPin(pin: string): void {
  // Deliberately not compared with other people's PINs: a "taken" answer would tell the caller
  // someone else's PIN.
  const problem = pinProblem(pin);
  if (problem === "format") throw new StaffAdminError("pin_format", "the PIN must be 4 to 6 digits");
  if (problem === "too_simple")
    throw new StaffAdminError(
      "pin_too_simple",
      "this PIN is too easy to guess (repeated digits, a run like 1234, or a common PIN); choose another",
    );
}

function checkRole(role: unknown): asserts role is Role {
  if (!isRole(role)) throw new StaffAdminError("bad_role", "the role must be cashier, manager or owner");
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Everyone, with when they last signed in (the newest session they started). */
export async function listStaff(db: Db): Promise<StaffListItem[]> {
  const rows = await db
    .selectFrom("users as u")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("staff_sessions")
          .select((s) => ["user_id", s.fn.max("created_at").as("last_sign_in_at")])
          .groupBy("user_id")
          .as("s"),
      (join) => join.onRef("s.user_id", "=", "u.id"),
    )
    .select([
      "u.id",
      "u.username",
      "u.role",
      "u.disabled_at",
      "u.pin_hash",
      "u.is_demo",
      "u.created_at",
      "u.updated_at",
      "s.last_sign_in_at",
    ])
    .orderBy("u.username")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    role: r.role,
    disabled: r.disabled_at !== null,
    disabledAt: r.disabled_at,
    hasPin: r.pin_hash !== null,
    isDemo: Number(r.is_demo) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastSignInAt: r.last_sign_in_at ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Changes by an administrator (an owner, a manager for cashiers, or the CLI)

export async function addStaff(db: Db, actor: StaffAdminActor, input: AddStaffBody): Promise<StaffListItem> {
  checkUsername(input.username);
  checkRole(input.role);
  const refusal = changeRefusal(ruleActor(actor), "add", { id: null, role: input.role });
  if (refusal) await refuse(db, actor, "add", input.username, refusal, { role: input.role });
  checkPassword(input.password);
  if (input.pin != null) checkPin(input.pin);
  const pinHash = input.pin != null ? await hashPassword(input.pin) : null;
  const at = new Date().toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      const user = await addStaffUser(trx, input.username, input.password, input.role, { demo: isDemoActor(actor) });
      await trx.updateTable("users").set({ pin_hash: pinHash, updated_at: at }).where("id", "=", user.id).execute();
      await recordAudit(trx, {
        ...auditWho(actor),
        action: "staff_add",
        subject: input.username,
        detail: { role: input.role, pin: pinHash !== null },
        at,
      });
    });
  } catch (error) {
    if (error instanceof StaffAccountError || isUniqueViolation(error))
      throw new StaffAdminError("exists", `there is already someone called ${input.username}`);
    throw error;
  }
  const added = (await listStaff(db)).find((s) => s.username === input.username);
  if (!added) throw new StaffAdminError("not_found", `no staff member ${input.username}`);
  return added;
}

export async function setRole(db: Db, actor: StaffAdminActor, username: string, role: Role): Promise<ChangeResult> {
  checkRole(role);
  return change(db, actor, username, {
    change: "role",
    newRole: role,
    bump: true,
    update: (target) => (target.role === role ? null : { role }),
    detail: (target) => ({ from: target.role, to: role }),
  });
}

export async function setPassword(
  db: Db,
  actor: StaffAdminActor,
  username: string,
  password: string,
): Promise<ChangeResult> {
  checkPassword(password);
  const hash = await hashPassword(password);
  // A demo-made account given a real password becomes a real one (lib/auth/demo-guard.ts refuses
  // only what demo mode made and still holds a demo password); enabling it stays a separate step.
  return change(db, actor, username, {
    change: "password",
    bump: true,
    update: () => ({ password_hash: hash, ...(isDemoActor(actor) ? {} : { is_demo: 0 }) }),
    detail: () => ({}),
  });
}

export async function setPin(db: Db, actor: StaffAdminActor, username: string, pin: string): Promise<ChangeResult> {
  checkPin(pin);
  const hash = await hashPassword(pin);
  return change(db, actor, username, {
    change: "pin",
    bump: true,
    update: () => ({ pin_hash: hash }),
    detail: () => ({ pin: "set" }),
  });
}

export async function clearPin(db: Db, actor: StaffAdminActor, username: string): Promise<ChangeResult> {
  return change(db, actor, username, {
    change: "pin",
    bump: true,
    update: (target) => (target.pin_hash === null ? null : { pin_hash: null }),
    detail: () => ({ pin: "cleared" }),
  });
}

export async function disableStaff(db: Db, actor: StaffAdminActor, username: string): Promise<ChangeResult> {
  return change(db, actor, username, {
    change: "disable",
    bump: true,
    update: (target, at) => (target.disabled_at ? null : { disabled_at: at }),
    detail: () => ({}),
  });
}

/** Enabling gives back no old session: they all ended with the disable. */
export async function enableStaff(db: Db, actor: StaffAdminActor, username: string): Promise<ChangeResult> {
  return change(db, actor, username, {
    change: "enable",
    bump: false,
    update: (target) => (target.disabled_at ? { disabled_at: null } : null),
    detail: () => ({}),
  });
}

/** "Sign out everywhere": every session and every device's PIN sign-in of this person ends. */
export async function revokeStaff(db: Db, actor: StaffAdminActor, username: string): Promise<ChangeResult> {
  return change(db, actor, username, { change: "revoke", bump: true, update: () => ({}), detail: () => ({}) });
}

type ChangePlan = {
  change: Exclude<StaffChange, "add">;
  newRole?: Role;
  bump: boolean;
  /** The columns to set, or null when the account already is that way (nothing written, no audit row). */
  update: (target: UserRow, at: string) => Updateable<UsersTable> | null;
  detail: (target: UserRow) => Record<string, string | number | boolean | null>;
};

async function change(db: Db, actor: StaffAdminActor, username: string, plan: ChangePlan): Promise<ChangeResult> {
  const outcome = await db
    .transaction()
    .execute(async (trx): Promise<{ refused: RefusalReason; target: UserRow } | ChangeResult> => {
      // A change that may take away an owner first locks every active owner's row (an UPDATE locks on
      // PostgreSQL and takes SQLite's write lock), so two owners demoting each other at once cannot
      // both pass the count below and leave the shop without an owner.
      if (plan.change === "role" || plan.change === "disable") await lockActiveOwners(trx);
      const target = await trx.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
      if (!target) throw new StaffAdminError("not_found", `no staff member ${username.slice(0, 64)}`);
      const refusal = changeRefusal(ruleActor(actor), plan.change, { id: target.id, role: target.role }, plan.newRole);
      if (refusal) return { refused: refusal, target };
      const at = new Date().toISOString();
      const update = plan.update(target, at);
      if (!update) return { changed: false };
      if (takesAwayAnOwner(target, plan) && (await countActiveOwners(trx, target.id)) === 0)
        return { refused: "last_owner", target };

      await trx
        .updateTable("users")
        .set((eb) => ({
          ...update,
          updated_at: at,
          ...(plan.bump ? { session_version: eb("session_version", "+", 1) } : {}),
          ...(isDemoActor(actor) ? { is_demo: 1 } : {}),
        }))
        .where("id", "=", target.id)
        .execute();
      if (plan.bump) await endSessions(trx, target.id, plan.change === "disable" ? "user_disabled" : "revoked", at);
      await recordAudit(trx, {
        ...auditWho(actor),
        action: ACTION[plan.change],
        subject: target.username,
        detail: plan.detail(target),
        at,
      });
      return { changed: true };
    });
  if ("refused" in outcome)
    return refuse(
      db,
      actor,
      plan.change,
      outcome.target.username,
      outcome.refused,
      plan.newRole ? { to: plan.newRole } : {},
    );
  return outcome;
}

type RefusalReason = "forbidden" | "self" | "last_owner";

/** Records the refusal (who tried what on whom) and throws it. */
async function refuse(
  db: Db,
  actor: StaffAdminActor,
  what: StaffChange,
  subject: string,
  reason: RefusalReason,
  extra: Record<string, string> = {},
): Promise<never> {
  await recordAudit(db, {
    ...auditWho(actor),
    action: ACTION[what],
    outcome: "refused",
    subject,
    detail: { reason, ...extra },
  });
  throw new StaffAdminError(reason, REFUSAL_MESSAGE[reason]);
}

function takesAwayAnOwner(target: UserRow, plan: ChangePlan): boolean {
  if (target.role !== "owner" || target.disabled_at) return false;
  return plan.change === "disable" || (plan.change === "role" && plan.newRole !== "owner");
}

async function lockActiveOwners(trx: Trx): Promise<void> {
  await trx
    .updateTable("users")
    .set((eb) => ({ session_version: eb.ref("session_version") }))
    .where("role", "=", "owner")
    .where("disabled_at", "is", null)
    .execute();
}

async function countActiveOwners(trx: Trx, exceptId: string): Promise<number> {
  const row = await trx
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("role", "=", "owner")
    .where("disabled_at", "is", null)
    .where("id", "!=", exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ends the person's open sessions now (the version bump alone would end each at its next request). */
async function endSessions(
  trx: Trx,
  userId: string,
  reason: string,
  at: string,
  keepSessionId?: string,
): Promise<void> {
  let query = trx
    .updateTable("staff_sessions")
    .set({ ended_at: at, end_reason: reason })
    .where("user_id", "=", userId)
    .where("ended_at", "is", null);
  if (keepSessionId) query = query.where("id", "!=", keepSessionId);
  await query.execute();
}

// ---------------------------------------------------------------------------------------------
// Self-service: any signed-in person, their own PIN and password, with their current password

export async function changeOwnPin(
  db: Db,
  self: SelfActor,
  currentPassword: string,
  pin: string,
): Promise<ChangeResult> {
  checkPin(pin);
  return changeOwn(db, self, currentPassword, "pin", async () => ({ pin_hash: await hashPassword(pin) }), {
    pin: "set",
    self: true,
  });
}

export async function changeOwnPassword(
  db: Db,
  self: SelfActor,
  currentPassword: string,
  password: string,
): Promise<ChangeResult> {
  checkPassword(password);
  return changeOwn(
    db,
    self,
    currentPassword,
    "password",
    async () => ({ password_hash: await hashPassword(password) }),
    { self: true },
  );
}

async function changeOwn(
  db: Db,
  self: SelfActor,
  currentPassword: string,
  what: "pin" | "password",
  update: () => Promise<Updateable<UsersTable>>,
  detail: Record<string, string | boolean>,
): Promise<ChangeResult> {
  const audit = {
    actor: { id: self.id, username: self.username },
    deviceId: self.deviceId,
    address: self.address,
    action: ACTION[what],
    subject: self.username,
  };
  // The current password is a password check like the sign-in's, so it counts against the same
  // throttle: a signed-in till left alone must not become a way to guess the password.
  const keys = throttleKeys.password(self.username, self.address);
  if (!(await claimAttempt(db, keys))) {
    await recordAudit(db, { ...audit, outcome: "refused", detail: { reason: "throttled", self: true } });
    throw new StaffAdminError("throttled", "too many wrong passwords: wait a few minutes and try again");
  }
  const row = await db
    .selectFrom("users")
    .select(["password_hash", "disabled_at"])
    .where("id", "=", self.id)
    .executeTakeFirst();
  if (!row || row.disabled_at) throw new StaffAdminError("not_found", "your account is not active");
  if (!(await verifyPassword(row.password_hash, currentPassword))) {
    await recordAudit(db, { ...audit, outcome: "refused", detail: { reason: "wrong_password", self: true } });
    throw new StaffAdminError("wrong_password", "the current password is wrong");
  }
  await attemptSucceeded(db, keys);
  const values = await update();
  await db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    await trx
      .updateTable("users")
      .set((eb) => ({ ...values, updated_at: at, session_version: eb("session_version", "+", 1) }))
      .where("id", "=", self.id)
      .execute();
    // Every other session and device ends (someone may have seen the old PIN); this one, which
    // just proved the password, and this device's PIN sign-in move to the new version.
    const { session_version: version } = await trx
      .selectFrom("users")
      .select("session_version")
      .where("id", "=", self.id)
      .executeTakeFirstOrThrow();
    await endSessions(trx, self.id, "revoked", at, self.sessionId);
    await trx
      .updateTable("staff_sessions")
      .set({ session_version: version })
      .where("id", "=", self.sessionId)
      .execute();
    await trx
      .updateTable("device_staff")
      .set({ session_version: version })
      .where("device_id", "=", self.deviceId)
      .where("user_id", "=", self.id)
      .execute();
    await recordAudit(trx, { ...audit, detail, at });
  });
  return { changed: true };
}

// ---------------------------------------------------------------------------------------------

function ruleActor(actor: StaffAdminActor): RuleActor {
  return actor.kind === "cli" ? { kind: "cli" } : { kind: "staff", id: actor.id, role: actor.role };
}

function auditWho(actor: StaffAdminActor) {
  if (actor.kind === "cli") return { actor: { username: actor.username } };
  return {
    actor: { id: actor.id, username: actor.username },
    deviceId: actor.deviceId ?? null,
    address: actor.address ?? null,
  };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
