/**
 * What the auth route knows about a sign-in before next-auth runs `authorize`: this browser's
 * device (null if it has none yet), the client's address, and a way to issue a device once a
 * password sign-in has succeeded (never before: an unauthenticated client must not be able to
 * fill the devices table). next-auth 4 reads the original request's headers (next/headers), so a
 * cookie added to the request it is given would never reach `authorize`; an AsyncLocalStorage scope
 * carries these instead.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

type SignInContext = { deviceId: string | null; address: string; issueDevice(): Promise<string> };

export const signInContext = new AsyncLocalStorage<SignInContext>();
