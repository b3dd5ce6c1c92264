"use client";
/**
 * Registers ScanTill's service worker (app/sw.ts) in production builds only: `next dev` never
 * registers it, so development always sees the network. Registration waits for the page's load
 * event (@serwist/window's default), and the page is never reloaded when the network returns
 * (`reloadOnOnline` off: a reload would drop a sale in progress, and it races test teardown).
 */
import { SerwistProvider } from "@serwist/turbopack/react";
import { usePathname } from "next/navigation";
import { useEffect, type ReactNode } from "react";

const ENABLED = process.env.NODE_ENV === "production";
const SALE_PATH = "/sale";

export function ServiceWorkerProvider({ children }: { children: ReactNode }) {
  return (
    <SerwistProvider swUrl="/serwist/sw.js" disable={!ENABLED} register={ENABLED} reloadOnOnline={false} cacheOnNavigation={false}>
      {ENABLED && <SaleCopyCheck />}
      {children}
    </SerwistProvider>
  );
}

type Verdict = "signed-in" | "signed-out" | "unknown";

function askWorker(worker: ServiceWorker | null): Promise<Verdict> {
  if (!worker) return Promise.resolve("unknown");
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve("unknown"), 15_000);
    channel.port1.onmessage = (event: MessageEvent<{ verdict?: Verdict }>) => {
      clearTimeout(timer);
      resolve(event.data?.verdict ?? "unknown");
    };
    worker.postMessage({ type: "scantill:check-sale" }, [channel.port2]);
  });
}

/**
 * Each time the sale screen is shown online, the worker checks it with the server. That keeps its
 * offline copy of /sale fresh (also after a sign-in, which reaches /sale without a page load), and
 * if the server says this browser is signed out (this page may be the worker's copy, served after
 * a slow network's timeout), the copy is dropped and the cashier goes to the sign-in screen.
 */
function SaleCopyCheck() {
  const pathname = usePathname();
  useEffect(() => {
    if (pathname !== SALE_PATH || !("serviceWorker" in navigator) || !navigator.onLine) return;
    let current = true;
    void navigator.serviceWorker.ready
      .then((registration) => askWorker(registration.active))
      .then((verdict) => {
        if (current && verdict === "signed-out") location.replace(`/login?callbackUrl=${encodeURIComponent(SALE_PATH)}`);
      });
    return () => {
      current = false;
    };
  }, [pathname]);
  return null;
}
