/**
 * The till's session requests (issue 9): `GET /api/session`, `POST /api/session/lock`,
 * `GET /api/till/staff`. None of them throws or navigates: a signed-out answer is reported, and the
 * till session decides (lib/client/session-end.ts).
 */
import { tillSession, tillStaffList, type TillSession, type TillStaff } from "@/lib/contract/till";
import { isSuccess, send } from "./http";

export type SessionAnswer = { kind: "active"; session: TillSession } | { kind: "signedOut" } | { kind: "unreachable" };

export async function fetchTillSession(signal?: AbortSignal): Promise<SessionAnswer> {
  const sent = await send("GET", "/api/session", { signal });
  if ("unreachable" in sent) return { kind: "unreachable" };
  if (sent.status === 401) return { kind: "signedOut" };
  const parsed = tillSession.safeParse(sent.body);
  return isSuccess(sent.status) && parsed.success ? { kind: "active", session: parsed.data } : { kind: "unreachable" };
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

/**
 * Who may switch in by PIN on this device (the lock screen, the approval dialog), or null when
 * there is no list to show (no answer, signed out, an answer we cannot read).
 */
export async function fetchTillStaff(signal?: AbortSignal): Promise<TillStaff[] | null> {
  const sent = await send("GET", "/api/till/staff", { signal });
  if ("unreachable" in sent || !isSuccess(sent.status)) return null;
  const parsed = tillStaffList.safeParse(sent.body);
  return parsed.success ? parsed.data.staff : null;
}
