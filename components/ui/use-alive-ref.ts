import { useEffect, useRef } from "react";

/** `current` is false once the component has unmounted: an answer that arrives later changes no state. */
export function useAliveRef() {
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  return alive;
}
