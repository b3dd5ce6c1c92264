import "server-only";
import { sql } from "kysely";
import { getDb } from "@/lib/db";

import type { Health } from "@/lib/contract/health";

/** The app is healthy when its database answers a trivial query. */
export async function checkHealth(): Promise<Health> {
  try {
    await sql`select 1`.execute(await getDb());
    return { ok: true, database: "up" };
  } catch (error) {
    console.error("[health] database check failed", error);
    return { ok: false, database: "down" };
  }
}
