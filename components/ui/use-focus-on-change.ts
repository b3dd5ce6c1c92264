import { useEffect, useRef } from "react";

/**
 * Moves focus to the returned element whenever `key` changes (a new step, a new outcome), so
 * keyboard and screen-reader users land on what just appeared.
 */
export function useFocusOnChange<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, [key]);
  return ref;
}
