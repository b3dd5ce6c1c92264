/**
 * The daily reconciliation: once the merchant's clock passes `RECONCILE_AT` (default 03:30, after
 * closing), the previous business day is reconciled, by one app instance only (the claim is the
 * unique `auto_key` row, `store.ts`). Checked about once a minute from start-up; never blocks it
 * and never throws out of the timer.
 */
import "server-only";
import { env } from "@/lib/env";
import { dueAutoDate } from "./dates";
import { reconcileDay, reconcileTimeZone } from "./reconcile-day";
import { claimAutoRun } from "./store";

/** The first check waits for start-up to finish (migrations, the resolver's first passes). */
const FIRST_CHECK_MS = 30_000;
const CHECK_MS = 60_000;

export type AutoRunResult = "off" | "not_due" | "claimed_elsewhere" | "ran" | "error";

/** Reconciles `date` as the daily run if no instance has (or is doing) it. */
export async function runAutoReconciliation(date: string, now: Date = new Date()): Promise<AutoRunResult> {
  const runId = await claimAutoRun(date, now);
  if (runId === null) return "claimed_elsewhere";
  try {
    await reconcileDay(date, { trigger: "auto", actor: "reconcile:auto", runId, now });
    return "ran";
  } catch (error) {
    // Stored as an "error" run by reconcileDay; the claim is tried again later (store.AUTO_RETRY_MS).
    console.error(`[reconcile] the daily run for ${date} failed:`, error instanceof Error ? error.message : error);
    return "error";
  }
}

/** One check of the schedule at `now`. */
export async function checkSchedule(now: Date = new Date(), at: string = env.RECONCILE_AT): Promise<AutoRunResult> {
  if (at === "off") return "off";
  const date = dueAutoDate(now, at, reconcileTimeZone());
  if (date === null) return "not_due";
  return runAutoReconciliation(date, now);
}

const state = globalThis as typeof globalThis & { __scantillReconcileSchedule?: { stop(): void } };

/** Starts the daily check once per process (idempotent); does nothing when RECONCILE_AT is "off". */
export function startReconcileSchedule(): { stop(): void } {
  if (state.__scantillReconcileSchedule) return state.__scantillReconcileSchedule;
  let stopped = env.RECONCILE_AT === "off";
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await checkSchedule();
    } catch (error) {
      console.error("[reconcile] schedule check failed; trying again in a minute", error);
    }
    if (!stopped) {
      timer = setTimeout(() => void tick(), CHECK_MS);
      timer.unref?.();
    }
  };
  if (!stopped) {
    timer = setTimeout(() => void tick(), FIRST_CHECK_MS);
    timer.unref?.();
  }
  state.__scantillReconcileSchedule = {
    stop() {
      stopped = true;
      clearTimeout(timer);
      state.__scantillReconcileSchedule = undefined;
    },
  };
  return state.__scantillReconcileSchedule;
}
