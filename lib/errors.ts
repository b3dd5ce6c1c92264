/**
 * Errors the app means to answer with: a `reason` from the contract (lib/contract/errors.ts), which
 * names the kind of refusal and so the HTTP status, the facts its sentence needs, and an English
 * `message` for logs and programs. Anything else that escapes is a 500 with no details.
 */
import type { ErrorParams } from "@/lib/contract/error-body";
import { ERROR_REASONS, ERROR_STATUS, type ErrorCode, type ErrorReason } from "@/lib/contract/errors";

export { ERROR_STATUS, type ErrorCode };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason: ErrorReason | null;
  readonly params: ErrorParams | undefined;
  /**
   * `reason`: one of the contract's reasons, or, for a refusal whose words a screen of its own
   * chooses from `code` (staff administration: lib/auth/staff-admin.ts), `{ code }`.
   */
  constructor(reason: ErrorReason | { code: ErrorCode }, message: string, params?: ErrorParams) {
    super(message);
    this.name = "AppError";
    this.code = typeof reason === "string" ? ERROR_REASONS[reason] : reason.code;
    this.reason = typeof reason === "string" ? reason : null;
    this.params = params;
  }
  get httpStatus(): number {
    return ERROR_STATUS[this.code];
  }
}
