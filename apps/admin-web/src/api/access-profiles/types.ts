import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type AccessProfileResponseDto = Schemas['AccessProfileResponseDto'];
export type AccessProfileInput = Schemas['CreateAccessProfileDto'];
export type UpdateAccessProfileInput = Schemas['UpdateAccessProfileDto'];
