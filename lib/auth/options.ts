/**
 * next-auth 4 configuration. Two ways in (issue 9):
 * - "credentials": username + password, once per device; enrols the person on the device.
 * - "pin": a person enrolled on this device switches in with their PIN.
 * Both are throttled in the database (sign-in-throttle.ts) and audited. The cookie is a signed JWT
 * carrying only the server-side session id; `session.ts` checks that session on every request.
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { PIN_PATTERN } from "@/lib/contract/pin";
import { getDb } from "@/lib/db";
import { env, isDemoMode } from "@/lib/env";
import { deviceCookieFrom, deviceFromCookie } from "./devices";
import { verifyDecoy, verifyPassword } from "./passwords";
import { sessionPolicy } from "./policy";
import { cookieValue, requestFacts } from "./request-facts";
import { signInContext } from "./sign-in-context";
import { attemptSucceeded, claimAttempt, throttleKeys } from "./sign-in-throttle";
import { endStaffSession, enrolledStaff, enrollOnDevice, forgetOnDevice, startStaffSession } from "./staff-sessions";
import { findStaffForSignIn } from "./staff-store";

const passwordForm = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});
const pinForm = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  pin: z.string().regex(PIN_PATTERN),
});

type AuthorizeRequest = { headers?: Record<string, string | string[] | undefined> } | undefined;

/** next-auth's `user` for a session: the id of our session row, nothing else that could go stale. */
type SessionUser = { id: string; sid: string };

/** The device and client address of this sign-in: from the auth route's scope, else the request. */
async function signInFacts(
  req: AuthorizeRequest,
): Promise<{ deviceId: string | null; address: string; issueDevice: (() => Promise<string>) | null }> {
  const scoped = signInContext.getStore();
  if (scoped) return scoped;
  const db = await getDb();
  return {
    deviceId: await deviceFromCookie(
      db,
      deviceCookieFrom((name) => cookieValue(req?.headers, name)),
    ),
    address: requestFacts(req?.headers).address,
    issueDevice: null,
  };
}

async function authorizePassword(raw: unknown, req: AuthorizeRequest): Promise<SessionUser | null> {
  const parsed = passwordForm.safeParse(raw);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;
  const db = await getDb();
  const facts = await signInFacts(req);
  const { address } = facts;
  const keys = throttleKeys.password(username, address);
  const audit = { actor: { username }, subject: username, deviceId: facts.deviceId, address };
  // The attempt is counted before the password is checked (parallel guesses cannot slip past the
  // lock); while locked, an attempt costs no hashing and writes no audit row.
  if (!(await claimAttempt(db, keys))) return null;
  const user = await findStaffForSignIn(db, username, { allowDemo: isDemoMode });
  const ok = user ? await verifyPassword(user.password_hash, password) : (await verifyDecoy(password), false);
  if (!user || !ok) {
    await recordAudit(db, { ...audit, action: "sign_in", outcome: "refused", detail: { reason: "wrong_credentials" } });
    return null;
  }
  await attemptSucceeded(db, keys);
  // A browser gets its device only now, with a correct password (lib/auth/sign-in-context.ts).
  const deviceId = facts.deviceId ?? (await facts.issueDevice?.()) ?? null;
  if (!deviceId) return null;
  await enrollOnDevice(
    db,
    deviceId,
    { id: user.id, sessionVersion: user.session_version },
    sessionPolicy.deviceTrustMs,
  );
  const sid = await startStaffSession(
    db,
    { userId: user.id, sessionVersion: user.session_version, deviceId, method: "password", address },
    sessionPolicy,
  );
  await recordAudit(db, { ...audit, deviceId, actor: { id: user.id, username }, action: "sign_in" });
  return { id: user.id, sid };
}

async function authorizePin(raw: unknown, req: AuthorizeRequest): Promise<SessionUser | null> {
  const parsed = pinForm.safeParse(raw);
  if (!parsed.success) return null;
  const { username, pin } = parsed.data;
  const db = await getDb();
  const { deviceId, address } = await signInFacts(req);
  if (!deviceId) return null;
  const person = (await enrolledStaff(db, deviceId)).find((s) => s.username === username);
  const audit = { actor: { id: person?.id ?? null, username }, subject: username, deviceId, address };
  if (!person?.pinHash || (!isDemoMode && !(await findStaffForSignIn(db, username, { allowDemo: false })))) {
    if (await claimAttempt(db, throttleKeys.pinUnknown(deviceId))) {
      await verifyDecoy(pin);
      await recordAudit(db, {
        ...audit,
        action: "sign_in_pin",
        outcome: "refused",
        detail: { reason: "not_enrolled" },
      });
    }
    return null;
  }
  const keys = throttleKeys.pin(person.id, deviceId);
  if (!(await claimAttempt(db, keys))) return null;
  if (!(await verifyPassword(person.pinHash, pin))) {
    await recordAudit(db, { ...audit, action: "sign_in_pin", outcome: "refused", detail: { reason: "wrong_pin" } });
    return null;
  }
  await attemptSucceeded(db, keys);
  const sid = await startStaffSession(
    db,
    { userId: person.id, sessionVersion: person.sessionVersion, deviceId, method: "pin", address },
    sessionPolicy,
  );
  await recordAudit(db, { ...audit, action: "sign_in_pin" });
  return { id: person.id, sid };
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  // The JWT only carries the session id; the server-side session row decides how long it lives.
  session: { strategy: "jwt", maxAge: sessionPolicy.maxAgeMs / 1000 },
  // Secure cookies whenever the public address is https (required in live mode, lib/env-schema.ts);
  // never decided from a request header.
  useSecureCookies: env.NEXTAUTH_URL?.startsWith("https://") ?? false,
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Staff",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      authorize: (raw, req) => authorizePassword(raw, req as AuthorizeRequest) as never,
    }),
    CredentialsProvider({
      id: "pin",
      name: "PIN",
      credentials: { username: { label: "Username", type: "text" }, pin: { label: "PIN", type: "password" } },
      authorize: (raw, req) => authorizePin(raw, req as AuthorizeRequest) as never,
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sid = (user as unknown as SessionUser).sid;
      }
      return token;
    },
    // The browser's view of the session (/api/auth/session) names nobody: /api/session does, after checking.
    session({ session }) {
      return { expires: session.expires };
    },
  },
  events: {
    async signOut({ token }) {
      const sid = typeof token?.sid === "string" ? token.sid : null;
      if (!sid) return;
      const db = await getDb();
      if (await endStaffSession(db, sid, "signed_out")) {
        const row = await db
          .selectFrom("staff_sessions as s")
          .innerJoin("users as u", "u.id", "s.user_id")
          .select(["u.id", "u.username", "s.device_id"])
          .where("s.id", "=", sid)
          .executeTakeFirst();
        if (!row) return;
        // Signing out leaves the till: the next time, this person signs in with their password.
        await forgetOnDevice(db, row.device_id, row.id);
        await recordAudit(db, {
          action: "sign_out",
          actor: { id: row.id, username: row.username },
          deviceId: row.device_id,
        });
      }
    },
  },
};
