/**
 * Only same-site paths: "/payments" yes; "//evil.example", "https://…", "/\\evil", and anything with
 * a control character (browsers drop a tab or newline, so "/%09/evil.example" would become
 * "//evil.example"; a CR/LF would also break the redirect header) fall back (issue 9). The path is
 * resolved against a placeholder origin and must stay on it.
 */
const PLACEHOLDER_ORIGIN = "http://scantill.invalid";

export function safeCallbackPath(value: string | string[] | undefined, fallback = "/sale"): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path || !path.startsWith("/") || /[\u0000-\u001F\u007F\\]/.test(path)) return fallback;
  let url: URL;
  try {
    url = new URL(path, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  if (url.pathname.startsWith("/login") || url.pathname.startsWith("/api/")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
