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
      className={`flex items-center gap-1.5 rounded-lg px-2 py-1 text-sm font-semibold ${online ? "text-paid" : "bg-failed-light text-failed"}`}
    >
      <span aria-hidden="true" className={`size-2.5 rounded-full ${online ? "bg-paid" : "bg-failed"}`} />
      {t(online ? "outbox.online" : "outbox.offline")}
      <span className="sr-only">{t(online ? "outbox.onlineLabel" : "outbox.offlineLabel")}</span>
    </span>
  );
}
