import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import {
  OptionalField,
  ValidateEnum,
  ValidateNestedObject,
  ValidateText,
} from '../../../common/validation';
import {
  INTEGRATION_KINDS,
  INTEGRATION_STATUSES,
  IntegrationKind,
  IntegrationStatus,
  SYNC_SCHEDULES,
  SyncSchedule,
} from '../integration.entity';
import { SyncRunResponseDto } from './sync-run.dto';

const MAX_HIDE_RULES = 50;

function ValidateNameList(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ description, isArray: true, maxItems: MAX_HIDE_RULES, type: String }),
    OptionalField(),
    IsArray({ message: 'must be a list of strings' }),
    ArrayMaxSize(MAX_HIDE_RULES, { message: `must have at most ${MAX_HIDE_RULES} items` }),
    IsString({ each: true, message: 'must be a list of strings' }),
    MinLength(1, { each: true, message: 'must not contain empty strings' }),
    MaxLength(100, { each: true, message: 'must contain strings of at most 100 characters' }),
  );
}

export class ConnectWiseSettingsDto {
  @ApiProperty({
    description:
      'The API site, e.g. https://api-na.myconnectwise.net; the codebase is discovered through login/companyinfo',
    example: 'https://api-na.myconnectwise.net',
    maxLength: 300,
  })
  @IsString()
  @MaxLength(300)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http(s) URL' },
  )
  site: string;

  @ValidateText({ description: 'The company id used to sign in to ConnectWise', max: 100 })
  companyId: string;

  @ValidateText({ description: "The API member's public key", max: 100 })
  publicKey: string;

  @ValidateText({ description: 'The clientId registered at developer.connectwise.com', max: 100 })
  clientId: string;

  @ValidateNameList('Companies of these types (e.g. "Vendor") are kept hidden')
  hiddenCompanyTypes?: string[];

  @ValidateNameList('Companies with these statuses (e.g. "Inactive") are kept hidden')
  hiddenCompanyStatuses?: string[];
}

export class QuickBooksSettingsDto {
  @ValidateText({
    description:
      'The QuickBooks account (Id) pushed payments are deposited to; omitted: Undeposited Funds',
    max: 50,
    optional: true,
  })
  depositAccountId?: string;

  @ValidateText({
    description: 'The QuickBooks payment method (Id) pushed payments carry',
    max: 50,
    optional: true,
  })
  paymentMethodId?: string;

  @ValidateNameList('Customers of these types are kept hidden')
  hiddenCompanyTypes?: string[];

  @ValidateNameList('Customers with these statuses (e.g. "Inactive") are kept hidden')
  hiddenCompanyStatuses?: string[];
}

/**
 * The kind's settings: ConnectWise's or QuickBooks', told apart by the request's `kind` (create)
 * or, without one (update), by ConnectWise's own fields.
 */
const CONNECTWISE_KEYS = ['site', 'companyId', 'publicKey', 'clientId'];
function ValidateSettings(options: { optional?: boolean }) {
  const doc = {
    description: 'ConnectWiseSettings for connectwise, QuickBooksSettings for quickbooks',
    oneOf: [
      { $ref: getSchemaPath(ConnectWiseSettingsDto) },
      { $ref: getSchemaPath(QuickBooksSettingsDto) },
    ],
  };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(options.optional ? [OptionalField()] : []),
    IsObject({ message: 'must be an object' }),
    ValidateNested(),
    Type(({ object, property } = { newObject: {}, object: {}, property: '' }) => {
      const kind = (object as { kind?: unknown }).kind;
      const settings = (object as Record<string, unknown>)[property];
      if (kind === 'quickbooks') return QuickBooksSettingsDto;
      if (
        kind === undefined &&
        settings &&
        typeof settings === 'object' &&
        !CONNECTWISE_KEYS.some((key) => key in settings)
      )
        return QuickBooksSettingsDto;
      return ConnectWiseSettingsDto;
    }),
  );
}

export class ConnectWiseCredentialsDto {
  @ValidateText({ description: "The API member's private key; write-only", max: 200 })
  privateKey: string;
}

@ApiExtraModels(ConnectWiseSettingsDto, QuickBooksSettingsDto)
export class CreateIntegrationDto {
  @ValidateEnum(INTEGRATION_KINDS, { enumName: 'IntegrationKind' })
  kind: IntegrationKind;

  @ValidateText({ example: 'ConnectWise', max: 200 })
  name: string;

  @ValidateSettings({})
  settings: ConnectWiseSettingsDto | QuickBooksSettingsDto;

