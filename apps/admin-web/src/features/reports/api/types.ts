import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type AgingResponseDto = Schemas['AgingResponseDto'];
export type AgingBucketKey = Exclude<keyof Schemas['AgingBucketsDto'], 'total'>;

/** One organization's open balance by days past due (GET /reports/aging/organizations). */
export interface AgingOrganizationDto {
  organizationId: string;
  name: string;
  current: number;
  days1to30: number;
  days31to60: number;
  days61to90: number;
  days90plus: number;
  total: number;
}

export interface AgingOrganizationsPageDto {
  data: AgingOrganizationDto[];
  page: number;
  pageSize: number;
  total: number;
  currency: string;
  asOf: string;
}
