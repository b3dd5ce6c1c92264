/**
 * Who may change whose account (issue 9, "Staff management for the owner"). Pure: the rules are
 * enforced by lib/auth/staff-admin.ts (docs/staff-and-audit.md), and the Staff screen uses the same functions to hide what
 * the signed-in person cannot do. The one rule that needs the database (the last active owner is
 * never disabled or demoted) lives in staff-admin.ts.
 */
import { ROLES, type Role } from "./roles";

export const STAFF_CHANGES = ["add", "role", "password", "pin", "disable", "enable", "revoke"] as const;
export type StaffChange = (typeof STAFF_CHANGES)[number];

/** Who asks: a signed-in person, or the admin CLI (the machine's administrator: no role rules). */
export type RuleActor = { kind: "staff"; id: string; role: Role } | { kind: "cli" };

/** forbidden: the role does not allow it; self: it would lock the person out of their own account. */
type RuleRefusal = "forbidden" | "self";

/**
 * Owners may do everything. Managers may add, disable, enable, sign out and reset the password or
 * PIN of cashiers only: they never make anyone a manager or owner, never change a role, never touch
 * another manager or an owner. Cashiers manage nobody. For "add", `targetRole` is the new person's.
 */
function roleMayChange(actorRole: Role, change: StaffChange, targetRole: Role): boolean {
  if (actorRole === "owner") return true;
  if (actorRole !== "manager") return false;
  if (change === "role") return false;
  return targetRole === "cashier";
}

/**
 * Through the app nobody changes their own role, password or PIN as an administrator, nor disables
 * or signs out themselves: a demotion or a disable would lock them out (and might leave the shop
 * with no owner), and their own password and PIN have the self-service path, which asks for the
 * current password so an unattended signed-in till cannot be used to take the account over.
 */
const NOT_ON_ONESELF: ReadonlySet<StaffChange> = new Set<StaffChange>([
  "role",
  "password",
  "pin",
  "disable",
  "enable",
  "revoke",
]);

/** Why `actor` may not make `change` to `target` (for "add": `{ id: null, role: <new role> }`), or null. */
export function changeRefusal(
  actor: RuleActor,
  change: StaffChange,
  target: { id: string | null; role: Role },
  newRole?: Role,
): RuleRefusal | null {
  if (actor.kind === "cli") return null;
  if (target.id !== null && target.id === actor.id && NOT_ON_ONESELF.has(change)) return "self";
  if (!roleMayChange(actor.role, change, target.role)) return "forbidden";
  // A role change must be allowed for the new role as well (only owners change roles today).
  if (change === "role" && newRole && !roleMayChange(actor.role, change, newRole)) return "forbidden";
  return null;
}

/** The roles `actorRole` may give a new person (an owner: any; a manager: cashier). */
export function rolesMayAdd(actorRole: Role): Role[] {
  return ROLES.filter((role) => roleMayChange(actorRole, "add", role));
}

/** What `actor` may do to `target`, for the Staff screen (the server checks again). */
export function allowedChanges(actor: RuleActor, target: { id: string; role: Role }): Set<StaffChange> {
  return new Set(STAFF_CHANGES.filter((change) => change !== "add" && changeRefusal(actor, change, target) === null));
}
