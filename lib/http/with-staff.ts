/**
 * The one wrapper around every API route handler: checks the staff session and role, refuses
 * cross-site writes, and turns errors into `{ error: { code, message } }` answers. Anything
 * unexpected is a 500 that hides its details (they go to the server log).
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { $ZodError, config } from "zod/v4/core";
import en from "zod/v4/locales/en.js";
import { getStaffUser } from "@/lib/auth/session";
import { hasRole, type Role } from "@/lib/auth/roles";
import type { ActiveStaff } from "@/lib/auth/staff-sessions";
import { AppError } from "@/lib/errors";
import type { ApiErrorBody, ApiErrorDetail, ErrorParams } from "@/lib/contract/error-body";
import type { ErrorReason } from "@/lib/contract/errors";

// The contract's schemas are zod/mini, which brings no words of its own; a refusal's detail line
// names the field in zod's English (see toErrorResponse).
config(en());

type RouteContext<P> = { params: Promise<P> };
type StaffHandler<P> = (req: NextRequest, ctx: { staff: ActiveStaff; params: P }) => Promise<Response>;

type WithStaffOptions = { role?: Role };

/**
 * The answer to a refused request (lib/contract/errors.ts): its code, reason and params for the
 * screen, its English message for logs. `code` may be given apart for a refusal whose screen reads
 * the code itself (staff administration answers its own reasons there).
 */
export function errorResponse(error: AppError, code: string = error.code): NextResponse<ApiErrorBody> {
  const detail: ApiErrorDetail = { code, message: error.message };
  if (error.reason) detail.reason = error.reason;
  if (error.params) detail.params = error.params;
  return NextResponse.json({ error: detail }, { status: error.httpStatus, headers: { "cache-control": "no-store" } });
}

const refuse = (reason: ErrorReason, message: string, params?: ErrorParams) =>
  errorResponse(new AppError(reason, message, params));

export function withStaff<P = Record<string, never>>(handler: StaffHandler<P>, options: WithStaffOptions = {}) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    try {
      if (isCrossSiteWrite(req)) return refuse("cross_site", "cross-site request refused");
      const staff = await getStaffUser(req.cookies);
      if (!staff) return refuse("sign_in_first", "sign in first");
      if (options.role && !hasRole(staff.role, options.role)) {
        return refuse("role_needed", `this needs a ${options.role} or above`, { role: options.role });
      }
      let params: P;
      try {
        params = await ctx.params;
      } catch (error) {
        // Next decodes dynamic segments; a segment that cannot be decoded is the caller's mistake.
        console.warn("[api] could not read the route parameters", error);
        return malformedAddress();
      }
      return await handler(req, { staff, params });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/**
 * A malformed percent-encoding (`/api/payments/%ZZ`) is the caller's mistake: 400, not 500.
 * Note: Next 16.4 fails a malformed *dynamic segment* while routing, before any handler runs (its
 * route matcher throws DecodeError; the 400 it then renders needs a Pages `/_error`, which an
 * app-only production build lacks, so it answers 500). That case must be caught in front of
 * routing (proxy.ts); this covers what does reach a handler: its parameters, or its own decoding.
 */
function malformedAddress(): NextResponse<ApiErrorBody> {
  return refuse("bad_percent_encoding", "the request has a malformed percent-encoding (%XX)");
}

export function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) return errorResponse(error);
  // decodeURIComponent's only failure: bad input, not a server fault.
  if (error instanceof URIError) return malformedAddress();
  if (error instanceof $ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    // The field is named for logs and the detail line; zod's own words stay in English.
    return refuse(
      "invalid_field",
      `${where}${first?.message ?? "invalid request"}`,
      first?.path.length ? { field: first.path.join(".") } : undefined,
    );
  }
  console.error("[api] unexpected error", error);
  return refuse("internal", "something went wrong on the server; the request may not have been applied");
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
