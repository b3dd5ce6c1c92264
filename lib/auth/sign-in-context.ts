/**
 * What the auth route knows about a sign-in before next-auth runs `authorize`: the device (made
 * for this request if the browser had none) and the client's address. next-auth 4 reads the
 * original request's headers (next/headers), so a cookie added to the request it is given would
 * never reach `authorize`; an AsyncLocalStorage scope carries it instead.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

export type SignInContext = { deviceId: string; address: string };

export const signInContext = new AsyncLocalStorage<SignInContext>();
