import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { DEMO_STAFF } from "@/lib/auth/demo-staff";
import { getStaffUser } from "@/lib/auth/session";
import { tillStaffOf } from "@/lib/auth/staff-sessions";
import type { TillStaff } from "@/lib/contract/till";
import { getDb } from "@/lib/db";
import { isDemoMode } from "@/lib/env";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";
import { LoginScreen } from "./_components/login-screen";
import { safeCallbackPath } from "./_components/safe-callback";
import "@/lib/i18n/catalog/auth-sign-in";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "auth.signInTitle")} · ScanTill` };
}

/** Staff who can switch in by PIN on this device (its cookie), for the PIN screen. */
async function tillStaff(): Promise<TillStaff[]> {
  const jar = await cookies();
  return tillStaffOf(await getDb(), (name) => jar.get(name)?.value);
}

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getStaffUser()) redirect(callbackUrl);
  return (
    <LoginScreen
      callbackUrl={callbackUrl}
      isDemo={isDemoMode}
      demoAccounts={isDemoMode ? DEMO_STAFF : []}
      tillStaff={await tillStaff()}
      startWithPassword={params.mode === "password"}
      initialError={params.error === "CredentialsSignin"}
    />
  );
}
