"use client";
/**
 * TanStack Query for the parts of the app that read the server through it (payment lists and
 * statuses, reconciliation, staff, audit). It is not in the root layout: the sale screen's keypad
 * never needs it, and the library is ~10 KB gzip of the sale page's first load
 * (docs/first-load.md). Each screen or lazily loaded part that does wraps itself in
 * <QueryProvider>; in the browser they all share one QueryClient (one cache: the outbox's updates
 * reach every list), while each server render gets its own, so no cache is shared between requests
 * (TanStack Query's SSR guide).
 */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { SignedOutError } from "@/lib/client/api-error";
import { sessionEnded } from "@/lib/client/session-end";

/** A read or change refused because the session ended: the page goes to sign-in (lib/client/session-end.ts). */
function onError(error: Error): void {
  if (error instanceof SignedOutError) sessionEnded("request");
}

function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      // Signed out is not retried: asking again cannot sign anyone in, and onError must run now.
      queries: {
        retry: (failures, error) => !(error instanceof SignedOutError) && failures < 2,
        refetchOnWindowFocus: true,
        staleTime: 1_000,
      },
      // Payments are never retried blindly from here: idempotent replays are the sale flow's job.
      mutations: { retry: 0 },
    },
  });
}

let browserClient: QueryClient | undefined;

/** The browser's one QueryClient (a new one per call on the server). */
export function getQueryClient(): QueryClient {
  if (typeof window === "undefined") return createQueryClient();
  return (browserClient ??= createQueryClient());
}

export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(getQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
