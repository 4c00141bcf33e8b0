import { ApiProperty } from '@nestjs/swagger';
import {
  IsHexColor,
  IsISO4217CurrencyCode,
  IsString,
  IsTimeZone,
  Matches,
  MaxLength,
} from 'class-validator';

import { NullableField, ValidateText } from '../../../common/validation';

/** About 256 KB of image once base64 has added its third. */
export const MAX_LOGO_DATA_URL_LENGTH = 350_000;

export class GeneralSettingsDto {
  @ValidateText({ example: 'Acme IT Services', max: 120 })
  mspName: string;

  @ApiProperty({
    description: 'IANA time zone; calendar dates and "past due" use it',
    example: 'America/Chicago',
  })
  @IsString()
  @IsTimeZone({ message: 'must be an IANA time zone such as America/Chicago' })
  timeZone: string;

  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$' })
  @IsString()
  @IsISO4217CurrencyCode({ message: 'must be an ISO 4217 currency code such as USD' })
  defaultCurrency: string;

  @ApiProperty({
    description: 'PNG, JPEG or SVG logo as a base64 data URL (at most 256 KB), or null',
    maxLength: MAX_LOGO_DATA_URL_LENGTH,
    nullable: true,
    type: String,
  })
  @NullableField()
  @IsString()
  @MaxLength(MAX_LOGO_DATA_URL_LENGTH, { message: 'must be an image of at most 256 KB' })
  @Matches(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/, {
    message: 'must be a base64 data URL of a PNG, JPEG or SVG image',
  })
  logoDataUrl: string | null;

  @ApiProperty({ example: '#2563eb', pattern: '^#[0-9a-fA-F]{6}$' })
  @IsString()
  @IsHexColor({ message: 'must be a hex colour such as #2563eb' })
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'must be a hex colour such as #2563eb' })
  accentColor: string;
}

export class BrandingResponseDto {
  @ApiProperty()
  mspName: string;

  @ApiProperty({ nullable: true, type: String })
  logoDataUrl: string | null;

  @ApiProperty({ example: '#2563eb' })
  accentColor: string;
}

export const DEFAULT_GENERAL_SETTINGS: GeneralSettingsDto = {
  accentColor: '#2563eb',
  defaultCurrency: 'USD',
  logoDataUrl: null,
  mspName: 'Settle',
  timeZone: 'America/Chicago',
};
