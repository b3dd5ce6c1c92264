/**
 * The Staff screens' calls (issue 9): `GET/POST /api/staff`, `PATCH /api/staff/{username}`,
 * `POST /api/staff/{username}/revoke`, `POST /api/staff/me/pin|password`. Browser only.
 */
import { goToSignIn } from "@/lib/client/sign-in-page";
import type { StaffListItem } from "@/lib/auth/staff-admin";
import type { Role } from "@/lib/auth/roles";

export type { StaffListItem };

/** A call that did not do what was asked: `status` 0 means no answer at all; `code` is the API's. */
export class StaffRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "StaffRequestError";
  }
}

async function call(
  method: "GET" | "POST" | "PATCH",
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers:
        body === undefined
          ? { Accept: "application/json" }
          : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      signal,
    });
  } catch (error) {
    throw new StaffRequestError(0, "network", error instanceof Error ? error.message : "fetch failed");
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (response.status === 401) goToSignIn();
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    throw new StaffRequestError(
      response.status,
      typeof error?.code === "string" ? error.code : `http_${response.status}`,
      typeof error?.message === "string" ? error.message : `HTTP ${response.status}`,
    );
  }
  return json;
}

const path = (username: string) => `/api/staff/${encodeURIComponent(username)}`;

export async function fetchStaff(signal?: AbortSignal): Promise<StaffListItem[]> {
  const body = (await call("GET", "/api/staff", undefined, signal)) as { staff?: unknown } | null;
  if (!body || !Array.isArray(body.staff))
    throw new StaffRequestError(0, "bad_body", "unexpected answer from the server");
  return body.staff as StaffListItem[];
}

export type NewStaff = { username: string; password: string; role: Role; pin?: string | null };

export async function addStaff(input: NewStaff): Promise<StaffListItem> {
  return (await call("POST", "/api/staff", input)) as StaffListItem;
}

export type StaffPatchBody =
  { role: Role } | { password: string } | { pin: string } | { clearPin: true } | { disabled: boolean };

export async function patchStaff(username: string, body: StaffPatchBody): Promise<{ changed: boolean }> {
  return (await call("PATCH", path(username), body)) as { changed: boolean };
}

export async function revokeStaff(username: string): Promise<{ changed: boolean }> {
  return (await call("POST", `${path(username)}/revoke`)) as { changed: boolean };
}

export async function changeOwnPin(currentPassword: string, pin: string): Promise<{ changed: boolean }> {
  return (await call("POST", "/api/staff/me/pin", { currentPassword, pin })) as { changed: boolean };
}

export async function changeOwnPassword(currentPassword: string, password: string): Promise<{ changed: boolean }> {
  return (await call("POST", "/api/staff/me/password", { currentPassword, password })) as { changed: boolean };
}
