import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { paymentKeys } from "@/lib/client/payment-keys";
import { fetchLatestAuto, runReconciliation } from "@/lib/client/reconcile-api";

const reconcileKeys = {
  latestAuto: ["reconciliation", "latest", "auto"] as const,
};

/** The daily run's last result; asked again every minute while the screen is open. */
export function useLatestAutoReconciliation() {
  return useQuery({
    queryKey: reconcileKeys.latestAuto,
    queryFn: ({ signal }) => fetchLatestAuto(signal),
    refetchInterval: (query) => (query.state.data?.run?.status === "running" ? 5_000 : 60_000),
  });
}

/** Runs one day now. Settling changes payments, so their lists (and the attention count) are refreshed after. */
export function useRunReconciliation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => runReconciliation(date),
    retry: false,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: reconcileKeys.latestAuto });
    },
  });
}
