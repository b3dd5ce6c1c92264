"use client";
/**
 * The lock screen's place on every POS page. Its panel (the staff list, the PIN pad, next-auth's
 * sign-in) is loaded when the page is idle, not with it (docs/first-load.md), so a till that locks
 * later, even offline with no service worker yet, has it.
 */
import { useEffect } from "react";
import { clientLazy } from "@/components/ui/client-lazy";
import { whenIdle } from "@/components/ui/when-idle";
import { useTillSession } from "./till-session-provider";

const loadPanel = () => import("./lock-screen-panel").then((m) => m.LockScreenPanel);
const LockScreenPanel = clientLazy(loadPanel);

export function LockScreen() {
  const { locked } = useTillSession();
  useEffect(() => whenIdle(loadPanel), []);
  return locked ? <LockScreenPanel /> : null;
}
