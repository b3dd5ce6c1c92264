/**
 * The Staff screens' calls (issue 9): `GET/POST /api/staff`, `PATCH /api/staff/{username}`,
 * `POST /api/staff/{username}/revoke`, `POST /api/staff/me/pin|password`. Browser only; each
 * throws ApiError, whose `code` for a refused change is staff administration's own reason
 * (components/staff/staff-errors.ts words it).
 */
import {
  changeResult,
  staffList,
  staffListItem,
  staffPatchAnswer,
  type AddStaffBody,
  type ChangeResult,
  type OwnPasswordBody,
  type OwnPinBody,
  type StaffListItem,
  type StaffPatchAnswer,
  type StaffPatchBody,
} from "@/lib/contract/staff";
import { requestJson } from "./http";

const path = (username: string) => `/api/staff/${encodeURIComponent(username)}`;

export async function fetchStaff(signal?: AbortSignal): Promise<StaffListItem[]> {
  return (await requestJson(staffList, "GET", "/api/staff", { signal })).staff;
}

export function postStaff(body: AddStaffBody): Promise<StaffListItem> {
  return requestJson(staffListItem, "POST", "/api/staff", { body });
}

export function patchStaff(username: string, body: StaffPatchBody): Promise<StaffPatchAnswer> {
  return requestJson(staffPatchAnswer, "PATCH", path(username), { body });
}

export function postRevoke(username: string): Promise<ChangeResult> {
  return requestJson(changeResult, "POST", `${path(username)}/revoke`);
}

export function postOwnPin(body: OwnPinBody): Promise<ChangeResult> {
  return requestJson(changeResult, "POST", "/api/staff/me/pin", { body });
}

export function postOwnPassword(body: OwnPasswordBody): Promise<ChangeResult> {
  return requestJson(changeResult, "POST", "/api/staff/me/password", { body });
}
