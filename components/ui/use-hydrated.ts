import { useSyncExternalStore } from "react";

const noop = () => () => {};

/** False during the server render and hydration, true once React handles events. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
