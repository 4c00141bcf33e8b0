import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';

import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';
import pino, { DestinationStream, Logger } from 'pino';

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
 * `destination` defaults to stdout; tests pass a stream to read what was logged.
 */
export function createRootLogger(config: AppConfig, destination?: DestinationStream): Logger {
  return pino(
    {
      base: { pid: process.pid, role: config.env.SETTLE_ROLE },
      level: config.env.LOG_LEVEL,
      redact: {
        censor: REDACTED,
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
      },
      serializers: { err: serializeError },
    },
    destination,
  );
}

const REDACTED = '[redacted]';
/** Keys whose values are never logged, wherever they appear in an error. */
const SECRET_KEY =
  /passw(or)?d|passphrase|secret|token|hash|api[-_]?key|authorization|cookie|credential/i;
/**
 * The values a failed statement carried, which hold whatever was being written (argon2 password
 * hashes, API-key hashes): TypeORM's `parameters`, and PostgreSQL's `detail`, which echoes the
 * row or key ("Failing row contains (...)", "Key (secret_hash)=(...) already exists").
 */
const DATA_KEYS = new Set(['parameters', 'detail']);
const MAX_ERROR_DEPTH = 5;

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  [key: string]: unknown;
}

/**
 * pino's `err` serializer. Keeps what explains an error (type, message, stack, code, the SQL
 * text, PostgreSQL's constraint and table names...) and its causes, serialized the same way:
 * TypeORM's `driverError`, `cause`, an AggregateError's `errors`. Drops the statement's values,
 * any field named like a secret, and nested objects (an HTTP client's request config or
 * response), which may hold anything.
 */
export function serializeError(error: unknown): unknown {
  return serializeErrorAt(error, 0, new WeakSet());
}

function serializeErrorAt(error: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (error === null || typeof error !== 'object') return error;
  if (seen.has(error) || depth > MAX_ERROR_DEPTH) return '[nested error omitted]';
  seen.add(error);
  const source = error as Record<string, unknown>;
  const out: SerializedError = {
    type: error.constructor?.name ?? 'Object',
    message: typeof source.message === 'string' ? source.message : '',
  };
  if (typeof source.stack === 'string') out.stack = source.stack;
  // Own names, not keys: `cause` and an AggregateError's `errors` are not enumerable.
  for (const key of Object.getOwnPropertyNames(source)) {
    if (key === 'message' || key === 'stack' || DATA_KEYS.has(key)) continue;
    const value = source[key];
    if (SECRET_KEY.test(key)) {
      if (value !== undefined) out[key] = REDACTED;
    } else if (key === 'cause' || value instanceof Error) {
      out[key] = serializeErrorAt(value, depth + 1, seen);
    } else if (key === 'errors' && Array.isArray(value)) {
      out[key] = value.map((item) => serializeErrorAt(item, depth + 1, seen));
    } else if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      out[key] = value;
    }
  }
  return out;
}

/** nestjs-pino binds Nest's Logger to fastify's per-request logger instead of adding pino-http. */
export function nestLoggerOptions(logger: Logger): Params {
  return {
    exclude: [{ method: RequestMethod.GET, path: 'health' }],
    pinoHttp: { logger },
    useExisting: true,
  };
}
