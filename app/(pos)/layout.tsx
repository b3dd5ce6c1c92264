import type { ReactNode } from "react";
import { TopBar } from "@/components/shell/top-bar";
import { requireStaffPage } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/env";

export default async function PosLayout({ children }: { children: ReactNode }) {
  const user = await requireStaffPage();
  return (
    <div className="flex min-h-dvh flex-col">
      <TopBar user={{ username: user.username, role: user.role }} isDemo={isDemoMode} />
      <main className="mx-auto flex w-full max-w-6xl flex-1 flex-col px-3 py-4 sm:px-6 sm:py-6">{children}</main>
    </div>
  );
}
