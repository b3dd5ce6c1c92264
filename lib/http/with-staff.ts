/**
 * The one wrapper around every API route handler: checks the staff session and role, refuses
 * cross-site writes, and turns errors into `{ error: { code, message } }` answers. Anything
 * unexpected is a 500 that hides its details (they go to the server log).
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { getStaffUser } from "@/lib/auth/session";
import { hasRole, type Role } from "@/lib/auth/roles";
import type { ActiveStaff } from "@/lib/auth/staff-sessions";
import { AppError } from "@/lib/errors";
import type { ApiErrorBody } from "@/lib/payments/types";

type RouteContext<P> = { params: Promise<P> };
type StaffHandler<P> = (req: NextRequest, ctx: { staff: ActiveStaff; params: P }) => Promise<Response>;

export type WithStaffOptions = { role?: Role };

export function errorResponse(code: string, message: string, status: number): NextResponse<ApiErrorBody> {
  return NextResponse.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });
}

export function withStaff<P = Record<string, never>>(handler: StaffHandler<P>, options: WithStaffOptions = {}) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    try {
      if (isCrossSiteWrite(req)) return errorResponse("forbidden", "cross-site request refused", 403);
      const staff = await getStaffUser();
      if (!staff) return errorResponse("unauthorized", "sign in first", 401);
      if (options.role && !hasRole(staff.role, options.role)) {
        return errorResponse("forbidden", `this needs a ${options.role} or above`, 403);
      }
      return await handler(req, { staff, params: await ctx.params });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

export function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) return errorResponse(error.code, error.message, error.httpStatus);
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return errorResponse("invalid_request", `${where}${first?.message ?? "invalid request"}`, 400);
  }
  console.error("[api] unexpected error", error);
  return errorResponse("internal", "something went wrong on the server; the request may not have been applied", 500);
}

/** A browser write from another origin (CSRF): the Origin header, when present, must match Host. */
function isCrossSiteWrite(req: NextRequest): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  const origin = req.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host !== (req.headers.get("x-forwarded-host") ?? req.headers.get("host"));
  } catch {
    return true;
  }
}
