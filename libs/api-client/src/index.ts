export * from './client';
export * from './problem';
export type { paths, components, operations } from './schema';

import type { components } from './schema';

type Schemas = components['schemas'];
export type UserResponseDto = Schemas['UserResponseDto'];
export type MeResponseDto = Schemas['MeResponseDto'];
export type GeneralSettingsDto = Schemas['GeneralSettingsDto'];
export type BrandingResponseDto = Schemas['BrandingResponseDto'];
export type ApiKeyResponseDto = Schemas['ApiKeyResponseDto'];
export type CreatedApiKeyResponseDto = Schemas['CreatedApiKeyResponseDto'];
export type AuditLogEntryResponseDto = Schemas['AuditLogEntryResponseDto'];
export type StaffRole = UserResponseDto['role'];
export type SessionResponseDto = Schemas['SessionResponseDto'];
export type TwoFactorSetupResponseDto = Schemas['TwoFactorSetupResponseDto'];
export type SecuritySettingsDto = Schemas['SecuritySettingsDto'];
