import net from 'node:net';
import { DowncityError, ErrorCodes } from '@downcity/core';

/**
 * One entry of a manifest's `permissions.network` host list, parsed. The grammar (decision 0028):
 *
 * - `api.example.com` — that host name (case-insensitive, a trailing dot ignored) on ports 80 and 443;
 * - `api.example.com:8443` — that host name on that port only;
 * - `*.example.com` (optionally `:port`) — every name under `example.com` (`a.example.com`, `a.b.example.com`),
 *   not `example.com` itself;
 * - `127.0.0.1:4001`, `[::1]:4001`, `10.0.0.7` — that IP address literally (the only way to reach a loopback,
 *   link-local or private address, besides `localhost`).
 *
 * No scheme, path, user or other wildcard: a request names a host and a port, and that is all the proxy checks.
 */
export interface EgressRule {
  /** The entry as declared, for messages. */
  entry: string;
  /** The host name (lower case, without `*.`) or IP address (IPv6 without brackets). */
  host: string;
  /** Whether the entry is `*.host`. */
  wildcard: boolean;
  /** Whether `host` is an IP address. */
  ip: boolean;
  /** The ports it allows. */
  ports: readonly number[];
}

/** Ports allowed when an entry names none: plain HTTP and HTTPS. */
export const DEFAULT_EGRESS_PORTS: readonly number[] = [80, 443];

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

function isHostName(host: string): boolean {
  return host.length <= 253 && host.split('.').every((label) => LABEL.test(label));
}

/** Lower case, brackets of an IPv6 literal and a trailing dot removed. */
export function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  const unbracketed = lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  return unbracketed.endsWith('.') && !net.isIP(unbracketed) ? unbracketed.slice(0, -1) : unbracketed;
}

function invalid(entry: string, why: string): DowncityError {
  return new DowncityError(
    ErrorCodes.MANIFEST_INVALID,
    `permissions.network entry "${entry}" ${why}: write a host name, "*.example.com" or an IP address, optionally with ":port" (e.g. "api.example.com", "api.example.com:8443", "127.0.0.1:4001", "[::1]:4001").`,
  );
}

/**
 * Parses one `permissions.network` entry (grammar: {@link EgressRule}).
 *
 * @throws DowncityError `MANIFEST_INVALID` naming the entry and what to write instead
 */
export function parseEgressEntry(entry: string): EgressRule {
  const text = entry.trim();
  if (text.includes('://') || text.includes('/') || text.includes('@')) throw invalid(entry, 'is not a host (no scheme, path or user)');
  let host = text;
  let port: number | undefined;
  if (net.isIPv6(text)) {
    host = text;
  } else {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text);
    if (!match) throw invalid(entry, 'is not a host');
    host = match[1] as string;
    if (match[2] !== undefined) {
      port = Number(match[2]);
      if (!Number.isInteger(port) || port < 1 || port > 65_535) throw invalid(entry, 'has a port outside 1-65535');
    }
  }
  const wildcard = host.startsWith('*.');
  const name = normalizeHost(wildcard ? host.slice(2) : host);
  const ip = net.isIP(name) !== 0;
  if (host.startsWith('[') && net.isIPv6(name) === false) throw invalid(entry, 'has brackets around something that is not an IPv6 address');
  if (wildcard && (ip || !name.includes('.'))) throw invalid(entry, 'has a wildcard over an address or a top-level domain');
  if (!ip && !isHostName(name)) throw invalid(entry, name.includes('*') ? 'has a wildcard that is not a leading "*."' : 'is not a valid host name');
  return { entry, host: name, wildcard, ip, ports: port === undefined ? DEFAULT_EGRESS_PORTS : [port] };
}

/**
 * Parses a whole host list.
 *
 * @throws DowncityError `MANIFEST_INVALID` at the first entry that is not a host
 */
export function parseEgressHosts(entries: readonly string[]): EgressRule[] {
  return entries.map(parseEgressEntry);
}

/**
 * The rule that allows `host:port`, if any. `host` is what the request names (a host name or an IP address);
 * a name never matches an IP rule nor an IP a name rule.
 */
export function matchEgress(rules: readonly EgressRule[], host: string, port: number): EgressRule | undefined {
  const wanted = normalizeHost(host);
  return rules.find((rule) => {
    if (!rule.ports.includes(port)) return false;
    if (rule.wildcard) return wanted.endsWith(`.${rule.host}`);
    return wanted === rule.host;
  });
}

const special = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this" network, unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 3], // multicast, reserved, broadcast
] as const) {
  special.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local (private)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  special.addSubnet(prefix, bits, 'ipv6');
}

/**
 * Whether `address` is loopback, link-local, private (RFC 1918, unique local), carrier-grade NAT, unspecified,
 * multicast or reserved: an address inside the machine or its network, which a host name must not lead to
 * (DNS rebinding). IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) are judged by their IPv4 part.
 */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return special.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return special.check(mapped[1] as string, 'ipv4');
  return special.check(address, 'ipv6');
}

/** What the proxy may connect to for an allowed request: the address it checked, or why not. */
export type EgressVerdict = { allow: true; address: string } | { allow: false; reason: 'undeclared' | 'private-address'; message: string };

/**
 * Decides one destination. `addresses` are what the host name resolved to (ignored for an IP address): a name
 * that leads to a private address ({@link isPrivateAddress}) is refused unless the rule is `localhost`; only a
 * declared IP literal reaches other private addresses. The caller connects to the returned address, never
 * resolving again, so the answer checked is the answer used.
 *
 * @param rules - the parsed host list
 * @param host - the requested host name or IP address
 * @param port - the requested port
 * @param addresses - the resolved addresses of a host name (unused for an IP address)
 */
export function decideEgress(rules: readonly EgressRule[], host: string, port: number, addresses: readonly string[]): EgressVerdict {
  const rule = matchEgress(rules, host, port);
  const target = `${net.isIPv6(normalizeHost(host)) ? `[${normalizeHost(host)}]` : normalizeHost(host)}:${port}`;
  if (!rule) {
    return { allow: false, reason: 'undeclared', message: `${target} is not declared in the package's permissions.network (declared: ${rules.map((r) => r.entry).join(', ') || 'none'}).` };
  }
  if (rule.ip) return { allow: true, address: rule.host };
  const first = addresses[0];
  if (first === undefined) return { allow: false, reason: 'undeclared', message: `${target} did not resolve to any address.` };
  if (rule.host === 'localhost' && !rule.wildcard) return { allow: true, address: first };
  const inside = addresses.find(isPrivateAddress);
  if (inside !== undefined) {
    return {
      allow: false,
      reason: 'private-address',
      message: `${target} resolves to ${inside}, a loopback, link-local or private address; only a declared IP address (or localhost) may reach those.`,
    };
  }
  return { allow: true, address: first };
}
