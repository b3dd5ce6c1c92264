/**
 * What the catalogue API's route handlers share (app/api/catalogue/**, docs/catalogue.md §3): who is
 * acting, the `{id}` in the address, and whether a list may include inactive rows.
 */
import "server-only";
import type { NextRequest } from "next/server";
import { requestFacts } from "@/lib/auth/request-facts";
import { hasRole } from "@/lib/auth/roles";
import type { ActiveStaff } from "@/lib/auth/staff-sessions";
import type { CatalogueActor } from "@/lib/catalogue/store";
import type { ErrorReason } from "@/lib/contract/errors";
import { AppError } from "@/lib/errors";
import { readBodyCapped } from "./read-body";

export function catalogueActor(staff: ActiveStaff, req: NextRequest): CatalogueActor {
  return {
    id: staff.id,
    username: staff.username,
    deviceId: staff.deviceId,
    address: requestFacts(req.headers).address,
  };
}

/** Ids are ours (UUIDs, or the demo menu's names): anything else names no row, so no lookup runs. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function catalogueIdParam(raw: string, notFound: ErrorReason): string {
  if (!ID_PATTERN.test(raw)) throw new AppError(notFound, "no catalogue row with that id");
  return raw;
}

/**
 * `?inactive=1`: a manager's list includes inactive rows (to edit them); the till's list never
 * does, and a cashier asking for them is refused rather than silently given less.
 */
export function includeInactive(req: NextRequest, staff: ActiveStaff): boolean {
  const asked = req.nextUrl.searchParams.get("inactive");
  if (asked === null || asked === "0" || asked === "") return false;
  if (asked !== "1") throw new AppError("invalid_filter", "inactive must be 1 or 0");
  if (!hasRole(staff.role, "manager")) {
    throw new AppError("role_needed", "inactive items are for a manager or above", { role: "manager" });
  }
  return true;
}

/** A catalogue is a few hundred rows; 1 MB holds thousands and refuses a file that is no catalogue. */
const MAX_CSV_BYTES = 1024 * 1024;

/** The import's body: CSV text in UTF-8 (`text/csv`; `text/plain` too, as some tools send it). */
export async function readCatalogueCsvBody(req: NextRequest): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^text\/(csv|plain)\b/i.test(type)) throw new AppError("wrong_media_type", "send the file as text/csv");
  const bytes = await readBodyCapped(req, MAX_CSV_BYTES);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid_field", "the file is not UTF-8 text", { field: "file" });
  }
}
