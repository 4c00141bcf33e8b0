import { applyDecorators, PipeTransform, UsePipes } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

import { AppException } from '../errors/app.exception';

const SOURCE = /^[a-z0-9-]{1,40}$/;
const EXTERNAL_ID = /^[^/\s]{1,120}$/;

/** Checks `:source` and `:externalId` path parameters of integrator upserts. */
class ExternalRefPipe implements PipeTransform {
  transform(value: unknown, metadata: { type: string; data?: string }) {
    if (metadata.type !== 'param') return value;
    if (metadata.data === 'source' && (typeof value !== 'string' || !SOURCE.test(value))) {
      throw AppException.invalidField('source', 'must be 1-40 characters of a-z, 0-9 and -');
    }
    if (metadata.data === 'externalId' && (typeof value !== 'string' || !EXTERNAL_ID.test(value))) {
      throw AppException.invalidField('externalId', 'must be 1-120 characters without spaces or /');
    }
    return value;
  }
}

export const ExternalRefParams = () =>
  applyDecorators(
    UsePipes(new ExternalRefPipe()),
    ApiParam({
      description: 'Slug of the external system, e.g. connectwise',
      name: 'source',
      schema: { pattern: SOURCE.source },
    }),
    ApiParam({ description: 'The id in that system', name: 'externalId' }),
  );
