/**
 * JSON of `GET /api/health` (200 when `ok`, else 503), built by lib/health.ts. The till's heartbeat
 * reads only the status (lib/offline/connectivity.ts).
 */
import * as z from "zod/mini";

export const health = z.object({ ok: z.boolean(), database: z.enum(["up", "down"]) });
export type Health = z.infer<typeof health>;
