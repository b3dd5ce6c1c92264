/**
 * Why the camera could not start, in the terms the cashier needs to fix it. Pure.
 */

export type CameraProblem =
  "permission_denied" | "no_camera" | "camera_busy" | "insecure_context" | "unsupported" | "unknown";

/** Raised by our engines before `getUserMedia` when the page cannot have a camera at all. */
export class CameraUnavailableError extends Error {
  override readonly name = "CameraUnavailableError";
  constructor(readonly problem: "insecure_context" | "unsupported") {
    super(problem === "insecure_context" ? "camera needs https or localhost" : "this browser has no camera API");
  }
}

/**
 * `navigator.mediaDevices` is undefined outside a secure context (http on a LAN address,
 * `about:blank`: docs/scanning-findings.md §6), so check for that first.
 */
export function cameraApiProblem(env: {
  isSecureContext: boolean | undefined;
  hasGetUserMedia: boolean;
}): CameraUnavailableError | null {
  if (env.isSecureContext === false) return new CameraUnavailableError("insecure_context");
  if (!env.hasGetUserMedia) return new CameraUnavailableError(env.isSecureContext ? "unsupported" : "insecure_context");
  return null;
}

const PROBLEM_BY_ERROR_NAME: Record<string, CameraProblem> = {
  NotAllowedError: "permission_denied",
  PermissionDeniedError: "permission_denied",
  SecurityError: "permission_denied",
  NotFoundError: "no_camera",
  DevicesNotFoundError: "no_camera",
  OverconstrainedError: "no_camera",
  ConstraintNotSatisfiedError: "no_camera",
  NotReadableError: "camera_busy",
  TrackStartError: "camera_busy",
  AbortError: "camera_busy",
};

export function classifyCameraError(error: unknown): CameraProblem {
  if (error instanceof CameraUnavailableError) return error.problem;
  const name = typeof error === "object" && error !== null && "name" in error ? String(error.name) : "";
  return PROBLEM_BY_ERROR_NAME[name] ?? "unknown";
}
