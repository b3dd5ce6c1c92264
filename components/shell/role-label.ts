import type { Role } from "@/lib/auth/roles";
import type { MessageKey } from "@/lib/i18n/messages";
import "@/lib/i18n/catalog/auth";

export const ROLE_LABEL: Record<Role, MessageKey> = {
  cashier: "auth.roleCashier",
  manager: "auth.roleManager",
  owner: "auth.roleOwner",
};
