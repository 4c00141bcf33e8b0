import { FastifyInstance } from 'fastify';

import { AppException } from './errors/app.exception';

/** Largest JSON body accepted (fastify answers 413 above it); bulk invoice imports fit in it. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * Deepest nesting of arrays and objects accepted in a JSON body. The deepest request DTO is
 * three levels (`invoices.0.total`); class-transformer and class-validator recurse per level,
 * so an unbounded depth overflows their stack.
 */
export const MAX_JSON_DEPTH = 20;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * True when the raw text nests deeper than `max`. A loop over the bytes, without recursion or
 * parsing: the ASCII delimiters never occur inside a multi-byte UTF-8 sequence, so strings can
 * be skipped by their quotes and escapes alone. Malformed JSON is left to the parser.
 */
export function nestsDeeperThan(body: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

type Done = (error: Error | null, body?: unknown) => void;
type JsonParser = (request: unknown, body: Buffer, done: Done) => void;

/**
 * fastify's own JSON parser (secure-json-parse, refusing `__proto__` and `constructor`
 * poisoning), behind a depth check.
 */
export function depthLimitedJsonParser(fastify: FastifyInstance) {
  // Typed for string bodies; it takes the Buffer Nest's adapter hands over just as well.
  const parse = fastify.getDefaultJsonParser('error', 'error') as unknown as JsonParser;
  return (request: unknown, body: Buffer, done: Done) => {
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(AppException.invalidField('body', `must not nest deeper than ${MAX_JSON_DEPTH} levels`));
      return;
    }
    parse(request, body, done);
  };
}
