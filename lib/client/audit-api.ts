/** The Audit screen's calls: `GET /api/audit` a page at a time, and the CSV link. Browser only. */
import { auditList, type AuditList } from "@/lib/contract/audit";
import { requestJson } from "./http";

/** The filters as typed; "" means none. */
export type AuditFilterInput = { from: string; to: string; action: string; actor: string; outcome: string };

export const NO_FILTER: AuditFilterInput = { from: "", to: "", action: "", actor: "", outcome: "" };

/** The query string both the list and the CSV download use, so the file has what the screen shows. */
function auditSearch(filter: AuditFilterInput): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value.trim()) params.set(key, value.trim());
  return params;
}

export function auditCsvHref(filter: AuditFilterInput): string {
  const query = auditSearch(filter).toString();
  return `/api/audit/export.csv${query ? `?${query}` : ""}`;
}

/** One page, newest first (`before`: the previous page's `nextBefore`); throws ApiError. */
export function fetchAuditPage(
  filter: AuditFilterInput,
  before: number | undefined,
  signal?: AbortSignal,
): Promise<AuditList> {
  const params = auditSearch(filter);
  if (before) params.set("before", String(before));
  return requestJson(auditList, "GET", `/api/audit?${params.toString()}`, { signal });
}
