import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';

import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';
import pino, { Logger } from 'pino';

import { AppConfig } from './config/app-config';

const REQUEST_ID_HEADER = 'x-request-id';
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
export const REQUEST_ID_LOG_LABEL = 'requestId';

/**
 * Fastify's id generator. A caller's X-Request-Id is kept when it is sane, so one id can follow
 * a request across systems; the log lines and the error bodies carry the same id.
 */
export function generateRequestId(raw: IncomingMessage): string {
  const incoming = raw.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * One pino logger per process, JSON lines. Fastify uses it for request logs (each request's
 * child logger carries `requestId`), and Nest's Logger writes through the same instance.
 */
export function createRootLogger(config: AppConfig): Logger {
  return pino({
    base: { pid: process.pid, role: config.env.SETTLE_ROLE },
    level: config.env.LOG_LEVEL,
    redact: {
      censor: '[redacted]',
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
  });
}

/** nestjs-pino binds Nest's Logger to fastify's per-request logger instead of adding pino-http. */
export function nestLoggerOptions(logger: Logger): Params {
  return {
    exclude: [{ method: RequestMethod.GET, path: 'health' }],
    pinoHttp: { logger },
    useExisting: true,
  };
}
