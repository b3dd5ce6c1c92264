/** The till's session requests (GET /api/session, POST /api/session/lock, GET /api/till/staff). */
import type { TillSession, TillStaff } from "@/lib/auth/till-session";

export type SessionAnswer = { kind: "active"; session: TillSession } | { kind: "signedOut" } | { kind: "unreachable" };

function isTillSession(value: unknown): value is TillSession {
  const v = value as TillSession | null;
  return (
    !!v &&
    typeof v.scanProof === "string" &&
    typeof v.lockAfterMs === "number" &&
    typeof v.staff?.username === "string" &&
    typeof v.staff?.role === "string"
  );
}

export async function fetchTillSession(signal?: AbortSignal): Promise<SessionAnswer> {
  try {
    const res = await fetch("/api/session", { cache: "no-store", headers: { Accept: "application/json" }, signal });
    if (res.status === 401) return { kind: "signedOut" };
    if (!res.ok) return { kind: "unreachable" };
    const body: unknown = await res.json();
    return isTillSession(body) ? { kind: "active", session: body } : { kind: "unreachable" };
  } catch {
    return { kind: "unreachable" };
  }
}

/** True when the server has ended the session (or there was none left to end). */
export async function lockOnServer(): Promise<boolean> {
  try {
    const res = await fetch("/api/session/lock", {
      method: "POST",
      cache: "no-store",
      signal: AbortSignal.timeout(5_000),
    });
    return res.ok || res.status === 401;
  } catch {
    return false;
  }
}

export async function fetchTillStaff(): Promise<TillStaff[] | null> {
  try {
    const res = await fetch("/api/till/staff", { cache: "no-store", headers: { Accept: "application/json" } });
    if (!res.ok) return null;
    const body = (await res.json()) as { staff?: TillStaff[] };
    return Array.isArray(body.staff) ? body.staff : null;
  } catch {
    return null;
  }
}
