"use client";
/**
 * Client-side providers shared by every page: i18n and the service worker (production builds
 * only). TanStack Query is provided by the screens that use it (query-provider.tsx), and the
 * session is read from the server (GET /api/session), never through next-auth's SessionProvider:
 * neither belongs in every page's first load (docs/first-load.md).
 */
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { ServiceWorkerSetup } from "./service-worker";

export function AppProviders({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <I18nProvider initialLocale={locale}>
      <ServiceWorkerSetup />
      {children}
    </I18nProvider>
  );
}
