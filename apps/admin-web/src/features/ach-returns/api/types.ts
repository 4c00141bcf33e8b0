import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type AchReturnDto = Schemas['AchReturnResponseDto'];
export type AchReturnStatus = Schemas['AchReturnStatus'];
