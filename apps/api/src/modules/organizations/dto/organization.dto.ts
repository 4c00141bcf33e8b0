import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

import { ListQueryDto } from '../../../common/dto/list.dto';
import {
  OptionalField,
  QueryBoolean,
  QuerySort,
  ValidateBoolean,
  ValidateEnum,
  ValidateNestedObject,
  ValidateText,
  ValidateUUID,
} from '../../../common/validation';
import { LINK_KINDS, LinkKind } from '../organization-link.entity';
import { Organization, ORGANIZATION_STATUSES, OrganizationStatus } from '../organization.entity';

export class AddressDto {
  @ValidateText({ max: 200, nullable: true, optional: true })
  line1?: string | null;

  @ValidateText({ max: 200, nullable: true, optional: true })
  line2?: string | null;

  @ValidateText({ max: 120, nullable: true, optional: true })
  city?: string | null;

  @ValidateText({ description: 'State or province', max: 120, nullable: true, optional: true })
  region?: string | null;

  @ValidateText({ max: 20, nullable: true, optional: true })
  postalCode?: string | null;

  @ApiPropertyOptional({
    description: 'ISO 3166-1 alpha-2',
    example: 'US',
    nullable: true,
    type: String,
  })
  @OptionalField({ nullable: true })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as US' })
  country?: string | null;
}

export class CreateOrganizationDto {
  @ValidateText({ example: 'BNG Design', max: 200 })
  name: string;

  @ValidateNestedObject(() => AddressDto, { optional: true })
  address?: AddressDto;

  @ApiPropertyOptional({ example: '+1 515 555 0100', maxLength: 40, nullable: true, type: String })
  @OptionalField({ nullable: true })
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ValidateUUID({
    description: 'Parent organization, for child billing',
    nullable: true,
    optional: true,
  })
  parentOrganizationId?: string | null;
}

/** Every field may be left out; only the nullable ones (phone, parent) may be null. */
export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto, {
  skipNullProperties: false,
}) {
  @ValidateEnum(ORGANIZATION_STATUSES, { enumName: 'OrganizationStatus', optional: true })
  status?: OrganizationStatus;

  @ValidateBoolean({
    description: "No convenience fee on this organization's card payments",
    optional: true,
  })
  convenienceFeeWaived?: boolean;
}

/** Integrator upsert: the same fields as create; the source and external id are in the path. */
export class UpsertOrganizationDto extends OmitType(CreateOrganizationDto, [
  'parentOrganizationId',
] as const) {}

export const ORGANIZATION_SORT_FIELDS = ['name', 'balance', 'pastDue', 'openInvoices'] as const;
export type OrganizationSortField = (typeof ORGANIZATION_SORT_FIELDS)[number];

export class ListOrganizationsQueryDto extends ListQueryDto {
  @QuerySort(ORGANIZATION_SORT_FIELDS)
  sort?: string;

  @ValidateEnum(['active', 'hidden', 'all'] as const, {
    description: 'Defaults to active',
    enumName: 'OrganizationStatusFilter',
    optional: true,
  })
  status?: OrganizationStatus | 'all';

  @QueryBoolean('Only organizations with (true) or without (false) an open balance')
  hasOpenBalance?: boolean;

  @QueryBoolean('Only organizations whose convenience fee is waived (true) or not (false)')
  convenienceFeeWaived?: boolean;
}

export class AddressResponseDto {
  @ApiProperty({ nullable: true, type: String }) line1: string | null;
  @ApiProperty({ nullable: true, type: String }) line2: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
}

export class OrganizationLinkDto {
  @ApiProperty({ enum: LINK_KINDS, enumName: 'LinkKind' })
  kind: LinkKind;

  @ApiProperty({ example: 'connectwise' })
  source: string;

  @ApiProperty({ example: '19300' })
  externalId: string;
}

export class OrganizationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_STATUSES, enumName: 'OrganizationStatus' })
  status: OrganizationStatus;
  @ApiProperty({ type: AddressResponseDto }) address: AddressResponseDto;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentOrganizationId:
    string | null;
  @ApiProperty({ nullable: true, type: String }) parentOrganizationName: string | null;
  @ApiProperty() convenienceFeeWaived: boolean;
  @ApiProperty({ type: 'integer' }) contactsCount: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastPortalLoginAt:
    string | null;
  @ApiProperty({ nullable: true, type: String }) lastPortalLoginEmail: string | null;
  @ApiProperty({ isArray: true, type: OrganizationLinkDto }) links: OrganizationLinkDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrganizationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_STATUSES, enumName: 'OrganizationStatus' })
  status: OrganizationStatus;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ type: 'integer' }) contactsCount: number;
  @ApiProperty({ type: 'integer' }) openInvoices: number;
  @ApiProperty({ description: 'Open balance, minor units', type: 'integer' }) balance: number;
  @ApiProperty({ description: 'Past due part of the balance, minor units', type: 'integer' })
  pastDue: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastPortalLoginAt:
    string | null;
}

export function toAddressResponse(organization: Organization): AddressResponseDto {
  return {
    city: organization.city,
    country: organization.country,
    line1: organization.addressLine1,
    line2: organization.addressLine2,
    postalCode: organization.postalCode,
    region: organization.region,
  };
}

export class AgingBucketsDto {
  @ApiProperty({ description: 'Not yet past due', type: 'integer' }) current: number;
  @ApiProperty({ type: 'integer' }) days1to30: number;
  @ApiProperty({ type: 'integer' }) days31to60: number;
  @ApiProperty({ type: 'integer' }) days61to90: number;
  @ApiProperty({ type: 'integer' }) days90plus: number;
  @ApiProperty({ type: 'integer' }) total: number;
}

export class OldestInvoiceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
}

export class OrganizationBalanceResponseDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: 'integer' }) totalBalance: number;
  @ApiProperty({ type: 'integer' }) pastDue: number;
  @ApiProperty({ type: 'integer' }) openInvoices: number;
  @ApiProperty({ nullable: true, type: OldestInvoiceDto }) oldestInvoice: OldestInvoiceDto | null;
  @ApiProperty({ type: AgingBucketsDto }) aging: AgingBucketsDto;
  @ApiProperty({
    description: 'Credit memos left to apply; not part of the balance',
    type: 'integer',
  })
  creditsAvailable: number;
  @ApiProperty({ description: 'Unapplied payments; not part of the balance', type: 'integer' })
  unappliedPayments: number;
}
