/**
 * next-auth 4 configuration: staff sign in with username and password (Credentials provider);
 * the session is a signed JWT cookie carrying id, username and role.
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { isRole, type StaffUser } from "./roles";
import { clearSignInFailures, isSignInLocked, recordSignInFailure } from "./sign-in-throttle";
import { verifyStaffCredentials } from "./staff-store";

const credentials = z.object({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(256) });

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Staff",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const { username, password } = parsed.data;
        if (isSignInLocked(username)) return null;
        const user = await verifyStaffCredentials(await getDb(), username, password);
        if (!user) {
          recordSignInFailure(username);
          return null;
        }
        clearSignInFailures(username);
        return { id: user.id, name: user.username, username: user.username, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const staff = user as unknown as StaffUser;
        token.sub = staff.id;
        token.username = staff.username;
        token.role = staff.role;
      }
      return token;
    },
    session({ session, token }) {
      const role = isRole(token.role) ? token.role : undefined;
      session.user = { ...session.user, id: token.sub, username: token.username, role } as typeof session.user;
      return session;
    },
  },
};
