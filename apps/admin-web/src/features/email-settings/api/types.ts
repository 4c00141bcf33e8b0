import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type EmailType = Schemas['EmailType'];
export type EmailCategory = Schemas['EmailCategory'];
export type EmailSettingsDto = Schemas['EmailSettingsResponseDto'];
export type UpdateEmailSettingsDto = Schemas['UpdateEmailSettingsDto'];
export type EmailTemplateDto = Schemas['EmailTemplateDto'];
export type StaffNotificationSettingsDto = Schemas['StaffNotificationSettingsResponseDto'];
export type UpdateStaffNotificationsDto = Schemas['StaffNotificationSettingsDto'];
export type StaffUserDto = Schemas['UserResponseDto'];
