import { useEffect, useState } from "react";

/** Whole seconds since `since` (epoch ms), ticking once a second while `running`. */
export function useElapsedSeconds(since: number | null, running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null || !running) return;
    // The clock restarts at once for a new payment: without this, `now` stays the previous tick's
    // (or the mount's) until the first interval fires.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, [since, running]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1_000));
}
