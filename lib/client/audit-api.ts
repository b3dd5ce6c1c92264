/** The Audit screen's calls: `GET /api/audit` a page at a time, and the CSV link. Browser only. */
import { goToSignIn } from "@/lib/client/sign-in-page";
import type { AuditListResponse } from "@/lib/audit/types";

/** The filters as typed; "" means none. */
export type AuditFilterInput = { from: string; to: string; action: string; actor: string; outcome: string };

export const NO_FILTER: AuditFilterInput = { from: "", to: "", action: "", actor: "", outcome: "" };

export class AuditRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "AuditRequestError";
  }
}

/** The query string both the list and the CSV download use, so the file has what the screen shows. */
export function auditSearch(filter: AuditFilterInput): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value.trim()) params.set(key, value.trim());
  return params;
}

export function auditCsvHref(filter: AuditFilterInput): string {
  const query = auditSearch(filter).toString();
  return `/api/audit/export.csv${query ? `?${query}` : ""}`;
}

export async function fetchAuditPage(
  filter: AuditFilterInput,
  before: number | undefined,
  signal?: AbortSignal,
): Promise<AuditListResponse> {
  const params = auditSearch(filter);
  if (before) params.set("before", String(before));
  let response: Response;
  try {
    response = await fetch(`/api/audit?${params}`, {
      headers: { Accept: "application/json" },
      cache: "no-store",
      signal,
    });
  } catch (error) {
    throw new AuditRequestError(0, "network", error instanceof Error ? error.message : "fetch failed");
  }
  const body = (await response.json().catch(() => null)) as
    (Partial<AuditListResponse> & { error?: { code?: string; message?: string } }) | null;
  if (response.status === 401) goToSignIn();
  if (!response.ok)
    throw new AuditRequestError(
      response.status,
      body?.error?.code ?? `http_${response.status}`,
      body?.error?.message ?? `HTTP ${response.status}`,
    );
  if (!body || !Array.isArray(body.events))
    throw new AuditRequestError(0, "bad_body", "unexpected answer from the server");
  return { events: body.events, nextBefore: typeof body.nextBefore === "number" ? body.nextBefore : null };
}
