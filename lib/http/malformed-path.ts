/**
 * True when a request path cannot be percent-decoded (`/api/staff/%E0%A4%A`). Next decodes dynamic
 * route segments itself and answers such a path with a bare 500 before any route handler runs, so
 * our HTTP server (scripts/serve.ts) answers it with a 400 first. Pure.
 */
export function hasMalformedPercentEncoding(url: string | undefined): boolean {
  const path = (url ?? "/").split("?", 1)[0]!;
  if (!path.includes("%")) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}
