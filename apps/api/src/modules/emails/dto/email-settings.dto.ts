import { ApiProperty } from '@nestjs/swagger';
import {
  IsIn,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidationOptions,
  isEmail,
} from 'class-validator';

import { NullableField, OptionalField, ValidateText } from '../../../common/validation';
import {
  EMAIL_CATEGORIES,
  EMAIL_TYPES,
  EmailCategory,
  EmailType,
  EXCLUDABLE_CATEGORIES,
  ExcludableCategory,
} from '../templates';

export const SMTP_SOURCES = ['settings', 'environment', 'none'] as const;
export type SmtpSource = (typeof SMTP_SOURCES)[number];

/** `billing@acme.test` or `Acme Billing <billing@acme.test>`. */
const MAILBOX = /^(?:([^<>"\r\n]{1,100}) )?<([^<>\s]+)>$|^([^<>\s]+)$/;

export function parseMailbox(value: string): { name: string | null; address: string } | null {
  const match = MAILBOX.exec(value.trim());
  if (!match) return null;
  const address = match[2] ?? match[3];
  return isEmail(address) ? { address, name: match[1]?.trim() || null } : null;
}

function IsMailbox(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isMailbox',
      validator: {
        defaultMessage: () =>
          'must be an email address, optionally with a name: Acme Billing <billing@acme.test>',
        validate: (value: unknown) => typeof value === 'string' && parseMailbox(value) !== null,
      },
    },
    options,
  );
}

export class UpdateEmailSettingsDto {
  @ApiProperty({
    description:
      'Write-only: smtp://user:password@host:587 or smtps://…:465. Omit to keep the stored one; null to fall back to SMTP_URL',
    example: 'smtp://mailer:secret@smtp.example.com:587',
    maxLength: 500,
    nullable: true,
    required: false,
    type: String,
  })
  @OptionalField({ nullable: true })
  @IsString()
  @MaxLength(500)
  @Matches(/^smtps?:\/\/[^\s/?#]+(:\d+)?\/?(\?\S*)?$/, {
    message: 'must be an smtp:// or smtps:// URL such as smtp://user:password@host:587',
  })
  smtpUrl?: string | null;

  @ApiProperty({ example: 'Acme Billing <billing@acme.test>', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @IsMailbox()
  from: string;

  @ApiProperty({ example: 'ar@acme.test', maxLength: 200, nullable: true, type: String })
  @NullableField()
  @IsString()
  @MaxLength(200)
  @IsMailbox()
  replyTo: string | null;
}

export class EmailSettingsResponseDto {
  @ApiProperty({ description: 'An SMTP server is known, from the settings or SMTP_URL' })
  smtpConfigured: boolean;

  @ApiProperty({ enum: SMTP_SOURCES, enumName: 'SmtpSource' })
  smtpSource: SmtpSource;

  @ApiProperty({ example: 'Acme Billing <billing@acme.test>' })
  from: string;

  @ApiProperty({ nullable: true, type: String })
  replyTo: string | null;
}

export class EmailTemplateDto {
  @ApiProperty({ enum: EMAIL_TYPES, enumName: 'EmailType' }) type: EmailType;
  @ApiProperty() label: string;
  @ApiProperty({ enum: EMAIL_CATEGORIES, enumName: 'EmailCategory' }) category: EmailCategory;
  @ApiProperty({ enum: ['contact', 'staff'] }) audience: 'contact' | 'staff';
  @ApiProperty({
    description: "The MSP's subject, or null for the default",
    nullable: true,
    type: String,
  })
  subject: string | null;
  @ApiProperty({
    description: "The MSP's intro, or null for the default",
    nullable: true,
    type: String,
  })
  intro: string | null;
  @ApiProperty({ description: 'May hold {placeholders} of the type' }) defaultSubject: string;
  @ApiProperty() defaultIntro: string;
  @ApiProperty({ description: "The subject or the intro is the MSP's own" }) customized: boolean;
}

export class EmailTemplateListDto {
  @ApiProperty({ isArray: true, type: EmailTemplateDto }) data: EmailTemplateDto[];
}

export class UpdateEmailTemplateDto {
  @ValidateText({
    description: 'May hold {placeholders}; null restores the default',
    max: 200,
    nullable: true,
  })
  subject: string | null;

  @ValidateText({
    description: 'The first paragraph; null restores the default',
    max: 2000,
    nullable: true,
  })
  intro: string | null;
}

export class PreviewEmailTemplateDto {
  @ValidateText({
    description: 'Preview this subject instead of the saved one',
    max: 200,
    optional: true,
  })
  subject?: string;

  @ValidateText({
    description: 'Preview this intro instead of the saved one',
    max: 2000,
    optional: true,
  })
  intro?: string;
}

export class EmailPreviewDto {
  @ApiProperty() subject: string;
  @ApiProperty() html: string;
  @ApiProperty() text: string;
}

export class EmailExclusionsDto {
  @ApiProperty({
    description: 'Automated email categories this organization does not receive',
    enum: EXCLUDABLE_CATEGORIES,
    enumName: 'ExcludableEmailCategory',
    isArray: true,
  })
  @IsIn(EXCLUDABLE_CATEGORIES, {
    each: true,
    message: `must be a list of: ${EXCLUDABLE_CATEGORIES.join(', ')}`,
  })
  @ArrayUniqueCategories()
  categories: ExcludableCategory[];
}

function ArrayUniqueCategories() {
  return ValidateBy({
    name: 'isCategoryList',
    validator: {
      defaultMessage: () => 'must be a list naming each category once',
      validate: (value: unknown) => Array.isArray(value) && new Set(value).size === value.length,
    },
  });
}
