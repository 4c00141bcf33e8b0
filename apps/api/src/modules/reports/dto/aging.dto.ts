import { ApiProperty } from '@nestjs/swagger';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { QuerySort, ValidateDate } from '../../../common/validation';

export const AGING_SORT_FIELDS = [
  'name',
  'total',
  'current',
  'days1to30',
  'days31to60',
  'days61to90',
  'days90plus',
] as const;
export type AgingSortField = (typeof AGING_SORT_FIELDS)[number];

const AS_OF_DESCRIPTION =
  'The day to age on (MSP calendar), today by default: invoices issued by then that are still open, by days past due on that day';

export class AgingOrganizationsQueryDto extends ListQueryDto {
  @QuerySort(AGING_SORT_FIELDS)
  sort?: string;

  @ValidateDate({ description: AS_OF_DESCRIPTION, optional: true })
  asOf?: string;
}

export class AgingExportQueryDto {
  @ValidateDate({ description: AS_OF_DESCRIPTION, optional: true })
  asOf?: string;
}

export class AgingOrganizationDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Not yet due, or due today', type: 'integer' }) current: number;
  @ApiProperty({ type: 'integer' }) days1to30: number;
  @ApiProperty({ type: 'integer' }) days31to60: number;
  @ApiProperty({ type: 'integer' }) days61to90: number;
  @ApiProperty({ type: 'integer' }) days90plus: number;
  @ApiProperty({ description: 'The open balance: the sum of the buckets', type: 'integer' })
  total: number;
}

export class AgingOrganizationsResponseDto {
  @ApiProperty({ isArray: true, type: AgingOrganizationDto }) data: AgingOrganizationDto[];
  @ApiProperty({ minimum: 1, type: 'integer' }) page: number;
  @ApiProperty({ maximum: 200, minimum: 1, type: 'integer' }) pageSize: number;
  @ApiProperty({ description: 'Organizations with an open balance', minimum: 0, type: 'integer' })
  total: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ description: 'The MSP calendar day the buckets are computed for', format: 'date' })
  asOf: string;
}
