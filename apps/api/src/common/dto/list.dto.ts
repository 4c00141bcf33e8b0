import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

import { QueryInt, QuerySearch } from '../validation';

export const MAX_PAGE_SIZE = 200;
/** Far beyond any real list, and small enough that no page's offset overflows a bigint. */
export const MAX_PAGE = 1_000_000;

export class ListQueryDto {
  @QueryInt({ default: 1, max: MAX_PAGE, min: 1, description: 'Page number, from 1' })
  page: number = 1;

  @QueryInt({ default: 25, max: MAX_PAGE_SIZE, min: 1, description: 'Rows per page (1-200)' })
  pageSize: number = 25;

  @QuerySearch()
  q?: string;
}

export interface Page<T> {
  data: T[];
  page: number;
  pageSize: number;
  total: number;
}

export function toPage<T>(data: T[], total: number, query: ListQueryDto): Page<T> {
  return { data, page: query.page, pageSize: query.pageSize, total };
}

export function pageOffset(query: ListQueryDto): number {
  return (query.page - 1) * query.pageSize;
}

/** Builds a named OpenAPI schema for `{data, page, pageSize, total}` around an item DTO. */
const pagedResponseTypes = new Map<Type<unknown>, Type<unknown>>();

export function PagedResponseDto<T>(item: Type<T>): Type<Page<T>> {
  const known = pagedResponseTypes.get(item);
  if (known) return known as Type<Page<T>>;
  class PagedResponse {
    @ApiProperty({ isArray: true, type: item })
    data: T[];

    @ApiProperty({ minimum: 1, type: 'integer' })
    page: number;

    @ApiProperty({ maximum: MAX_PAGE_SIZE, minimum: 1, type: 'integer' })
    pageSize: number;

    @ApiProperty({ minimum: 0, type: 'integer' })
    total: number;
  }
  Object.defineProperty(PagedResponse, 'name', {
    value: `${item.name.replace(/Dto$/, '')}PageDto`,
  });
  pagedResponseTypes.set(item, PagedResponse);
  return PagedResponse;
}

/** Turns `-field` into `[field, 'DESC']`. */
export function parseSort<F extends string>(
  sort: string | undefined,
  fallback: `${F}` | `-${F}`,
): [F, 'ASC' | 'DESC'] {
  const value = sort ?? fallback;
  return value.startsWith('-') ? [value.slice(1) as F, 'DESC'] : [value as F, 'ASC'];
}

export class ProblemFieldErrorDto {
  @ApiProperty({ example: 'allocations.0.amount' })
  field: string;

  @ApiProperty({ example: 'must be an integer' })
  message: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'urn:settle:problem:validation-error' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400, type: 'integer' })
  status: number;

  @ApiProperty({ example: 'Invalid request: email must be an email address' })
  detail: string;

  @ApiProperty({ isArray: true, required: false, type: ProblemFieldErrorDto })
  errors?: ProblemFieldErrorDto[];

  @ApiProperty({ nullable: true, type: String })
  requestId: string | null;
}
