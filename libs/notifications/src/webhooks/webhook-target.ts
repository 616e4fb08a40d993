import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { WebhookTargetRefusedError } from '../notifications.errors';

/** Only globally routable unicast addresses; IPv4-mapped IPv6 counts as its IPv4 address. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** The host as the resolver wants it: IPv6 literals lose their brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function refusal(host: string, addresses: LookupAddress[]): WebhookTargetRefusedError | null {
  const internal = addresses.find((entry) => !isPublicAddress(entry.address));
  return internal ? new WebhookTargetRefusedError(host, internal.address) : null;
}

/** Resolves the URL's host and refuses it if any of its addresses is internal. */
export async function checkWebhookTarget(url: URL): Promise<void> {
  const host = hostOf(url);
  const addresses = ipaddr.isValid(host)
    ? [{ address: host, family: host.includes(':') ? 6 : 4 }]
    : await new Promise<LookupAddress[]>((resolve, reject) =>
        dnsLookup(host, { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
      );
  const refused = refusal(host, addresses);
  if (refused) throw refused;
}

/**
 * A DNS lookup for outgoing requests that refuses internal addresses at connect time, so a name
 * that resolved to a public address when it was registered cannot be pointed inside later.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    const failure = error ?? refusal(hostname, addresses);
    const reply = callback as (...args: unknown[]) => void;
    if (failure) return reply(failure, options.all ? [] : '', 4);
    if (options.all) return reply(null, addresses);
    reply(null, addresses[0].address, addresses[0].family);
  });
};
