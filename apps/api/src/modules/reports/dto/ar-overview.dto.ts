import { ApiProperty } from '@nestjs/swagger';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { QuerySort, ValidateUUID } from '../../../common/validation';
import { AgingBucketsDto } from '../../organizations';

export const AR_SORT_FIELDS = ['name', 'balance', 'pastDue', 'openInvoices'] as const;
export type ArSortField = (typeof AR_SORT_FIELDS)[number];

export class ArOverviewQueryDto extends ListQueryDto {
  @QuerySort(AR_SORT_FIELDS)
  sort?: string;
}

export class ArTotalsDto {
  @ApiProperty({ type: 'integer' }) totalBalance: number;
  @ApiProperty({ type: 'integer' }) totalPastDue: number;
  @ApiProperty({ type: 'integer' }) openInvoices: number;
  @ApiProperty({ description: 'Organizations with an open balance', type: 'integer' })
  companies: number;
  @ApiProperty({ example: 'USD' }) currency: string;
}

export class ArCompanyDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) openInvoices: number;
  @ApiProperty({ type: 'integer' }) balance: number;
  @ApiProperty({ type: 'integer' }) pastDue: number;
}

export class ArCompanyPageDto {
  @ApiProperty({ isArray: true, type: ArCompanyDto }) data: ArCompanyDto[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer' }) total: number;
}

export class HighestBalanceDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) balance: number;
  @ApiProperty({ type: 'integer' }) pastDue: number;
}

export class ArOverviewResponseDto {
  @ApiProperty({ type: ArTotalsDto }) totals: ArTotalsDto;
  @ApiProperty({ type: ArCompanyPageDto }) companies: ArCompanyPageDto;
  @ApiProperty({ isArray: true, type: HighestBalanceDto }) highestBalances: HighestBalanceDto[];
}

export class AgingQueryDto {
  @ValidateUUID({ description: 'One organization; all of them when omitted', optional: true })
  organizationId?: string;
}

export class AgingResponseDto extends AgingBucketsDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ format: 'date', description: 'The MSP calendar day the buckets are computed for' })
  asOf: string;
}
