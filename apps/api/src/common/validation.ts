import {
  applyDecorators,
  ArgumentMetadata,
  Injectable,
  Type as ClassType,
  ValidationPipe,
} from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
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
  ValidateNested,
} from 'class-validator';

import { AppException } from './errors/app.exception';
import { flattenValidationErrors } from './errors/validation-errors';
import { findUnsafeText } from './unsafe-text';

const PRIMITIVE_TYPES: unknown[] = [String, Boolean, Number, Array, Object];

/**
 * The global pipe. Before class-validator sees anything, it refuses text PostgreSQL cannot
 * store (in body keys and values, query values and path parameters alike) and a body that is
 * not a JSON object where a DTO expects one: ValidationPipe would treat `null` as `{}`.
 */
@Injectable()
export class SettleValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { type, data, metatype } = metadata;
    if (type === 'body' || type === 'query' || type === 'param') {
      const root = data ? [data] : [];
      const unsafe = findUnsafeText(value, root);
      if (unsafe.length) throw invalid(unsafe);
    }
    const expectsObject =
      type === 'body' &&
      !data &&
      typeof metatype === 'function' &&
      !PRIMITIVE_TYPES.includes(metatype);
    if (expectsObject && value !== undefined && !isPlainObject(value))
      throw AppException.invalidField('body', 'must be a JSON object');
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new SettleValidationPipe({
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
    forbidNonWhitelisted: true,
    // Query strings are converted by the explicit decorators below, never implicitly.
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    whitelist: true,
  });
}

function invalid(fieldErrors: { field: string; message: string }[]): AppException {
  const summary = fieldErrors.map((e) => `${e.field} ${e.message}`).join('; ');
  return AppException.badRequest(`Invalid request: ${summary}`, fieldErrors);
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/* Composite decorators: validation and OpenAPI metadata declared once so they cannot drift. */

export function ValidateUUID(
  options: { optional?: boolean; nullable?: boolean; description?: string } = {},
) {
  const doc = { description: options.description, format: 'uuid', type: String };
  return applyDecorators(
    IsUUID('all', { message: 'must be a UUID' }),
    optionality(options),
    documented(doc, options),
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
    documented(doc, options),
    optionality(options),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MinLength(options.min ?? 1),
    MaxLength(options.max),
  );
}

interface Presence {
  /** May be left out. */
  optional?: boolean;
  /** May be sent as null, to clear the value; nothing else may be null. */
  nullable?: boolean;
}

/**
 * Required: always validated, so null and absence are refused. Optional: skipped only when
 * absent. Nullable: skipped when null (and when absent, if also optional).
 * class-validator's IsOptional skips null as well, so it is used only for optional nullables.
 */
function optionality({ optional, nullable }: Presence) {
  if (optional && nullable) return IsOptional();
  if (optional) return ValidateIf((_, value) => value !== undefined);
  if (nullable) return ValidateIf((_, value) => value !== null);
  return applyDecorators();
}

/** For hand-written validators: the field may be left out (and, if `nullable`, be null). */
export function OptionalField(options: { nullable?: boolean } = {}) {
  return optionality({ nullable: options.nullable, optional: true });
}

/** For hand-written validators: the field must be present but may be null. */
export function NullableField() {
  return optionality({ nullable: true });
}

/** Optional fields say whether null is allowed; required ones only when it is. */
function documented(doc: Record<string, unknown>, { optional, nullable }: Presence) {
  if (optional) return ApiPropertyOptional({ ...doc, nullable: nullable ?? false });
  return ApiProperty(nullable ? { ...doc, nullable } : doc);
}

export function ValidateEnum<T extends string>(
  values: readonly T[],
  options: { optional?: boolean; description?: string; enumName: string },
) {
  const doc = { enum: values, enumName: options.enumName, description: options.description };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    optionality(options),
    IsIn(values, { message: `must be one of: ${values.join(', ')}` }),
  );
}

/**
 * Integers from a query string: `?page=2`. Anything not made of digits is refused, not coerced,
 * and `max` is required so that no value can reach PostgreSQL out of its range.
 */
export function QueryInt(options: {
  min: number;
  max: number;
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
    Max(options.max),
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
    optionality(options),
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' }),
    IsCalendarDate(),
  );
}

/** No two items of a list share `key`; what is not a list of objects is left to other rules. */
export function UniqueBy(key: string, message: string) {
  return ValidateBy({
    name: 'uniqueBy',
    validator: {
      defaultMessage: () => message,
      validate: (value: unknown) => {
        if (!Array.isArray(value)) return true;
        const keys = value
          .filter((item) => typeof item === 'object' && item !== null)
          .map((item: Record<string, unknown>) => item[key])
          .filter((k) => typeof k === 'string');
        return new Set(keys).size === keys.length;
      },
    },
  });
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

/**
 * Money in minor units: a safe integer of at least `min` (default 0); a fraction, a string or
 * null is a 400.
 */
export function ValidateMinorUnits(
  options: { optional?: boolean; min?: number; description?: string; example?: number } = {},
) {
  const min = options.min ?? 0;
  const doc = {
    description: options.description ?? 'Amount in minor units (cents)',
    example: options.example ?? 125050,
    maximum: Number.MAX_SAFE_INTEGER,
    minimum: min,
    type: 'integer' as const,
  };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    optionality(options),
    IsInt({ message: 'must be an integer amount in minor units' }),
    Min(min),
    Max(Number.MAX_SAFE_INTEGER),
  );
}

export function ValidateBoolean(
  options: { optional?: boolean; description?: string; default?: boolean } = {},
) {
  const doc = { default: options.default, description: options.description, type: Boolean };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    optionality(options),
    IsBoolean({ message: 'must be true or false' }),
  );
}

/**
 * A nested object: a JSON object (never an array, which class-transformer would happily turn
 * into a list of DTOs), present unless optional, null only if nullable.
 */
export function ValidateNestedObject(
  type: () => ClassType<unknown>,
  options: Presence & { description?: string } = {},
) {
  // `nullable: false` beside a $ref would wrap it in allOf; say it only when null is allowed.
  const doc = {
    description: options.description,
    type: type(),
    ...(options.nullable ? { nullable: true } : {}),
  };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    optionality(options),
    IsObject({ message: 'must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/** A list of nested objects; each item must be an object (not null, a string or a list). */
export function ValidateNestedList(
  type: () => ClassType<unknown>,
  options: { optional?: boolean; description?: string; message?: string } = {},
) {
  return applyDecorators(
    IsArray({ message: options.message ?? 'must be a list' }),
    IsObject({ each: true, message: options.message ?? 'must be a list of objects' }),
    ValidateNested({ each: true }),
    Type(type),
    optionality(options),
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

/**
 * A repeatable UUID query parameter, `?id=a&id=b` (one value is a list of one), at most `max`
 * of them, so that a screen can ask for exactly the rows it shows.
 */
export function QueryUuidList(options: { max: number; description: string }) {
  return applyDecorators(
    ApiPropertyOptional({
      description: `${options.description}; repeat the parameter for more (at most ${options.max})`,
      format: 'uuid',
      isArray: true,
      maxItems: options.max,
      type: String,
    }),
    Transform(({ value }) => (typeof value === 'string' ? [value] : value)),
    IsOptional(),
    IsArray({ message: 'must be a list of UUIDs' }),
    ArrayMaxSize(options.max, { message: `must name at most ${options.max} ids` }),
    IsUUID('all', { each: true, message: 'must be UUIDs' }),
  );
}
