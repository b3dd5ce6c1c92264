import "server-only";
import { env } from "@/lib/env";
import type { SessionPolicy } from "./staff-sessions";

/** Session lifetimes from configuration (lib/env-schema.ts). The idle end allows the till's one-minute heartbeat. */
export const sessionPolicy: SessionPolicy = {
  maxAgeMs: env.SESSION_MAX_HOURS * 3_600_000,
  idleMs: env.TILL_LOCK_MINUTES * 60_000 + 60_000,
  deviceTrustMs: env.DEVICE_TRUST_DAYS * 86_400_000,
};

/** What the till's browser needs to lock itself on time. */
export const tillLockMs = env.TILL_LOCK_MINUTES * 60_000;
