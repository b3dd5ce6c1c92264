/**
 * Which hosts count as "this machine only". The sandbox's trade and admin side lists every payment
 * code and changes faults, so it listens on loopback unless told otherwise, and a request may only
 * redirect notifications to an allow-listed loopback origin (issue 9, sandbox/README.md "Network").
 */
import { isIPv4, isIPv6 } from "node:net";

/**
 * True for `localhost`, 127.0.0.0/8, `::1` and IPv4-mapped 127.x (brackets allowed). Addresses are
 * normalised by the URL parser first, so `0:0:0:0:0:0:0:1` and `[::ffff:7f00:1]` are recognised too.
 * `0.0.0.0` and `::` are "every interface", not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (bare === "localhost") return true;
  let normal: string;
  try {
    normal = new URL(`http://${isIPv6(bare) ? `[${bare}]` : bare}/`).hostname.replace(/^\[(.*)\]$/, "$1");
  } catch {
    return false;
  }
  if (isIPv4(normal)) return normal.startsWith("127.");
  if (isIPv6(normal)) return normal === "::1" || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(normal);
  return false;
}

/** The origin of an http(s) URL whose host is loopback, or null for anything else (or unparsable). */
export function loopbackOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return isLoopbackHost(url.hostname) ? url.origin : null;
}
