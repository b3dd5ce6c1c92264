import { authRoute } from "@/lib/auth/auth-route";

// GET|POST /api/auth/* – next-auth's sign-in, sign-out, session and CSRF endpoints (body capped,
// device cookie set on first sign-in: lib/auth/auth-route.ts)
export { authRoute as GET, authRoute as POST };
