import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  addStaff,
  fetchStaff,
  patchStaff,
  revokeStaff,
  type NewStaff,
  type StaffPatchBody,
} from "@/lib/client/staff-api";

export const staffKeys = {
  list: ["staff", "list"] as const,
};

/** Everyone (managers and owners only: the API refuses cashiers). */
export function useStaffList(enabled = true) {
  return useQuery({ queryKey: staffKeys.list, queryFn: ({ signal }) => fetchStaff(signal), enabled });
}

export type StaffCommand =
  | { kind: "add"; input: NewStaff }
  | { kind: "patch"; username: string; body: StaffPatchBody }
  | { kind: "revoke"; username: string };

function run(command: StaffCommand): Promise<{ changed: boolean }> {
  if (command.kind === "add") return addStaff(command.input).then(() => ({ changed: true }));
  if (command.kind === "patch") return patchStaff(command.username, command.body);
  return revokeStaff(command.username);
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
