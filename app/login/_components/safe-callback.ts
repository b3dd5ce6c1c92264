/** Only same-site paths: "/payments" yes, "//evil.example" or "https://…" no. */
export function safeCallbackPath(value: string | string[] | undefined, fallback = "/sale"): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  if (path.startsWith("/login") || path.startsWith("/api/")) return fallback;
  return path;
}
