/**
 * The errors the browser's API clients throw for the screens' reads and changes (issue 11: one
 * error for every screen). Calls that must tell "refused" from "no answer" (a payment, a cancel, a
 * refund) answer a result kind instead (payments-api.ts).
 */

/**
 * A request that did not give what was asked. `status` is the HTTP status, or 0 when there was no
 * usable answer: no connection (`code` "network") or a body this build cannot read ("bad_body").
 * Otherwise `code` is the API's (lib/contract/errors.ts; staff administration's own reasons) or
 * `http_<status>` for an answer that was not ours.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * The server answered 401: this browser's session has ended. Only reported here; what the page
 * does about it is decided in one place, lib/client/session-end.ts.
 */
export class SignedOutError extends ApiError {
  constructor(code: string, message: string) {
    super(401, code, message);
    this.name = "SignedOutError";
  }
}

/** The server answered and refused (a 4xx, signed out included): asking again gets the same answer. */
export function isRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status > 0 && error.status < 500;
}
