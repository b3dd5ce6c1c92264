"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import "@/lib/i18n/catalog/common";

export default function PosError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT();
  return (
    <div role="alert" className="mx-auto w-full max-w-md space-y-4 rounded-2xl bg-failed-light p-6 text-failed">
      <p className="text-lg font-semibold">{t("common.unexpectedError")}</p>
      <Button variant="secondary" onClick={reset}>
        {t("common.retry")}
      </Button>
    </div>
  );
}
