import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    /** The server-side staff session (lib/auth/staff-sessions.ts); the only claim ScanTill trusts. */
    sid?: string;
  }
}
