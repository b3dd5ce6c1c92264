/**
 * Session cookies that must count as signed out (issue 9): garbage, a next-auth JWT encrypted with
 * another secret, one with the right secret but a session id the server never issued (the cookie
 * alone must never be enough: lib/auth/session.ts looks the session up), one with a real user id
 * but no session id (the shape of a pre-issue-9 token), an unsigned "alg: none" JWT, a tampered
 * real token, and tokens at and past the 8,000-character limit.
 */
import { randomUUID } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { cookieValue } from "./server-harness";

/** The session cookie's name over plain http (lib/auth/session.ts). */
export const SESSION_COOKIE = "next-auth.session-token";

export type ForgedSession = { label: string; token: string };

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export async function forgedSessions(secret: string, realCookie: string): Promise<ForgedSession[]> {
  const real = cookieValue(realCookie, SESSION_COOKIE);
  if (!real) throw new Error("the signed-in cookie has no session token");
  const claims = await decode({ token: real, secret });
  if (!claims?.sid || !claims.sub) throw new Error("the real token carries no session id");
  const now = Math.floor(Date.now() / 1000);
  const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === "A" ? "B" : "A") + s.slice(at + 1);
  return [
    { label: "garbage", token: "garbage" },
    { label: "empty", token: "" },
    {
      label: "wrong secret, real session id",
      token: await encode({ token: { ...claims }, secret: `${secret}-not-it-0123456789abcdef` }),
    },
    {
      label: "right secret, unknown session id",
      token: await encode({ token: { sub: claims.sub, sid: randomUUID(), iat: now }, secret }),
    },
    {
      label: "right secret, user id without session id",
      token: await encode({ token: { sub: claims.sub, name: "owner", role: "owner", iat: now }, secret }),
    },
    {
      label: "right secret, session id of another type",
      token: await encode({ token: { sub: claims.sub, sid: { $ne: null } as unknown as string, iat: now }, secret }),
    },
    {
      label: "alg none",
      token: `${b64url({ alg: "none", typ: "JWT" })}.${b64url({ sid: claims.sid, sub: claims.sub })}.`,
    },
    { label: "tampered real token", token: flip(real, Math.floor(real.length / 2)) },
    { label: "8,001 characters", token: "A".repeat(8_001) },
  ];
}
