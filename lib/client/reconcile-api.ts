/**
 * The Reconcile screen's calls: `GET /api/reconciliation?date=` (runs the day now) and
 * `GET /api/reconciliation/latest?trigger=auto` (the daily run's last result). Browser only.
 */
import type { LatestReconciliationResponse, ReconciliationResponse } from "@/lib/reconcile/types";
import { goToSignIn } from "@/lib/client/sign-in-page";

/** A run that did not give a report: `status` 0 means no answer at all. */
export class ReconcileRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ReconcileRequestError";
  }
}

async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json" }, cache: "no-store", signal });
  } catch (error) {
    throw new ReconcileRequestError(0, "network", error instanceof Error ? error.message : "fetch failed");
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.status === 401) goToSignIn();
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof error?.code === "string" ? error.code : `http_${response.status}`;
    const message = typeof error?.message === "string" ? error.message : `HTTP ${response.status}`;
    throw new ReconcileRequestError(response.status, code, message);
  }
  return body;
}

function isReport(value: unknown): value is ReconciliationResponse {
  const v = value as Partial<ReconciliationResponse> | null;
  return (
    !!v &&
    typeof v.date === "string" &&
    typeof v.matched === "object" &&
    Array.isArray(v.differences) &&
    Array.isArray(v.settled) &&
    Array.isArray(v.open)
  );
}

export async function runReconciliation(date: string, signal?: AbortSignal): Promise<ReconciliationResponse> {
  const body = await getJson(`/api/reconciliation?date=${encodeURIComponent(date)}`, signal);
  if (!isReport(body)) throw new ReconcileRequestError(0, "bad_body", "unexpected answer from the server");
  return body;
}

export async function fetchLatestAuto(signal?: AbortSignal): Promise<LatestReconciliationResponse> {
  const body = (await getJson(
    "/api/reconciliation/latest?trigger=auto",
    signal,
  )) as Partial<LatestReconciliationResponse> | null;
  if (!body || typeof body.schedule !== "object" || body.run === undefined)
    throw new ReconcileRequestError(0, "bad_body", "unexpected answer from the server");
  return body as LatestReconciliationResponse;
}
