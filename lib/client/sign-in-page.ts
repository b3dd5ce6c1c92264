/**
 * The one way the browser sends someone to the sign-in page. A full page load on purpose: the
 * signed-out or locked session's client state (query cache, outbox provider, till session) must not
 * survive into the sign-in page. The page comes back to `back` (by default where they were).
 */
type SignInOptions = {
  /** The password form even where the browser knows staff (the lock screen's "use password"). */
  password?: boolean;
  /** Where to come back to; default: the current page. */
  back?: string;
  /** Replace this page in the history instead of adding one (a copy of the page that must not be returned to). */
  replace?: boolean;
};

function signInPath({ password = false, back }: Pick<SignInOptions, "password" | "back"> = {}): string {
  const to = back ?? window.location.pathname + window.location.search;
  return `/login?${password ? "mode=password&" : ""}callbackUrl=${encodeURIComponent(to)}`;
}

export function goToSignIn(options: SignInOptions = {}): void {
  const path = signInPath(options);
  if (options.replace) {
    window.location.replace(path);
  } else {
    window.location.assign(path);
  }
}
