import type { Metadata } from "next";
import { OfflineScreen } from "./offline-screen";

export const metadata: Metadata = { title: "ScanTill · Offline", robots: { index: false } };

/**
 * Precached by the service worker and shown for any page that cannot load without the network
 * (the sale screen itself opens from the worker's copy instead). Its text follows the cashier's
 * language cookie at the time it is shown, not when it was precached.
 */
export default function OfflinePage() {
  return <OfflineScreen />;
}
