import { createHmac } from 'node:crypto';

export const WEBHOOK_HEADERS = {
  /** The delivery's id: the same on every retry, so receivers can drop repeats. */
  delivery: 'x-venues-delivery',
  /** Unix seconds when this attempt was signed; receivers should refuse old ones. */
  timestamp: 'x-venues-timestamp',
  /** `sha256=` and the hex HMAC-SHA256, keyed by the endpoint's secret, of `<timestamp>.<body>`. */
  signature: 'x-venues-signature',
} as const;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
