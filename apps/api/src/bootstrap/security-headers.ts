import helmet from '@fastify/helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';

type Directives = Record<string, string[]>;

/**
 * The SPAs and the API. Everything a page runs, styles or fetches comes from Settle itself, and
 * nothing inline: the built index.html files load only module scripts and stylesheets (checked
 * by the browser journeys), and React sets `style` props through the CSSOM, which CSP allows.
 * Logos are data: URLs. No upgrade-insecure-requests: plain-HTTP installs (a LAN, localhost)
 * would lose every asset, and HTTPS is the TLS terminator's business.
 */
const STRICT_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Swagger UI and the Bull board are third-party pages with inline <style> blocks and style
 * attributes; their scripts are all files. Still nothing from another origin (the board's page
 * is sent without its Google Fonts link, see queue-board.ts).
 */
const THIRD_PARTY_UI_CSP: Directives = {
  ...STRICT_CSP,
  'style-src': ["'self'", "'unsafe-inline'"],
};

/**
 * The portal while Stripe is the gateway: Stripe.js (script-src) hosts the card fields in its own
 * frames (frame-src; hooks.stripe.com frames a bank's 3-D Secure challenge) and confirms the card
 * with api.stripe.com (connect-src). Sources as Stripe documents them for Stripe.js; nothing else
 * is relaxed, and the admin SPA and the API keep the strict policy.
 */
const PORTAL_STRIPE_CSP: Directives = {
  ...STRICT_CSP,
  'script-src': ["'self'", 'https://js.stripe.com', 'https://*.js.stripe.com'],
  'connect-src': ["'self'", 'https://api.stripe.com'],
  'frame-src': ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
};

/** The policy of the portal's pages: the strict one unless the gateway needs Stripe.js. */
export function portalPolicy(gateway: 'sandbox' | 'stripe'): string {
  const directives = gateway === 'stripe' ? PORTAL_STRIPE_CSP : STRICT_CSP;
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join(';');
}

/** Where the third-party UIs live; /api/docs-json, beside them, is plain JSON. */
const THIRD_PARTY_UI_PATHS = /^\/(api\/docs|admin\/queues)(\/|$)/;

/**
 * Helmet's headers on every response, with the strict policy unless the route belongs to a
 * third-party UI. Must run before those routes are registered: the policy is chosen per route.
 */
export async function registerSecurityHeaders(
  app: NestFastifyApplication,
  fastify: FastifyInstance,
): Promise<void> {
  fastify.addHook('onRoute', (route) => {
    if (THIRD_PARTY_UI_PATHS.test(route.url)) {
      route.helmet = { contentSecurityPolicy: policy(THIRD_PARTY_UI_CSP) };
    }
  });
  await app.register(helmet as never, { contentSecurityPolicy: policy(STRICT_CSP) } as never);
}

function policy(directives: Directives) {
  return { directives, useDefaults: false };
}
