import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { assertRuntimeEnv, parseEnv } from "./lib/env-schema";

// A wrong or missing setting stops start-up with a message that names it. The build needs no
// QFPay credentials, so only the format of whatever is set is checked then.
export default function config(phase: string): NextConfig {
  try {
    const env = parseEnv(process.env);
    if (phase !== PHASE_PRODUCTION_BUILD) assertRuntimeEnv(env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    serverExternalPackages: ["better-sqlite3", "pg", "@node-rs/argon2"],
    // Next's dev server refuses cross-origin dev requests from other devices unless listed.
    allowedDevOrigins: ["127.0.0.1", "localhost"],
  };
}
