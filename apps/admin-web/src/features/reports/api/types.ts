import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type AgingResponseDto = Schemas['AgingResponseDto'];
export type AgingBucketKey = Exclude<keyof Schemas['AgingBucketsDto'], 'total'>;

export type AgingOrganizationDto = Schemas['AgingOrganizationDto'];

export type TransactionDto = Schemas['TransactionDto'];
export type TransactionTotalDto = Schemas['TransactionTotalDto'];
export type MonthFiguresDto = Schemas['MonthFiguresDto'];
export type AutopayEnrolmentRowDto = Schemas['AutopayEnrolmentRowDto'];
export type MethodReportRowDto = Schemas['MethodReportRowDto'];
export type PortalLoginRowDto = Schemas['PortalLoginRowDto'];
