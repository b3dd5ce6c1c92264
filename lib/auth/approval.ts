/**
 * Manager approval on the cashier's till (issue 9): an action above the signed-in person's role
 * goes ahead when someone with the role enters their PIN (if they have signed in on this device)
 * or their password, right there. Throttled like a sign-in; both people are in the audit row.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditAction } from "@/lib/audit/actions";
import { getDb } from "@/lib/db";
import { isDemoMode } from "@/lib/env";
import type { Approval } from "@/lib/contract/approval";
import { AppError } from "@/lib/errors";
import { verifyDecoy, verifyPassword } from "./passwords";
import { hasRole, type Role } from "./roles";
import { attemptSucceeded, claimAttempt, throttleKeys } from "./sign-in-throttle";
import { enrolledStaff, type ActiveStaff } from "./staff-sessions";
import { findStaffForSignIn } from "./staff-store";

type Ask = {
  staff: ActiveStaff;
  minimum: Role;
  approval: Approval | undefined;
  action: AuditAction;
  subject: string;
  address: string;
};

/** Null when the signed-in person may do it alone; the approver's username when approved; throws otherwise. */
export async function authorizeAction(ask: Ask): Promise<string | null> {
  if (hasRole(ask.staff.role, ask.minimum)) return null;
  if (!ask.approval)
    throw new AppError("approval_required", `a ${ask.minimum} must approve this with their PIN`, { role: ask.minimum });
  const { username, pin, password } = ask.approval;
  const db = await getDb();
  const approver = await findStaffForSignIn(db, username, { allowDemo: isDemoMode });
  const keys =
    approver && pin !== undefined
      ? throttleKeys.pin(approver.id, ask.staff.deviceId)
      : throttleKeys.password(username, ask.address);
  const refuse = async (reason: string) => {
    await recordAudit(db, {
      action: "approval",
      outcome: "refused",
      actor: { id: ask.staff.id, username: ask.staff.username },
      approver: username,
      subject: ask.subject,
      deviceId: ask.staff.deviceId,
      address: ask.address,
      detail: { for: ask.action, reason },
    });
    return new AppError("approval_refused", "that PIN or password is not right, or that person cannot approve this");
  };
  // Counted before the check (parallel guesses cannot slip past the lock); a right one takes it back.
  if (!(await claimAttempt(db, keys))) throw await refuse("throttled");
  let ok = false;
  if (approver && approver.id !== ask.staff.id && hasRole(approver.role, ask.minimum)) {
    if (pin !== undefined) {
      // A PIN approves only on a device its person has unlocked with their password.
      const enrolled = (await enrolledStaff(db, ask.staff.deviceId)).find((s) => s.id === approver.id);
      ok = !!enrolled?.pinHash && (await verifyPassword(enrolled.pinHash, pin));
    } else {
      ok = await verifyPassword(approver.password_hash, password ?? "");
    }
  } else {
    await verifyDecoy(pin ?? password ?? "");
  }
  if (!ok) throw await refuse("wrong_or_not_allowed");
  await attemptSucceeded(db, keys);
  await recordAudit(db, {
    action: "approval",
    actor: { id: ask.staff.id, username: ask.staff.username },
    approver: approver!.username,
    subject: ask.subject,
    deviceId: ask.staff.deviceId,
    address: ask.address,
    detail: { for: ask.action },
  });
  return approver!.username;
}
