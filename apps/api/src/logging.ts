import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';

import { Params } from 'nestjs-pino';

import { AppConfig } from './config/app-config';

const REQUEST_ID_HEADER = 'x-request-id';
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Fastify's id generator. A caller's X-Request-Id is kept when it is sane, so one id can follow
 * a request across systems. Stored on the raw request too, where pino-http picks it up, so the
 * log lines and the error bodies carry the same id.
 */
export function generateRequestId(raw: IncomingMessage): string {
  const incoming = raw.headers[REQUEST_ID_HEADER];
  const id =
    typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}

export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      autoLogging: { ignore: (request) => request.url === '/health' },
      customProps: () => ({ role: config.env.SETTLE_ROLE }),
      level: config.env.LOG_LEVEL,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          url: request.url,
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
    },
  };
}
