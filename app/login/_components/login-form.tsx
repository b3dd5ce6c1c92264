import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { preloadAuthClient, signedInSession, signInWith } from "@/lib/client/auth-client";
import { useT } from "@/components/i18n/i18n-provider";
import { storeSession } from "@/components/till/till-session-store";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { MessageKey } from "@/lib/i18n/messages";
import "@/lib/i18n/catalog/auth-sign-in";

type Props = {
  callbackUrl: string;
  username: string;
  password: string;
  onUsername: (value: string) => void;
  onPassword: (value: string) => void;
  initialError: boolean;
  usernameRef: RefObject<HTMLInputElement | null>;
  submitRef: RefObject<HTMLButtonElement | null>;
};

const FIELD_CLASS =
  "mt-1 block min-h-touch w-full rounded-xl border-2 border-slate-300 bg-white px-4 text-lg text-ink focus:border-brand focus:outline-none focus-visible:ring-2 focus-visible:ring-brand/40";

export function LoginForm({
  callbackUrl,
  username,
  password,
  onUsername,
  onPassword,
  initialError,
  usernameRef,
  submitRef,
}: Props) {
  const t = useT();
  const router = useRouter();
  const hydrated = useHydrated();
  useEffect(preloadAuthClient, []);
  const passwordRef = useRef<HTMLInputElement>(null);
  // What was typed before React took the page over (a slow tablet, or a page opened by
  // location.assign from the lock screen): hydrating controlled fields would wipe it, so adopt it.
  useEffect(() => {
    const typedName = usernameRef.current?.value ?? "";
    const typedPassword = passwordRef.current?.value ?? "";
    if (typedName && !username) onUsername(typedName);
    if (typedPassword && !password) onPassword(typedPassword);
    // Once, at hydration: later the fields are React's.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run once, see above
  }, []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(initialError ? "auth.wrongCredentials" : null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError("auth.missingCredentials");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await signInWith("credentials", { username, password });
      if (result?.ok && !result.error) {
        // The till remembers who is here (and forgets any earlier lock) before it opens.
        const session = await signedInSession();
        if (session) storeSession(session);
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setError(result?.error ? "auth.wrongCredentials" : "auth.signInUnavailable");
    } catch {
      setError("auth.signInUnavailable");
    }
    setBusy(false);
    usernameRef.current?.select();
  };

  return (
    <form
      method="post"
      onSubmit={(event) => void submit(event)}
      noValidate
      className="space-y-4"
      aria-describedby={error ? "login-error" : undefined}
    >
      <label className="block">
        <span className="font-semibold">{t("auth.username")}</span>
        <input
          ref={usernameRef}
          data-testid="login-username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          value={username}
          onChange={(event) => onUsername(event.target.value)}
          aria-invalid={error === "auth.wrongCredentials" || undefined}
          className={FIELD_CLASS}
        />
      </label>
      <label className="block">
        <span className="font-semibold">{t("auth.password")}</span>
        <input
          ref={passwordRef}
          data-testid="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => onPassword(event.target.value)}
          aria-invalid={error === "auth.wrongCredentials" || undefined}
          className={FIELD_CLASS}
        />
      </label>
      {error && (
        <p
          id="login-error"
          data-testid="login-error"
          role="alert"
          className="rounded-xl bg-failed-light p-3 font-semibold text-failed"
        >
          {t(error)}
        </p>
      )}
      <Button
        ref={submitRef}
        type="submit"
        data-testid="login-submit"
        size="xl"
        className="w-full"
        disabled={busy || !hydrated}
      >
        {busy ? t("auth.submitting") : t("auth.submit")}
      </Button>
    </form>
  );
}
