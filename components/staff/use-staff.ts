import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchStaff, patchStaff, postRevoke, postStaff } from "@/lib/client/staff-api";
import type { AddStaffBody, ChangeResult, StaffPatchBody } from "@/lib/contract/staff";

const staffKeys = {
  list: ["staff", "list"] as const,
};

/** Everyone (managers and owners only: the API refuses cashiers). */
export function useStaffList(enabled = true) {
  return useQuery({ queryKey: staffKeys.list, queryFn: ({ signal }) => fetchStaff(signal), enabled });
}

export type StaffCommand =
  | { kind: "add"; input: AddStaffBody }
  | { kind: "patch"; username: string; body: StaffPatchBody }
  | { kind: "revoke"; username: string };

function run(command: StaffCommand): Promise<ChangeResult> {
  if (command.kind === "add") return postStaff(command.input).then(() => ({ changed: true }));
  if (command.kind === "patch") return patchStaff(command.username, command.body);
  return postRevoke(command.username);
}

/** One change to someone's account; the list is read again after it, whatever happened. */
export function useStaffCommand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    retry: false,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: staffKeys.list }),
  });
}
