import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DEMO_STAFF } from "@/lib/auth/demo-staff";
import { getStaffUser } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/env";
import { getRequestLocale } from "@/lib/i18n/server-locale";
import { translate } from "@/lib/i18n/translate";
import { LoginScreen } from "./_components/login-screen";
import { safeCallbackPath } from "./_components/safe-callback";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${translate(await getRequestLocale(), "auth.signInTitle")} · ScanTill` };
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
      initialError={params.error === "CredentialsSignin"}
    />
  );
}
