/**
 * The client address and protocol of a request, as our HTTP server (scripts/serve.ts) wrote them
 * into X-Forwarded-For / X-Forwarded-Proto after checking TRUSTED_PROXY. Nothing else reads those
 * headers. Works with a Fetch `Headers` and with next-auth's plain header object.
 */
import "server-only";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function get(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

type RequestFacts = { address: string; https: boolean };

export function requestFacts(headers: HeaderSource): RequestFacts {
  const address = (get(headers, "x-forwarded-for") ?? "").split(",")[0]!.trim().slice(0, 64) || "unknown";
  return { address, https: get(headers, "x-forwarded-proto") === "https" };
}

/** One cookie's value from a Cookie header. */
export function cookieValue(headers: HeaderSource, name: string): string | undefined {
  const header = get(headers, "cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
