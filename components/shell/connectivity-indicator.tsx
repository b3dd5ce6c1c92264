import { useT } from "@/components/i18n/i18n-provider";
import { useOutbox } from "@/components/payments/outbox-provider";
import "@/lib/i18n/catalog/outbox";

/** Online/offline as the heartbeat to /api/health tells it, not as the browser guesses. */
export function ConnectivityIndicator() {
  const t = useT();
  const { online } = useOutbox();
  return (
    <span
      data-testid="connectivity"
      data-online={online ? "true" : "false"}
      role="status"
      title={t(online ? "outbox.onlineLabel" : "outbox.offlineLabel")}
      // Below md only the dot shows (the words stay for screen readers and as the title): docs/phone-layout.md §2.
      className={`flex items-center gap-1.5 rounded-lg px-2 py-1 text-sm font-semibold max-md:px-1.5 max-md:py-1.5 ${online ? "text-paid" : "bg-failed-light text-failed"}`}
    >
      <span aria-hidden="true" className={`size-2.5 rounded-full max-md:size-3 ${online ? "bg-paid" : "bg-failed"}`} />
      <span className="max-md:hidden">{t(online ? "outbox.online" : "outbox.offline")}</span>
      <span className="sr-only">{t(online ? "outbox.onlineLabel" : "outbox.offlineLabel")}</span>
    </span>
  );
}
