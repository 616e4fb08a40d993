import type { RequestHandler } from 'express';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/**
 * What every answer allows a browser: everything from the API itself and nothing from anywhere
 * else (the pages work offline), no inline script or style, no framing by any page.
 */
const POLICY: Directives = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
};

/**
 * Helmet's headers on every answer: nosniff, the policy above with X-Frame-Options DENY, no
 * X-Powered-By. No HSTS: the API speaks plain HTTP, and the proxy that ends TLS in front of it
 * knows the domain and owns that header.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: POLICY },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
}

/**
 * The policy of a page that needs more than POLICY gives: the directives it names replace
 * POLICY's. X-Frame-Options (for browsers without frame-ancestors) follows frame-ancestors.
 */
export function pagePolicy(directives: Directives): RequestHandler[] {
  const policy = { ...POLICY, ...directives };
  return [
    helmet.contentSecurityPolicy({ useDefaults: false, directives: policy }),
    helmet.xFrameOptions({
      action: policy.frameAncestors.includes("'self'") ? 'sameorigin' : 'deny',
    }),
  ];
}
