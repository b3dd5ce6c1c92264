import type { ReactNode } from "react";
import { OutboxProvider } from "@/components/payments/outbox-provider";
import { TopBar } from "@/components/shell/top-bar";
import { requireStaffPage } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/env";

export default async function PosLayout({ children }: { children: ReactNode }) {
  const user = await requireStaffPage();
  return (
    // The outbox runs on every POS page: open payments keep being sent and looked up wherever the cashier is.
    <OutboxProvider>
      <div className="flex min-h-dvh flex-col">
        <TopBar user={{ username: user.username, role: user.role }} isDemo={isDemoMode} />
        <main className="mx-auto flex w-full max-w-6xl flex-1 flex-col px-3 py-4 sm:px-6 sm:py-6">{children}</main>
      </div>
    </OutboxProvider>
  );
}
