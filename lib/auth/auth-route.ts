/**
 * Wraps next-auth's route handler (app/api/auth/[...nextauth]/route.ts) with what next-auth 4 does
 * not do itself (issue 9):
 * - the body is read with a byte cap (413 without buffering a huge or endless body);
 * - every sign-in happens on a known device: the device cookie (lib/auth/devices.ts) is read here,
 *   or issued once a password sign-in succeeds, through sign-in-context.ts.
 */
import "server-only";
import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readBodyCapped } from "@/lib/http/read-body";
import { toErrorResponse } from "@/lib/http/with-staff";
import { createDevice, deviceCookieFrom, deviceCookieHeader, deviceFromCookie } from "./devices";
import { authOptions } from "./options";
import { requestFacts } from "./request-facts";
import { signInContext } from "./sign-in-context";

/** A sign-in form is a few hundred bytes. */
const MAX_AUTH_BODY_BYTES = 8 * 1024;

const nextAuth = NextAuth(authOptions) as (req: NextRequest, ctx: unknown) => Promise<Response>;

export async function authRoute(req: NextRequest, ctx: unknown): Promise<Response> {
  try {
    return await handle(req, ctx);
  } catch (error) {
    return toErrorResponse(error);
  }
}

/**
 * What next-auth 4 itself answers with a 500 is refused here first (found by tests/security/fuzz.ts):
 * a GET to a credentials callback, a body that is not a form, and a callback URL that is neither a
 * path of ours nor an http(s) address (in the query, the form or next-auth's callback cookie).
 */
function refusal(req: NextRequest, form: URLSearchParams | null): AppError | null {
  const isCallback = req.nextUrl.pathname.startsWith("/api/auth/callback/");
  if (isCallback && req.method !== "POST") return new AppError("method_not_allowed", "sign in with a POST");
  const callbackUrls = [
    req.nextUrl.searchParams.get("callbackUrl"),
    form?.get("callbackUrl") ?? null,
    req.cookies.get("next-auth.callback-url")?.value ?? null,
    req.cookies.get("__Secure-next-auth.callback-url")?.value ?? null,
  ];
  if (callbackUrls.some((url) => url !== null && !isAcceptableCallbackUrl(url)))
    return new AppError("bad_callback_url", "callbackUrl must be a path on this till");
  return null;
}

function isAcceptableCallbackUrl(raw: string): boolean {
  let url = raw;
  // next-auth writes its callback cookie %-encoded.
  if (/^https?%3A/i.test(url)) {
    try {
      url = decodeURIComponent(url);
    } catch {
      return false;
    }
  }
  if (url.startsWith("/")) return !url.startsWith("//") && !url.startsWith("/\\") && !/[\u0000-\u001f\\]/.test(url);
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    return false;
  }
}

async function handle(req: NextRequest, ctx: unknown): Promise<Response> {
  if (req.method !== "POST") {
    const refused = refusal(req, null);
    if (refused) throw refused;
    return nextAuth(req, ctx);
  }
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type) || type.includes(",")) {
    throw new AppError("wrong_media_type", "send the sign-in form as application/x-www-form-urlencoded");
  }
  const body = await readBodyCapped(req, MAX_AUTH_BODY_BYTES);
  const refused = refusal(req, new URLSearchParams(body.toString("utf8")));
  if (refused) throw refused;
  const inner = new NextRequest(req.url, { method: "POST", headers: req.headers, body: new Uint8Array(body) });
  if (!req.nextUrl.pathname.startsWith("/api/auth/callback/")) return nextAuth(inner, ctx);

  const db = await getDb();
  const facts = requestFacts(req.headers);
  const deviceId = await deviceFromCookie(
    db,
    deviceCookieFrom((name) => req.cookies.get(name)?.value),
  );
  let newDeviceCookie: string | null = null;
  const issueDevice = async () => {
    const device = await createDevice(db);
    newDeviceCookie = device.cookie;
    return device.id;
  };
  const response = await signInContext.run({ deviceId, address: facts.address, issueDevice }, () =>
    nextAuth(inner, ctx),
  );
  if (!newDeviceCookie) return response;
  const withCookie = new Response(response.body, response);
  withCookie.headers.append("set-cookie", deviceCookieHeader(newDeviceCookie, facts.https));
  return withCookie;
}
