/**
 * The service worker's browser side, loaded once the page is up (service-worker.tsx), not with it
 * (docs/first-load.md): registration through @serwist/window, and the sale screen's question to the
 * worker about its offline copy of /sale (app/sw.ts, `scantill:check-sale`).
 */
import { Serwist } from "@serwist/window";

const SW_URL = "/serwist/sw.js";

/** Registers app/sw.ts once per page. */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  const holder = window as Window & { serwist?: unknown };
  if (holder.serwist instanceof Serwist) return;
  const serwist = new Serwist(SW_URL, { scope: "/", type: "module" });
  holder.serwist = serwist;
  // Registration can fail (a browser or policy that blocks workers, a private window): the till
  // still works online, so say so rather than leave an uncaught rejection on the page.
  serwist.register().catch((error: unknown) => console.warn("[scantill] service worker not registered:", error));
}

export type SaleVerdict = "signed-in" | "signed-out" | "unknown";

function askWorker(worker: ServiceWorker | null): Promise<SaleVerdict> {
  if (!worker) return Promise.resolve("unknown");
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve("unknown"), 15_000);
    channel.port1.onmessage = (event: MessageEvent<{ verdict?: SaleVerdict }>) => {
      clearTimeout(timer);
      resolve(event.data?.verdict ?? "unknown");
    };
    worker.postMessage({ type: "scantill:check-sale" }, [channel.port2]);
  });
}

/** Asks the worker (once it is ready) to check its copy of /sale with the server. */
export async function checkSaleCopy(): Promise<SaleVerdict> {
  const registration = await navigator.serviceWorker.ready;
  return askWorker(registration.active);
}
