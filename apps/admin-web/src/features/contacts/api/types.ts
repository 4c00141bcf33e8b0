import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type ContactResponseDto = Schemas['ContactResponseDto'];
export type UpdateContactDto = Schemas['UpdateContactDto'];

/**
 * What the add-contact form sends. The generated CreateContactDto types `accessProfileId` as
 * `Record<string, never>` (missing `type: String` on the API side); on the wire it is a uuid or null.
 */
export interface CreateContactBody {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string | null;
  accessProfileId?: string | null;
  isDefaultNotification: boolean;
}
