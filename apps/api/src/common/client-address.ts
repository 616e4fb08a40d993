import { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * Which hops of X-Forwarded-For are believed: the nearest `hops` proxies. Express's 'trust proxy'
 * takes this function for HTTP requests (req.ip), and clientAddress uses it for WebSocket upgrades.
 */
export function trustedProxies(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** The client's address as Express would give it for this request (the rate limits' key). */
export function clientAddress(request: IncomingMessage, hops: number): string {
  return proxyaddr(request, trustedProxies(hops));
}
