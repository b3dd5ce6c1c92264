import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/providers/app-providers";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import "./globals.css";

export const metadata: Metadata = {
  title: "ScanTill",
  description: "Wallet payments at the counter, through QFPay",
  applicationName: "ScanTill",
  icons: { icon: "/icon.svg", apple: "/icons/icon-192.png" },
  // Installable: app/manifest.ts (linked by Next); iOS reads these instead of the manifest.
  appleWebApp: { capable: true, title: "ScanTill", statusBarStyle: "default" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0f766e",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so Next can put that request's CSP nonce (proxy.ts) on
  // its scripts: a page prerendered at build time has scripts without one, which the policy
  // blocks (docs/security-headers.md §1). Reading the locale cookie makes pages dynamic already;
  // this says so on purpose, so the pages stay dynamic if the locale code changes.
  await connection();
  const locale = await getRequestLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <AppProviders locale={locale}>{children}</AppProviders>
      </body>
    </html>
  );
}
