import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';

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

export class ConnectWiseCredentialsDto {
  @ValidateText({ description: "The API member's private key; write-only", max: 200 })
  privateKey: string;
}

export class CreateIntegrationDto {
  @ValidateEnum(INTEGRATION_KINDS, { enumName: 'IntegrationKind' })
  kind: IntegrationKind;

  @ValidateText({ example: 'ConnectWise', max: 200 })
  name: string;

  @ValidateNestedObject(() => ConnectWiseSettingsDto)
  settings: ConnectWiseSettingsDto;

  @ValidateNestedObject(() => ConnectWiseCredentialsDto, {
    description: 'Secrets; sealed at rest and never returned',
  })
  credentials: ConnectWiseCredentialsDto;

  @ValidateEnum(SYNC_SCHEDULES, {
    description: 'How often it syncs on its own (default hourly)',
    enumName: 'SyncSchedule',
    optional: true,
  })
  schedule?: SyncSchedule;
}

export class UpdateIntegrationDto {
  @ValidateText({ max: 200, optional: true })
  name?: string;

  @ValidateNestedObject(() => ConnectWiseSettingsDto, { optional: true })
  settings?: ConnectWiseSettingsDto;

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
  @ApiProperty({ type: ConnectWiseSettingsResponseDto }) settings: ConnectWiseSettingsResponseDto;
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
