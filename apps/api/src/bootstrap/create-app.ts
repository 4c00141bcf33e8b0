import fastifyCookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';

import { AppModule } from '../app.module';
import { PUBLIC_EXTENSION } from '../common/decorators/auth.decorators';
import { PROBLEM_CONTENT_TYPE } from '../common/errors/problem';
import { sendProblem } from '../common/filters/problem-details.filter';
import { depthLimitedJsonParser, MAX_JSON_BODY_BYTES } from '../common/json-body';
import { AppConfig } from '../config/app-config';
import { createRootLogger, generateRequestId, REQUEST_ID_LOG_LABEL } from '../logging';
import { registerQueueBoard } from './queue-board';
import { registerWebApps } from './web-apps';

export const API_PREFIX = 'api/v1';
const LIVENESS_BODY = { status: 'ok' } as const;
/** Path parameters longer than this are a 414; the longest valid one (externalId) is 120. */
const MAX_PATH_PARAM_LENGTH = 500;

/** Builds the HTTP application; main.ts listens on it and the e2e tests drive it directly. */
export async function createHttpApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config);
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
    trustProxy: true,
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

  await app.register(fastifyCookie as never);
  // The SPAs are plain module scripts; swagger-ui and the queue board need inline scripts.
  await app.register(helmet as never, { contentSecurityPolicy: false } as never);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/ready'] });
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
  await registerQueueBoard(app, fastify);
  if (config.env.SETTLE_SERVE_WEB) await registerWebApps(fastify);
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
        'send the settle_csrf cookie value as X-CSRF-Token); integrators send `Authorization: Bearer <API key>`.',
    )
    .setVersion('1')
    .addBearerAuth({ description: 'An API key made by an admin', type: 'http' }, 'apiKey')
    .addCookieAuth('settle_session', { in: 'cookie', type: 'apiKey' }, 'session')
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
  return withProblemResponses(document);
}

/** Every operation can answer problem+json errors; public ones need no credentials. */
function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  const problem = {
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const operation = pathItem[method] as (OperationObject & Record<string, unknown>) | undefined;
      if (!operation) continue;
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
