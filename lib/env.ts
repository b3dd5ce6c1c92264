/**
 * The only reader of `process.env` in the application. Validated once, on first import.
 * Owns: turning environment variables into a typed `env`. Never: exposes the QFPay client key to
 * anything that reaches the browser (no NEXT_PUBLIC_ variable ever names a key).
 */
import "server-only";
import { parseEnv, type Env } from "./env-schema";

export const env: Env = parseEnv(process.env);
export const isDemoMode = env.SCANTILL_DEMO === "1";
