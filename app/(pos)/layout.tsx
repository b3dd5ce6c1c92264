import type { ReactNode } from "react";
import { OutboxProvider } from "@/components/payments/outbox-provider";
import { TopBar } from "@/components/shell/top-bar";
import { LockScreen } from "@/components/till/lock-screen";
import { TillSessionProvider } from "@/components/till/till-session-provider";
import { requireStaffPage } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/env";

export default async function PosLayout({ children }: { children: ReactNode }) {
  const user = await requireStaffPage();
  return (
    // Who is at the till (PIN switch, idle lock) wraps the outbox: queued payments wait while it is locked.
    <TillSessionProvider initialStaff={{ id: user.id, username: user.username, role: user.role }}>
      {/* The outbox runs on every POS page: open payments keep being sent and looked up wherever the cashier is. */}
      <OutboxProvider>
        <div className="flex min-h-dvh flex-col">
          <TopBar isDemo={isDemoMode} />
          <main className="mx-auto flex w-full max-w-6xl flex-1 flex-col px-3 py-3 sm:px-6 sm:py-6">{children}</main>
        </div>
        <LockScreen />
      </OutboxProvider>
    </TillSessionProvider>
  );
}
