"use client";
/**
 * Client-side providers shared by every page: i18n, TanStack Query, the next-auth session and the
 * service worker (production builds only).
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { SessionProvider } from "next-auth/react";
import { useState, type ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { ServiceWorkerProvider } from "./service-worker";

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 2, refetchOnWindowFocus: true, staleTime: 1_000 },
      // Payments are never retried blindly from here: idempotent replays are the sale flow's job.
      mutations: { retry: 0 },
    },
  });
}

export function AppProviders({ locale, children }: { locale: Locale; children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <ServiceWorkerProvider>
      <I18nProvider initialLocale={locale}>
        <SessionProvider refetchOnWindowFocus={false}>
          <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
        </SessionProvider>
      </I18nProvider>
    </ServiceWorkerProvider>
  );
}
