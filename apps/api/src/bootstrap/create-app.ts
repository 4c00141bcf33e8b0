import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  OperationObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { DestinationStream } from 'pino';

import { AppModule } from '../app.module';
import { PUBLIC_EXTENSION } from '../common/decorators/auth.decorators';
import { PROBLEM_CONTENT_TYPE } from '../common/errors/problem';
import { sendProblem } from '../common/filters/problem-details.filter';
import { depthLimitedJsonParser, MAX_JSON_BODY_BYTES } from '../common/json-body';
import { AppConfig } from '../config/app-config';
import { createRootLogger, generateRequestId, REQUEST_ID_LOG_LABEL } from '../logging';
import { authenticateBeforeBody } from '../modules/auth';
import { PaymentSettingsService } from '../modules/gateways';
import {
  authenticatePortalBeforeBody,
  PORTAL_SESSION_SCHEME,
  PortalSessionsService,
} from '../modules/portal';
import { registerQueueBoard } from './queue-board';
import { portalPolicy, registerSecurityHeaders } from './security-headers';
import { registerWebApps } from './web-apps';

export const API_PREFIX = 'api/v1';
const LIVENESS_BODY = { status: 'ok' } as const;
/** Path parameters longer than this are a 414; the longest valid one (externalId) is 120. */
const MAX_PATH_PARAM_LENGTH = 500;

export interface HttpAppOptions {
  /** Where log lines go instead of stdout: the tests read what the app logged. */
  logDestination?: DestinationStream;
}

/** Builds the HTTP application; main.ts listens on it and the e2e tests drive it directly. */
export async function createHttpApp(
  config: AppConfig,
  options: HttpAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config, options.logDestination);
  const adapter = new FastifyAdapter({
    bodyLimit: MAX_JSON_BODY_BYTES,
    disableRequestLogging: true,
    // A URL fastify cannot decode never reaches Nest's filters; answer it in the same shape.
    // (Typed `never`: Nest's adapter is typed against its own copy of fastify.)
    frameworkErrors: answerFrameworkError as never,
    genReqId: generateRequestId,
    loggerInstance: logger,
    requestIdLogLabel: REQUEST_ID_LOG_LABEL,
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config, logger),
    adapter,
    {
      abortOnError: false,
      bufferLogs: true,
      // Stripe webhooks are verified over the exact bytes received.
      rawBody: true,
    },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;

  // The API speaks JSON only: every other media type (text/plain, forms) is a 415. Nest keeps
  // the raw bytes for Stripe's signature check; the parser refuses deep nesting first.
  fastify.removeAllContentTypeParsers();
  app.useBodyParser(
    'application/json',
    { bodyLimit: MAX_JSON_BODY_BYTES },
    depthLimitedJsonParser(fastify),
  );

  // Liveness answers from fastify itself, before any other hook (cookies, helmet, Nest's
  // middleware, logging): probes hit it often and it must depend on nothing but the process.
  fastify.get('/health', (_request, reply) => reply.send(LIVENESS_BODY));
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url === '/health') return reply.send(LIVENESS_BODY);
    done();
  });

  // Callback-style hooks on purpose: an async hook costs a promise on every request.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', String(request.id));
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (request.url !== '/health') {
      const { method, url } = request;
      const responseTimeMs = Math.round(reply.elapsedTime);
      request.log.info(
        { method, responseTimeMs, statusCode: reply.statusCode, url },
        'request completed',
      );
    }
    done();
  });

  // Before swagger-ui and the queue board are mounted (their routes get their own policy), and
  // before any hook that may answer early (a 401) so that every answer carries the headers.
  await registerSecurityHeaders(app, fastify);
  await app.register(fastifyCookie as never);
  // After the cookie parser (the session strategies read it), before any body is read.
  authenticateBeforeBody(fastify);
  authenticatePortalBeforeBody(fastify, app.get(PortalSessionsService));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/ready'] });
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
  await registerQueueBoard(app, fastify);
  if (config.env.SETTLE_SERVE_WEB) {
    const payments = app.get(PaymentSettingsService);
    await registerWebApps(fastify, {
      portalPolicy: async () => portalPolicy((await payments.get()).gateway),
    });
  }
  return app;
}

function answerFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('x-request-id', String(request.id));
  sendProblem(request, reply, error, request.log);
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Settle API')
    .setDescription(
      'Accounts receivable and payments for MSPs. Money is integer minor units with an ISO 4217 currency; ' +
        'errors are application/problem+json (RFC 9457). Staff sign in with a session cookie (unsafe methods ' +
        'send the settle_csrf cookie value as X-CSRF-Token); integrators send `Authorization: Bearer <API key>`. ' +
        "Customers' contacts use /portal with a session of their own (settle_portal_session; unsafe methods " +
        'send the settle_portal_csrf cookie value as X-CSRF-Token).',
    )
    .setVersion('1')
    .setLicense('AGPL-3.0-only', 'https://www.gnu.org/licenses/agpl-3.0.html')
    // Relative: each installation serves the API on its own origin, next to /api/docs-json.
    .addServer('/', 'The Settle installation that serves this document')
    .addBearerAuth({ description: 'An API key made by an admin', type: 'http' }, 'apiKey')
    .addCookieAuth('settle_session', { in: 'cookie', type: 'apiKey' }, 'session')
    .addCookieAuth(
      'settle_portal_session',
      {
        description:
          "A portal contact's session; only /portal routes accept it, and they accept nothing else",
        in: 'cookie',
        type: 'apiKey',
      },
      PORTAL_SESSION_SCHEME,
    )
    .addSecurityRequirements('apiKey')
    .addSecurityRequirements('session')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  document.paths['/health'] = {
    get: {
      operationId: 'Health_live',
      responses: {
        '200': {
          content: { 'application/json': { example: LIVENESS_BODY } },
          description: 'The process answers',
        },
      },
      security: [],
      summary: 'Liveness: the process answers',
      tags: ['health'],
    },
  };
  return withProblemResponses(withPlainReferences(document));
}

/**
 * Nest wraps each enum or class reference in a one-item allOf, and marks a nullable one with
 * `nullable` beside it. In OpenAPI 3.0 `nullable` only widens a `type` in its own schema object,
 * so that wrapper still refuses null, as validators and generated clients read it: a nullable
 * reference becomes "the referenced schema or null", and a bare wrapper the plain $ref.
 */
function withPlainReferences(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === 'example' || key === 'examples' ? value : visit(value);
    }
    const { allOf, nullable, type, ...rest } = out;
    const ref = Array.isArray(allOf) && allOf.length === 1 ? allOf[0] : undefined;
    if (typeof ref?.$ref !== 'string') return out;
    if (nullable === true) {
      const target = schemas[ref.$ref.replace('#/components/schemas/', '')];
      const onlyNull = { enum: [null], nullable: true, type: target?.type ?? 'object' };
      return { ...rest, anyOf: [ref, onlyNull] };
    }
    return type === undefined && Object.keys(rest).length === 0 ? ref : out;
  };
  return visit(document) as OpenAPIObject;
}

/** Every operation can answer problem+json errors; public ones need no credentials. */
function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  const problemRef = '#/components/schemas/ProblemDto';
  const problem = { content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: problemRef } } } };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const operation = pathItem[method] as (OperationObject & Record<string, unknown>) | undefined;
      if (!operation) continue;
      // A problem documented with its DTO (e.g. a 503) is sent as problem+json like any other,
      // also by an operation that produces a file (@ApiProduces gives its errors the file's type).
      for (const response of Object.values(operation.responses) as ResponseObject[]) {
        const documented = Object.values(response.content ?? {}).find(
          (media) => (media.schema as { $ref?: string } | undefined)?.$ref === problemRef,
        );
        if (documented) response.content = { [PROBLEM_CONTENT_TYPE]: documented };
      }
      operation.responses['4XX'] = { ...problem, description: 'Client error (problem+json)' };
      operation.responses['5XX'] = { ...problem, description: 'Server error (problem+json)' };
      if (operation[PUBLIC_EXTENSION]) {
        operation.security = [];
        delete operation[PUBLIC_EXTENSION];
      }
    }
  }
  return document;
}
