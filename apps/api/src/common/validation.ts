import { applyDecorators, ValidationPipe } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

import { AppException } from './errors/app.exception';
import { flattenValidationErrors } from './errors/validation-errors';

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const summary = fieldErrors.map((e) => `${e.field} ${e.message}`).join('; ');
      return AppException.badRequest(`Invalid request: ${summary}`, fieldErrors);
    },
    forbidNonWhitelisted: true,
    // Query strings are converted by the explicit decorators below, never implicitly.
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    whitelist: true,
  });
}

/* Composite decorators: validation and OpenAPI metadata declared once so they cannot drift. */

export function ValidateUUID(
  options: { optional?: boolean; nullable?: boolean; description?: string } = {},
) {
  const doc = { description: options.description, format: 'uuid', type: String };
  return applyDecorators(
    IsUUID('all', { message: 'must be a UUID' }),
    optionality(options),
    options.optional
      ? ApiPropertyOptional({ ...doc, nullable: options.nullable ?? false })
      : ApiProperty(doc),
  );
}

export function ValidateEmail(options: { description?: string } = {}) {
  return applyDecorators(
    ApiProperty({ format: 'email', maxLength: 254, example: 'jane@example.com', ...options }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsEmail({}, { message: 'must be an email address' }),
    MaxLength(254),
  );
}

/** Optional text may be left out; only `nullable` text may also be sent as null, to clear it. */
export function ValidateText(options: {
  optional?: boolean;
  nullable?: boolean;
  min?: number;
  max: number;
  description?: string;
  example?: string;
}) {
  const doc = {
    minLength: options.min ?? 1,
    maxLength: options.max,
    description: options.description,
    example: options.example,
    type: String,
  };
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({ ...doc, nullable: options.nullable ?? false })
      : ApiProperty(doc),
    optionality(options),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MinLength(options.min ?? 1),
    MaxLength(options.max),
  );
}

/** Required: always validated. Optional: skipped when absent. Nullable: skipped when null too. */
function optionality(options: { optional?: boolean; nullable?: boolean }) {
  if (options.nullable) return IsOptional();
  if (options.optional) return ValidateIf((_, value) => value !== undefined);
  return applyDecorators();
}

export function ValidateEnum<T extends string>(
  values: readonly T[],
  options: { optional?: boolean; description?: string; enumName: string },
) {
  const doc = { enum: values, enumName: options.enumName, description: options.description };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    options.optional ? IsOptional() : applyDecorators(),
    IsIn(values, { message: `must be one of: ${values.join(', ')}` }),
  );
}

/** Integers from a query string: `?page=2`. Anything not made of digits is refused, not coerced. */
export function QueryInt(options: {
  min: number;
  max?: number;
  default: number;
  description?: string;
}) {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      minimum: options.min,
      maximum: options.max,
      default: options.default,
      description: options.description,
    }),
    Transform(({ value }) =>
      typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value,
    ),
    IsOptional(),
    IsInt({ message: 'must be an integer' }),
    Min(options.min),
    options.max === undefined ? applyDecorators() : Max(options.max),
  );
}

/** `sort=field` or `sort=-field`, restricted to the fields an endpoint can sort by. */
export function QuerySort(fields: readonly string[]) {
  const allowed = fields.flatMap((f) => [f, `-${f}`]);
  return applyDecorators(
    ApiPropertyOptional({
      enum: allowed,
      description: 'Field to sort by; prefix with - for descending',
    }),
    IsOptional(),
    IsIn(allowed, { message: `must be one of: ${allowed.join(', ')}` }),
  );
}

export function QuerySearch() {
  return applyDecorators(
    ApiPropertyOptional({ maxLength: 200, description: 'Case-insensitive substring search' }),
    IsOptional(),
    IsString(),
    MaxLength(200),
  );
}

export function SlugField(options: { description?: string } = {}) {
  return applyDecorators(
    ApiProperty({ pattern: '^[a-z0-9-]{1,40}$', ...options }),
    IsString(),
    Matches(/^[a-z0-9-]{1,40}$/, { message: 'must be 1-40 characters of a-z, 0-9 and -' }),
  );
}

/** `YYYY-MM-DD`, a real calendar date. */
export function ValidateDate(options: { optional?: boolean; description?: string } = {}) {
  const doc = { example: '2026-11-24', format: 'date', description: options.description };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    options.optional ? IsOptional() : applyDecorators(),
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' }),
    IsCalendarDate(),
  );
}

function IsCalendarDate() {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      defaultMessage: () => 'must be a real calendar date',
      validate: (value: unknown) => {
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return true;
        const [y, m, d] = value.split('-').map(Number);
        const date = new Date(Date.UTC(y, m - 1, d));
        return (
          date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
        );
      },
    },
  });
}

/** Money in minor units: a non-negative safe integer (a fraction or a string is a 400). */
export function ValidateMinorUnits(
  options: { optional?: boolean; description?: string; example?: number } = {},
) {
  const doc = {
    description: options.description ?? 'Amount in minor units (cents)',
    example: options.example ?? 125050,
    minimum: 0,
    type: 'integer' as const,
  };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    options.optional ? IsOptional() : applyDecorators(),
    IsInt({ message: 'must be an integer amount in minor units' }),
    Min(0),
    Max(Number.MAX_SAFE_INTEGER),
  );
}

export function ValidateCurrency() {
  return applyDecorators(
    ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$' }),
    IsString(),
    Matches(/^[A-Z]{3}$/, { message: 'must be an upper-case ISO 4217 code such as USD' }),
  );
}

/** Optional boolean query flag: only `true` or `false`. */
export function QueryBoolean(description?: string) {
  return applyDecorators(
    ApiPropertyOptional({ description, enum: ['true', 'false'], type: 'string' }),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsOptional(),
    IsBoolean({ message: 'must be true or false' }),
  );
}
