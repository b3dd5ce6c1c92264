/**
 * What the staff API's route handlers share (app/api/staff/**): who is acting, the `{username}` in
 * the address, and refusals answered with their own code (`last_owner`, `pin_too_simple`…) so the
 * Staff screen can say what went wrong in the person's language.
 */
import "server-only";
import { isDemoMode } from "@/lib/env";
import type { NextRequest } from "next/server";
import { requestFacts } from "@/lib/auth/request-facts";
import { StaffAdminError, type SelfActor, type StaffAdminActor } from "@/lib/auth/staff-admin";
import type { ActiveStaff } from "@/lib/auth/staff-sessions";
import { USERNAME_PATTERN } from "@/lib/auth/staff-store";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./with-staff";

type Handler<P> = (req: NextRequest, ctx: { staff: ActiveStaff; params: P }) => Promise<Response>;

/** Answers a StaffAdminError with its fine-grained reason as the error code; anything else goes to withStaff. */
export function answeringStaffAdminErrors<P>(handler: Handler<P>): Handler<P> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (error) {
      if (error instanceof StaffAdminError) return errorResponse(error, error.staffReason);
      throw error;
    }
  };
}

export function staffActor(staff: ActiveStaff, req: NextRequest): StaffAdminActor {
  return {
    kind: "staff",
    id: staff.id,
    username: staff.username,
    role: staff.role,
    deviceId: staff.deviceId,
    address: requestFacts(req.headers).address,
    demo: isDemoMode,
  };
}

export function selfActor(staff: ActiveStaff, req: NextRequest): SelfActor {
  return {
    id: staff.id,
    username: staff.username,
    sessionId: staff.sessionId,
    deviceId: staff.deviceId,
    address: requestFacts(req.headers).address,
  };
}

/**
 * The `{username}` of /api/staff/{username}: 400 for malformed percent-encoding, 404 for anything
 * that cannot be a username (so no lookup runs with it).
 */
export function usernameParam(raw: string): string {
  let name = raw;
  if (name.includes("%")) {
    try {
      name = decodeURIComponent(name);
    } catch {
      throw new AppError("bad_percent_encoding", "the username in the address is not valid percent-encoding");
    }
  }
  if (!USERNAME_PATTERN.test(name)) throw new StaffAdminError("not_found", "no staff member with that username");
  return name;
}
