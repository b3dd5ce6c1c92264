/**
 * The Reconcile screen's calls: `GET /api/reconciliation?date=` (runs the day now) and
 * `GET /api/reconciliation/latest?trigger=auto` (the daily run's last result). Browser only; both
 * throw ApiError.
 */
import {
  latestReconciliationResponse,
  reconciliationResponse,
  type LatestReconciliationResponse,
  type ReconciliationResponse,
} from "@/lib/contract/reconcile";
import { requestJson } from "./http";

export function runReconciliation(date: string, signal?: AbortSignal): Promise<ReconciliationResponse> {
  return requestJson(reconciliationResponse, "GET", `/api/reconciliation?date=${encodeURIComponent(date)}`, {
    signal,
  });
}

export function fetchLatestAuto(signal?: AbortSignal): Promise<LatestReconciliationResponse> {
  return requestJson(latestReconciliationResponse, "GET", "/api/reconciliation/latest?trigger=auto", { signal });
}
