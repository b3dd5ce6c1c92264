import type { MessageKey } from "@/lib/i18n/messages";
import { ApiError } from "@/lib/client/api-error";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/staff";

export type Problem = { key: MessageKey; params?: Record<string, string | number> };

/** Words for a refused staff change, from the API's error code (lib/auth/staff-admin.ts reasons). */
export function staffProblem(error: Error, minPasswordLength: number): Problem {
  if (!(error instanceof ApiError)) return { key: "common.unexpectedError" };
  switch (error.code) {
    case "network":
      return { key: "staff.errorNetwork" };
    case "forbidden":
      return { key: "staff.errorForbidden" };
    case "self":
      return { key: "staff.errorSelf" };
    case "last_owner":
      return { key: "staff.errorLastOwner" };
    case "exists":
      return { key: "staff.errorExists" };
    case "bad_username":
      return { key: "staff.errorBadUsername" };
    case "password_too_short":
      return { key: "staff.errorPasswordShort", params: { min: minPasswordLength } };
    case "password_too_long":
      return { key: "staff.errorPasswordLong" };
    case "password_demo":
      return { key: "staff.errorPasswordDemo" };
    case "pin_format":
      return { key: "staff.errorPinFormat" };
    case "pin_too_simple":
      return { key: "staff.errorPinSimple" };
    case "wrong_password":
      return { key: "staff.errorWrongPassword" };
    case "throttled":
      return { key: "staff.errorThrottled" };
    case "not_found":
      return { key: "staff.errorNotFound" };
    default:
      return { key: "common.unexpectedError" };
  }
}
