"use client";
/**
 * Registers ScanTill's service worker (app/sw.ts) in production builds only: `next dev` never
 * registers it, so development always sees the network. Registration waits until the page has
 * loaded and is idle, and its code (service-worker-client.ts, with @serwist/window) is only fetched
 * then: no page needs it to show itself (docs/first-load.md). The page is never reloaded when the
 * network returns (a reload would drop a sale in progress, and it races test teardown), and
 * navigations are not sent to the worker to cache (it keeps its own copy of /sale: app/sw.ts).
 */
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { whenIdle } from "@/components/ui/when-idle";
import { sessionEnded } from "@/lib/client/session-end";

const ENABLED = process.env.NODE_ENV === "production";
const SALE_PATH = "/sale";
const loadClient = () => import("./service-worker-client");

export function ServiceWorkerSetup() {
  const pathname = usePathname();
  useEffect(() => {
    if (!ENABLED || !("serviceWorker" in navigator)) return;
    return whenIdle(() => loadClient().then((client) => client.registerServiceWorker()));
  }, []);

  // Each time the sale screen is shown online, the worker checks it with the server. That keeps its
  // offline copy of /sale fresh (also after a sign-in, which reaches /sale without a page load), and
  // if the server says this browser is signed out (this page may be the worker's copy, served after
  // a slow network's timeout), the copy is dropped and the cashier goes to the sign-in screen.
  useEffect(() => {
    if (!ENABLED || pathname !== SALE_PATH || !("serviceWorker" in navigator) || !navigator.onLine) return;
    let current = true;
    const cancel = whenIdle(() =>
      loadClient()
        .then((client) => client.checkSaleCopy())
        .then((verdict) => {
          if (current && verdict === "signed-out") sessionEnded("offlineCopy");
        }),
    );
    return () => {
      current = false;
      cancel();
    };
  }, [pathname]);
  return null;
}
