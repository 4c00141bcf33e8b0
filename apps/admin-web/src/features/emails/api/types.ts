import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type EmailType = Schemas['EmailType'];
export type EmailStatus = Schemas['EmailStatus'];
export type EmailSummaryDto = Schemas['EmailSummaryDto'];
export type EmailDto = Schemas['EmailResponseDto'];
export type EmailEventDto = Schemas['EmailEventDto'];
export type ExcludableCategory = Schemas['ExcludableEmailCategory'];
export type ContactDto = Schemas['ContactResponseDto'];
