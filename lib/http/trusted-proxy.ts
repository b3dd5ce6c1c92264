/**
 * Who is really on the other end of a request, decided once by our own HTTP server
 * (scripts/serve.ts) from the socket and, only when the socket is a trusted reverse proxy, from the
 * proxy's X-Forwarded-* headers. Pure: no I/O, unit-tested.
 *
 * Why our own server: `next start` keeps a client's own X-Forwarded-For/-Proto when present
 * (`??=`), so without this a client could pick its address (and dodge the sign-in throttle) or
 * claim HTTPS. docs/going-live.md describes the TRUSTED_PROXY setting.
 */
import { isIP } from "node:net";

type TrustedProxies = { loopback: boolean; nets: Array<{ bytes: number[]; bits: number }> };

type ClientFacts = { address: string; proto: "http" | "https"; host: string | null };

/** `TRUSTED_PROXY`: empty (no proxy), "loopback", or a comma list of addresses and CIDR ranges. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const out: TrustedProxies = { loopback: false, nets: [] };
  for (const raw of (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (raw === "loopback") {
      out.loopback = true;
      continue;
    }
    const [addr, bitsText] = raw.split("/");
    const bytes = addressBytes(addr ?? "");
    if (!bytes) throw new Error(`TRUSTED_PROXY: "${raw}" is not an IP address or CIDR range`);
    const bits = bitsText === undefined ? bytes.length * 8 : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > bytes.length * 8)
      throw new Error(`TRUSTED_PROXY: bad prefix length in "${raw}"`);
    out.nets.push({ bytes, bits });
  }
  return out;
}

function isLoopbackAddress(address: string): boolean {
  const a = normalizeAddress(address);
  return a === "::1" || /^127\./.test(a);
}

export function isTrustedProxy(address: string, trusted: TrustedProxies): boolean {
  const a = normalizeAddress(address);
  if (trusted.loopback && isLoopbackAddress(a)) return true;
  const bytes = addressBytes(a);
  if (!bytes) return false;
  return trusted.nets.some((net) => net.bytes.length === bytes.length && prefixMatches(bytes, net.bytes, net.bits));
}

/**
 * The client's address, protocol and host. Without a trusted proxy the socket is the truth. Behind
 * one, X-Forwarded-For is read right to left, skipping trusted proxies: the first address that is
 * not one of ours is the client (everything left of it could be forged by the client).
 */
export function clientFacts(
  socket: { remoteAddress?: string | null; encrypted?: boolean },
  headers: Record<string, string | string[] | undefined>,
  trusted: TrustedProxies,
): ClientFacts {
  const peer = normalizeAddress(socket.remoteAddress ?? "");
  const direct: ClientFacts = { address: peer || "unknown", proto: socket.encrypted ? "https" : "http", host: null };
  if (!peer || !isTrustedProxy(peer, trusted)) return direct;
  const chain = headerList(headers["x-forwarded-for"]).map(normalizeAddress);
  let address = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i]!;
    if (!isIP(hop)) break;
    address = hop;
    if (!isTrustedProxy(hop, trusted)) break;
  }
  const protoText = headerList(headers["x-forwarded-proto"]).at(-1)?.toLowerCase();
  const proto = protoText === "https" || protoText === "http" ? protoText : direct.proto;
  const host = headerList(headers["x-forwarded-host"]).at(-1) ?? null;
  return { address, proto, host: host && /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(host) ? host : null };
}

function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "::ffff:10.0.0.5" → "10.0.0.5" (Node reports IPv4 peers that way on a dual-stack socket). */
function normalizeAddress(address: string): string {
  const a = address.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

function addressBytes(address: string): number[] | null {
  const a = normalizeAddress(address);
  const kind = isIP(a);
  if (kind === 4) return a.split(".").map(Number);
  if (kind !== 6) return null;
  const [head, tail] = a.includes("::") ? a.split("::") : [a, undefined];
  const parse = (part: string | undefined) => (part ? part.split(":") : []);
  let groups = parse(head);
  let tailGroups = parse(tail);
  const v4 = (tailGroups.length ? tailGroups : groups).at(-1);
  const extra: string[] = [];
  if (v4?.includes(".")) {
    const b = v4.split(".").map(Number);
    extra.push(((b[0]! << 8) | b[1]!).toString(16), ((b[2]! << 8) | b[3]!).toString(16));
    if (tailGroups.length) tailGroups = [...tailGroups.slice(0, -1), ...extra];
    else groups = [...groups.slice(0, -1), ...extra];
  }
  const fill = tail === undefined ? [] : Array<string>(8 - groups.length - tailGroups.length).fill("0");
  const all = [...groups, ...fill, ...tailGroups];
  return all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 255];
  });
}

function prefixMatches(a: number[], b: number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if ((a[byte]! & mask) !== (b[byte]! & mask)) return false;
  }
  return true;
}
