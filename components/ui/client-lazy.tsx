"use client";
/**
 * A part of a screen loaded on demand, in the browser only (docs/first-load.md): React.lazy behind
 * a hydration gate, so the server never renders it and hydration never waits for it. This is what
 * `next/dynamic` with `ssr: false` does, without its server-rendering machinery in the first load
 * (~2 KB gzip). `load()` is also what a screen calls to fetch the part ahead of time (whenIdle).
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { useHydrated } from "./use-hydrated";

export function clientLazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode = null,
): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() })) as unknown as ComponentType<P>;
  function ClientLazy(props: P) {
    const hydrated = useHydrated();
    if (!hydrated) return fallback;
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return ClientLazy;
}
