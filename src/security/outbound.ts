/**
 * Where the hub may send a request. Connectors (and, later, webhooks) reach
 * addresses that configuration or a provider's data name; this module keeps
 * those requests away from the hub's own network:
 *
 * - link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10,
 *   fd00:ec2::254) are refused always;
 * - loopback, private, carrier-grade NAT, unique-local, unspecified and other
 *   reserved ranges are refused unless `ALLOW_PRIVATE_TARGETS=true`
 *   (development and tests, whose providers listen on 127.0.0.1);
 * - the check runs on the addresses DNS returns, inside the connection's own
 *   lookup (an undici dispatcher with a `connect.lookup` hook), so a name
 *   that resolves to a private address is refused, and the address checked
 *   is the address connected to (no second lookup to race).
 *
 * SFTP and Postgres connections resolve their host with
 * `resolveAllowedAddress` and connect to the address it checked.
 *
 * Everything else (redirects, byte caps, which origin gets credentials) is
 * the HTTP client's; this module only answers "may we connect there".
 */
import dns, { type LookupAddress } from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, type Dispatcher } from 'undici';

export interface OutboundPolicy {
  /** ALLOW_PRIVATE_TARGETS: loopback and private ranges may be reached. */
  allowPrivateTargets: boolean;
}

/** Refused before any connection was made. */
export class TargetRefusedError extends Error {
  override readonly name = 'TargetRefusedError';
  readonly code = 'ETARGETREFUSED';
}

// Secure by default: main.ts sets the configured policy at start.
let current: OutboundPolicy = { allowPrivateTargets: false };

export function setOutboundPolicy(policy: OutboundPolicy): void {
  current = { ...policy };
}

export function outboundPolicy(): OutboundPolicy {
  return current;
}

/** AWS's IPv6 instance metadata endpoint (IPv4's is inside 169.254.0.0/16). */
const METADATA_V6 = ipaddr.parse('fd00:ec2::254');

/** 'public', 'private' (refused unless allowed) or 'forbidden' (refused always). */
export function classifyAddress(address: string): 'public' | 'private' | 'forbidden' {
  if (!ipaddr.isValid(address)) return 'forbidden';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  const range = ip.range();
  if (range === 'linkLocal') return 'forbidden';
  if (
    ip.kind() === 'ipv6' &&
    (ip as ipaddr.IPv6).toNormalizedString() === METADATA_V6.toNormalizedString()
  ) {
    return 'forbidden';
  }
  return range === 'unicast' ? 'public' : 'private';
}

/** Throws TargetRefusedError when the policy forbids connecting to `address`. */
export function assertAddressAllowed(
  address: string,
  host: string,
  policy: OutboundPolicy = current,
): void {
  const kind = classifyAddress(address);
  if (kind === 'public') return;
  if (kind === 'private' && policy.allowPrivateTargets) return;
  throw new TargetRefusedError(
    kind === 'forbidden'
      ? `${host} is a link-local or cloud metadata address, which is never reached`
      : `${host} resolves to a loopback or private address (set ALLOW_PRIVATE_TARGETS=true to allow)`,
  );
}

/**
 * Checks a URL's host before a request when it is an IP literal (connections
 * to a literal skip DNS, so the lookup hook would not see them).
 */
export function assertUrlAllowed(url: URL, policy: OutboundPolicy = current): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) assertAddressAllowed(host, host, policy);
}

/**
 * For connections made outside undici (SFTP, Postgres): the address to
 * connect to for `host`, every address DNS gives for it checked. Connect to
 * the address returned, not the name, so a second lookup cannot answer
 * differently. A Unix socket path (Postgres) counts as loopback.
 */
export async function resolveAllowedAddress(
  host: string,
  policy: OutboundPolicy = current,
): Promise<string> {
  if (host.startsWith('/')) {
    if (!policy.allowPrivateTargets) {
      throw new TargetRefusedError(
        `${host} is a local socket (set ALLOW_PRIVATE_TARGETS=true to allow)`,
      );
    }
    return host;
  }
  const bare = host.replace(/^\[|\]$/g, '');
  if (net.isIP(bare)) {
    assertAddressAllowed(bare, host, policy);
    return bare;
  }
  const addresses = await dns.promises.lookup(bare, { all: true });
  for (const { address } of addresses) assertAddressAllowed(address, host, policy);
  return addresses[0].address;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup, refusing the answer when any address it returns is not allowed. */
export function guardedLookup(policy: () => OutboundPolicy = outboundPolicy) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      try {
        for (const { address } of addresses) assertAddressAllowed(address, hostname, policy());
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      callback(null, first.address, first.family);
    });
  };
}

let dispatcher: Dispatcher | undefined;

/** The undici dispatcher every outbound request goes through (the policy is read per connection). */
export function outboundDispatcher(): Dispatcher {
  dispatcher ??= new Agent({ connect: { lookup: guardedLookup() } });
  return dispatcher;
}

/** Loopback by name or address: where plain http:// is as safe as the machine itself. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (!ipaddr.isValid(host)) return false;
  let ip = ipaddr.parse(host);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  return ip.range() === 'loopback';
}