  @ApiPropertyOptional({
    description:
      'Secrets, sealed at rest and never returned: required for connectwise; QuickBooks is connected through its own sign-in (GET /integrations/{id}/oauth/authorize) instead',
    type: ConnectWiseCredentialsDto,
  })
  @ValidateIf(
    (dto: CreateIntegrationDto) => dto.kind !== 'quickbooks' || dto.credentials !== undefined,
  )
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => ConnectWiseCredentialsDto)
  credentials?: ConnectWiseCredentialsDto;

  @ValidateEnum(SYNC_SCHEDULES, {
    description: 'How often it syncs on its own (default hourly)',
    enumName: 'SyncSchedule',
    optional: true,
  })
  schedule?: SyncSchedule;
}

@ApiExtraModels(ConnectWiseSettingsDto, QuickBooksSettingsDto)
export class UpdateIntegrationDto {
  @ValidateText({ max: 200, optional: true })
  name?: string;

  @ValidateSettings({ optional: true })
  settings?: ConnectWiseSettingsDto | QuickBooksSettingsDto;

  @ValidateNestedObject(() => ConnectWiseCredentialsDto, {
    description: 'Write-only; omit to keep the stored secrets',
    optional: true,
  })
  credentials?: ConnectWiseCredentialsDto;

  @ValidateEnum(SYNC_SCHEDULES, { enumName: 'SyncSchedule', optional: true })
  schedule?: SyncSchedule;

  @ValidateEnum(['connected', 'disconnected'] as const, {
    description: 'disconnected: never syncs until connected again',
    enumName: 'IntegrationConnection',
    optional: true,
  })
  status?: 'connected' | 'disconnected';
}

export class ConnectWiseSettingsResponseDto {
  @ApiProperty() site: string;
  @ApiProperty() companyId: string;
  @ApiProperty() publicKey: string;
  @ApiProperty() clientId: string;
  @ApiProperty({ isArray: true, type: String }) hiddenCompanyTypes: string[];
  @ApiProperty({ isArray: true, type: String }) hiddenCompanyStatuses: string[];
}

export class QuickBooksSettingsResponseDto {
  @ApiProperty({
    description: 'The connected company (realm); null until connected',
    nullable: true,
    type: String,
  })
  realmId: string | null;
  @ApiProperty({
    description: 'Deposit account of pushed payments; null: Undeposited Funds',
    nullable: true,
    type: String,
  })
  depositAccountId: string | null;
  @ApiProperty({ nullable: true, type: String }) paymentMethodId: string | null;
  @ApiProperty({ isArray: true, type: String }) hiddenCompanyTypes: string[];
  @ApiProperty({ isArray: true, type: String }) hiddenCompanyStatuses: string[];
}

@ApiExtraModels(ConnectWiseSettingsResponseDto, QuickBooksSettingsResponseDto)
export class IntegrationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INTEGRATION_KINDS, enumName: 'IntegrationKind' }) kind: IntegrationKind;
  @ApiProperty() name: string;
  @ApiProperty({ enum: INTEGRATION_STATUSES, enumName: 'IntegrationStatus' })
  status: IntegrationStatus;
  @ApiProperty({
    description: 'Why it needs attention, in the source system’s words',
    nullable: true,
    type: String,
  })
  statusMessage: string | null;
  @ApiProperty({
    description:
      'ConnectWiseSettingsResponse for connectwise, QuickBooksSettingsResponse for quickbooks',
    oneOf: [
      { $ref: getSchemaPath(ConnectWiseSettingsResponseDto) },
      { $ref: getSchemaPath(QuickBooksSettingsResponseDto) },
    ],
  })
  settings: ConnectWiseSettingsResponseDto | QuickBooksSettingsResponseDto;
  @ApiProperty({ description: 'Whether secrets are stored (they are never returned)' })
  credentialsSet: boolean;
  @ApiProperty({ enum: SYNC_SCHEDULES, enumName: 'SyncSchedule' }) schedule: SyncSchedule;
  @ApiProperty({ nullable: true, type: SyncRunResponseDto }) lastRun: SyncRunResponseDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastFullSyncAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class IntegrationTestResponseDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'The source’s answer, or why it failed' }) message: string;
  @ApiProperty({ enum: INTEGRATION_STATUSES, enumName: 'IntegrationStatus' })
  status: IntegrationStatus;
}

export class IntegrationListResponseDto {
  @ApiProperty({ type: [IntegrationResponseDto] }) data: IntegrationResponseDto[];
}

/** What Intuit appends to the redirect URI (integrations.md 2.1). */
export class OAuthCallbackQueryDto {
  @ValidateText({ description: 'The one-time authorization code', max: 2000, optional: true })
  code?: string;

  @ValidateText({
    description: 'The state Settle issued with the authorize redirect',
    max: 200,
    optional: true,
  })
  state?: string;

  @ValidateText({
    description: 'The QuickBooks company (realm) connected',
    max: 50,
    optional: true,
  })
  realmId?: string;

  @ValidateText({
    description: 'Why QuickBooks did not connect (e.g. access_denied)',
    max: 200,
    optional: true,
  })
  error?: string;

  @ValidateText({ max: 1000, optional: true })
  error_description?: string;
}
