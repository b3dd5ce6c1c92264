import { useT } from "@/components/i18n/i18n-provider";
import "@/lib/i18n/catalog/auth";

export function DemoBadge() {
  const t = useT();
  return (
    <span
      data-testid="demo-badge"
      title={t("auth.demoBadgeLabel")}
      className="rounded-md bg-pending px-1.5 py-0.5 text-xs font-bold tracking-wider text-white"
    >
      <span aria-hidden="true">{t("auth.demoBadge")}</span>
      <span className="sr-only">{t("auth.demoBadgeLabel")}</span>
    </span>
  );
}
