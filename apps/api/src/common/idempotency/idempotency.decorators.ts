import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';

import { AppException } from '../errors/app.exception';
import { isStoredProblem, StoredResponse } from './idempotency.service';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const readIdempotencyKey = createParamDecorator((required: boolean, context: ExecutionContext) => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined && required)
    throw AppException.invalidField(
      'Idempotency-Key',
      'is required: send a new UUID with each payment, and the same one when retrying it',
    );
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value))
    throw AppException.invalidField(
      'Idempotency-Key',
      'must be 1-255 visible ASCII characters, such as a UUID',
    );
  return value;
});

/** The optional `Idempotency-Key` header of a money-moving request, validated and documented. */
export function IdempotencyKeyHeader(): ParameterDecorator {
  return readIdempotencyKey(false);
}

/**
 * The same header, refused when missing: the portal's pay button is pressed on phones with weak
 * connections, where a retry without a key could charge twice.
 */
export function RequiredIdempotencyKeyHeader(): ParameterDecorator {
  return readIdempotencyKey(true);
}

export function ApiIdempotencyKey(options: { required?: boolean } = {}) {
  return applyDecorators(
    ApiHeader({
      description:
        'Makes the request safe to retry: the same key and body replay the first answer; another body is a 409. Kept 48 hours, per credential and endpoint.',
      name: 'Idempotency-Key',
      required: options.required ?? false,
      schema: { maxLength: 255, type: 'string' },
    }),
  );
}

/** Sends what an idempotent use case answered, or answered the first time. */
export function replyStored<T>(reply: FastifyReply, response: StoredResponse<T>): T {
  if (isStoredProblem(response.body))
    throw new AppException(response.status, response.body.detail, {
      errors: response.body.errors,
      headers: { 'Idempotent-Replayed': 'true' },
      type: response.body.type,
    });
  reply.status(response.status);
  if (response.replayed) reply.header('Idempotent-Replayed', 'true');
  return response.body;
}
