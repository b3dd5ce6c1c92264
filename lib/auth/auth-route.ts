/**
 * Wraps next-auth's route handler (app/api/auth/[...nextauth]/route.ts) with what next-auth 4 does
 * not do itself (issue 9):
 * - the body is read with a byte cap (413 without buffering a huge or endless body);
 * - every sign-in happens on a known device: the device cookie (lib/auth/devices.ts) is made here
 *   if the browser has none, and handed to `authorize` through sign-in-context.ts.
 */
import "server-only";
import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { getDb } from "@/lib/db";
import { readBodyCapped } from "@/lib/http/read-body";
import { toErrorResponse } from "@/lib/http/with-staff";
import { createDevice, DEVICE_COOKIE, deviceCookieHeader, deviceFromCookie } from "./devices";
import { authOptions } from "./options";
import { requestFacts } from "./request-facts";
import { signInContext } from "./sign-in-context";

/** A sign-in form is a few hundred bytes. */
const MAX_AUTH_BODY_BYTES = 8 * 1024;

const nextAuth = NextAuth(authOptions) as (req: NextRequest, ctx: unknown) => Promise<Response>;

export async function authRoute(req: NextRequest, ctx: unknown): Promise<Response> {
  if (req.method !== "POST") return nextAuth(req, ctx);
  let body: Buffer;
  try {
    body = await readBodyCapped(req, MAX_AUTH_BODY_BYTES);
  } catch (error) {
    return toErrorResponse(error);
  }
  const inner = new NextRequest(req.url, { method: "POST", headers: req.headers, body: new Uint8Array(body) });
  if (!req.nextUrl.pathname.startsWith("/api/auth/callback/")) return nextAuth(inner, ctx);

  const db = await getDb();
  const facts = requestFacts(req.headers);
  let deviceId = await deviceFromCookie(db, req.cookies.get(DEVICE_COOKIE)?.value);
  let newDeviceCookie: string | null = null;
  if (!deviceId) {
    const device = await createDevice(db);
    deviceId = device.id;
    newDeviceCookie = device.cookie;
  }
  const response = await signInContext.run({ deviceId, address: facts.address }, () => nextAuth(inner, ctx));
  if (!newDeviceCookie) return response;
  const withCookie = new Response(response.body, response);
  withCookie.headers.append("set-cookie", deviceCookieHeader(newDeviceCookie, facts.https));
  return withCookie;
}
