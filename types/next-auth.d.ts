import type { Role } from "@/lib/auth/roles";

declare module "next-auth/jwt" {
  interface JWT {
    username?: string;
    role?: Role;
  }
}
