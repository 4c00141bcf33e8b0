import { Param, ParseUUIDPipe } from '@nestjs/common';

import { AppException } from '../errors/app.exception';

/** A path parameter that must be a UUID; a malformed one is a 400 naming the parameter. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => AppException.invalidField(name, 'must be a UUID'),
    }),
  );
