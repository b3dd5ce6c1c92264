/**
 * Errors the app means to show: a stable `code` for programs, a `message` for people, and the HTTP
 * status the route wrapper answers with. Anything else that escapes is a 500 with no details.
 */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  /** The caller's role is not enough, but a manager's PIN on this till would be (issue 9). */
  approval_required: 403,
  /** The approving PIN/password was wrong, throttled, or its person may not approve this. */
  approval_refused: 403,
  /** A queued payment names a scanner whose sign-in no longer vouches for it: nothing was sent. */
  scanner_unverified: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
  }
  get httpStatus(): number {
    return ERROR_STATUS[this.code];
  }
}
