import type { Metadata } from "next";
import { buttonClasses } from "@/components/ui/button";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";
import "@/lib/i18n/catalog/common";
import "@/lib/i18n/catalog/not-found";

export const metadata: Metadata = { title: "ScanTill", robots: { index: false } };

/**
 * Our own 404 in place of Next's built-in one, whose inline <style> and style="" attributes the
 * pages' Content-Security-Policy blocks (docs/security-headers.md §2): this one is Tailwind classes only.
 */
export default async function NotFound() {
  const locale = await getRequestLocale();
  return (
    <main
      data-testid="not-found-page"
      className="mx-auto flex min-h-dvh w-full max-w-md flex-col justify-center gap-5 px-6 py-10"
    >
      <p className="text-lg font-bold text-brand">{translate(locale, "common.appName")}</p>
      <h1 className="text-2xl font-bold text-ink">{translate(locale, "common.notFoundTitle")}</h1>
      <p className="text-lg text-ink">{translate(locale, "common.notFoundBody")}</p>
      <div>
        <a href="/sale" className={buttonClasses("primary")}>
          {translate(locale, "common.openTill")}
        </a>
      </div>
    </main>
  );
}
