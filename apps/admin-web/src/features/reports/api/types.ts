import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type AgingResponseDto = Schemas['AgingResponseDto'];
export type AgingBucketKey = Exclude<keyof Schemas['AgingBucketsDto'], 'total'>;

export type AgingOrganizationDto = Schemas['AgingOrganizationDto'];
