import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import fastifyStatic from '@fastify/static';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { PROBLEM_CONTENT_TYPE, problemTypeUri } from '../common/errors/problem';

/** Paths the SPAs never own: an unknown one is a JSON 404, not the SPA's index page. */
const SERVER_PATHS = /^\/(api|health|admin\/queues)(\/|$)/;

/** The portal's pages and files (its API is under /api/v1/portal, not here). */
const PORTAL_PATHS = /^\/portal(\/|\?|$)/;

export function findRepoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'apps', 'admin-web'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the Settle checkout above ${from}`);
    dir = parent;
  }
  return dir;
}

/**
 * Serves the built admin SPA at / and the portal at /portal/. Hashed assets are cached for a
 * year; index.html never, so a deploy is picked up on the next navigation. The portal's answers
 * carry `portalPolicy()` as their Content-Security-Policy (it loads Stripe.js when Stripe is
 * the gateway), replacing the strict one the security headers set.
 */
export async function registerWebApps(
  fastify: FastifyInstance,
  options: { portalPolicy: () => Promise<string> },
): Promise<void> {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (PORTAL_PATHS.test(request.url))
      reply.header('content-security-policy', await options.portalPolicy());
    return payload;
  });
  const root = findRepoRoot();
  const admin = resolve(root, 'apps/admin-web/dist');
  const portal = resolve(root, 'apps/portal-web/dist');
  const adminIndex = readIndex(admin);
  const portalIndex = readIndex(portal);

  const staticOptions = {
    setHeaders: (reply: FastifyReply, path: string) => {
      const immutable = path.includes('/assets/');
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
    wildcard: false,
    // The SPA builds write .br and .gz beside each asset; the one the browser accepts is sent.
    preCompressed: true,
  };
  if (adminIndex)
    await fastify.register(fastifyStatic, { ...staticOptions, prefix: '/', root: admin });
  if (portalIndex) {
    await fastify.register(fastifyStatic, {
      ...staticOptions,
      decorateReply: false,
      prefix: '/portal/',
      root: portal,
    });
  }

  const sendIndex = (html: string | null, reply: FastifyReply, app: string) => {
    if (!html) {
      return reply
        .status(503)
        .type('text/plain')
        .send(`The ${app} is not built. Run: npm run build:web`);
    }
    return reply.header('cache-control', 'no-cache').type('text/html').send(html);
  };
  fastify.get('/portal', (_request, reply) => reply.redirect('/portal/'));
  fastify.get('/portal/*', (_request, reply) => sendIndex(portalIndex, reply, 'customer portal'));
  fastify.get('/*', (request: FastifyRequest, reply) => {
    if (SERVER_PATHS.test(request.url)) return notFound(request, reply);
    return sendIndex(adminIndex, reply, 'admin app');
  });
}

function readIndex(dir: string): string | null {
  const file = join(dir, 'index.html');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(
      JSON.stringify({
        detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
        requestId: String(request.id),
        status: 404,
        title: 'Not Found',
        type: problemTypeUri('not-found'),
      }),
    );
}
