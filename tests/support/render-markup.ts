/**
 * Server-renders a component as the app mounts it (TanStack Query and the i18n provider around it),
 * for the render specs under tests/unit/components/. `cache` seeds queries, so a screen renders what
 * it would show once its data has arrived; entities are decoded so assertions read as the screen does.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import type { Locale } from "@/lib/i18n/locales";

type RenderOptions = { locale?: Locale; cache?: Array<[readonly unknown[], unknown]> };

export function renderMarkup(element: ReactElement, { locale = "en", cache = [] }: RenderOptions = {}): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  for (const [key, data] of cache) client.setQueryData(key, data);
  const tree = createElement(QueryClientProvider, {
    client,
    children: createElement(I18nProvider, { initialLocale: locale, children: element }),
  });
  return renderToStaticMarkup(tree).replaceAll("&#x27;", "'").replaceAll("&amp;", "&");
}
