import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchAuditPage, type AuditFilterInput } from "@/lib/client/audit-api";

/** The audit trail for these filters, newest first; `fetchNextPage` loads older rows. */
export function useAuditTrail(filter: AuditFilterInput) {
  return useInfiniteQuery({
    queryKey: ["audit", filter],
    queryFn: ({ pageParam, signal }) => fetchAuditPage(filter, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    retry: (count, error) =>
      !("status" in error && typeof error.status === "number" && error.status >= 400 && error.status < 500) &&
      count < 2,
  });
}
