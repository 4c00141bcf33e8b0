import { HttpStatus } from '@nestjs/common';

import { defaultSlugForStatus, FieldError } from './problem';

/**
 * The one exception services throw. The global filter renders it as problem+json; services
 * never build HTTP responses themselves.
 */
export class AppException extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly detail: string,
    readonly options: {
      type?: string;
      errors?: FieldError[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail);
  }

  get type(): string {
    return this.options.type ?? defaultSlugForStatus(this.status);
  }

  static badRequest(detail: string, errors: FieldError[]): AppException {
    return new AppException(HttpStatus.BAD_REQUEST, detail, { errors });
  }

  static invalidField(field: string, message: string): AppException {
    return AppException.badRequest(`${field} ${message}`, [{ field, message }]);
  }

  /** Deliberately silent about whether the thing exists elsewhere (design: no hints). */
  static notFound(what: string): AppException {
    return new AppException(HttpStatus.NOT_FOUND, `${what} not found`);
  }

  static conflict(detail: string, errors?: FieldError[]): AppException {
    return new AppException(HttpStatus.CONFLICT, detail, { errors });
  }

  static rule(detail: string, errors?: FieldError[]): AppException {
    return new AppException(HttpStatus.UNPROCESSABLE_ENTITY, detail, { errors });
  }
}
