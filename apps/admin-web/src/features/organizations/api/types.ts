import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type OrganizationStatus = Schemas['OrganizationStatus'];
export type LinkKind = Schemas['LinkKind'];
export type OrganizationSummaryDto = Schemas['OrganizationSummaryDto'];
export type OrganizationResponseDto = Schemas['OrganizationResponseDto'];
export type OrganizationLinkDto = Schemas['OrganizationLinkDto'];
export type CreateOrganizationDto = Schemas['CreateOrganizationDto'];
export type UpdateOrganizationDto = Schemas['UpdateOrganizationDto'];
export type AgingBucketsDto = Schemas['AgingBucketsDto'];
export type CreditResponseDto = Schemas['CreditResponseDto'];

/**
 * What the forms send. The generated AddressDto types its optional text fields as
 * `Record<string, never>` (the API's swagger decorators lack `type: String`), so the fetchers
 * cast this to the generated DTO; the wire format is plain `string | null`.
 */
export interface OrganizationBody {
  name?: string;
  phone?: string | null;
  address?: {
    line1?: string | null;
    line2?: string | null;
    city?: string | null;
    region?: string | null;
    postalCode?: string | null;
    country?: string | null;
  };
  status?: OrganizationStatus;
}
