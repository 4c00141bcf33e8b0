import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';

import { ListQueryDto } from '../../../common/dto/list.dto';
import {
  OptionalField,
  QuerySort,
  ValidateEmail,
  ValidateEnum,
  ValidateUUID,
} from '../../../common/validation';
import { EMAIL_EVENT_TYPES, EmailEventType } from '../email-event.entity';
import { EMAIL_CATEGORIES, EMAIL_TYPES, EmailCategory, EmailType } from '../templates';

/** What the API shows: a claim being sent is still `queued` to a reader. */
export const EMAIL_API_STATUSES = ['queued', 'sent', 'failed', 'skipped'] as const;
export type EmailApiStatus = (typeof EMAIL_API_STATUSES)[number];

export const EMAIL_SORT_FIELDS = ['createdAt', 'sentAt'] as const;
export type EmailSortField = (typeof EMAIL_SORT_FIELDS)[number];

/** Most recipients one account summary may name. */
export const MAX_SUMMARY_CONTACTS = 50;

export class ListEmailsQueryDto extends ListQueryDto {
  @QuerySort(EMAIL_SORT_FIELDS)
  sort?: string;

  @ValidateUUID({ optional: true })
  organizationId?: string;

  @ValidateUUID({ optional: true })
  contactId?: string;

  @ValidateUUID({ optional: true })
  invoiceId?: string;

  @ValidateUUID({ optional: true })
  paymentId?: string;

  @ValidateEnum(EMAIL_TYPES, { enumName: 'EmailType', optional: true })
  type?: EmailType;

  @ValidateEnum(EMAIL_API_STATUSES, { enumName: 'EmailStatus', optional: true })
  status?: EmailApiStatus;
}

export class EmailSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EMAIL_TYPES, enumName: 'EmailType' }) type: EmailType;
  @ApiProperty({ enum: EMAIL_CATEGORIES, enumName: 'EmailCategory' }) category: EmailCategory;
  @ApiProperty({ enum: EMAIL_API_STATUSES, enumName: 'EmailStatus' }) status: EmailApiStatus;
  @ApiProperty({ type: [String], example: ['ap@example.com'] }) to: string[];
  @ApiProperty() subject: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) contactId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) invoiceId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) paymentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) resentFromId: string | null;
  @ApiProperty({
    description: 'Why it failed or was skipped, in words',
    nullable: true,
    type: String,
  })
  lastError: string | null;
  @ApiProperty({ type: 'integer', description: 'Delivery attempts so far' }) attempts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
}

/** A payment's receipt as the portal shows it: who it went to and whether it went. */
export class PortalReceiptDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EMAIL_API_STATUSES, enumName: 'EmailStatus' }) status: EmailApiStatus;
  @ApiProperty({ type: [String], example: ['ap@example.com'] }) to: string[];
  @ApiProperty() subject: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
}

export class EmailAttachmentDto {
  @ApiProperty({ type: 'integer' }) index: number;
  @ApiProperty({ example: 'statement-2026-12-01.pdf' }) filename: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size: number;
}

export class EmailEventDto {
  @ApiProperty({ enum: EMAIL_EVENT_TYPES, enumName: 'EmailEventType' }) type: EmailEventType;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String }) detail: string | null;
}

export class EmailResponseDto extends EmailSummaryDto {
  @ApiProperty() html: string;
  @ApiProperty() text: string;
  @ApiProperty({
    description: 'The Message-ID header it was sent with',
    nullable: true,
    type: String,
  })
  messageId: string | null;
  @ApiProperty({
    description: "The SMTP server's answer when it accepted the message",
    nullable: true,
    type: String,
  })
  smtpResponse: string | null;
  @ApiProperty({ isArray: true, type: EmailAttachmentDto }) attachments: EmailAttachmentDto[];
  @ApiProperty({ description: 'Oldest first', isArray: true, type: EmailEventDto })
  events: EmailEventDto[];
}

export class AccountSummaryDto {
  @ApiPropertyOptional({
    description:
      'Contacts of the organization to send it to; by default its default notification contacts whose access profile receives account emails',
    format: 'uuid',
    isArray: true,
    maxItems: MAX_SUMMARY_CONTACTS,
    minItems: 1,
    type: String,
  })
  @OptionalField()
  @IsArray({ message: 'must be a list of contact ids' })
  @ArrayMinSize(1, { message: 'must name at least one contact' })
  @ArrayMaxSize(MAX_SUMMARY_CONTACTS)
  @ArrayUnique({ message: 'must name each contact once' })
  @IsUUID('all', { each: true, message: 'must be UUIDs' })
  contactIds?: string[];
}

export class EmailListResponseDto {
  @ApiProperty({ description: 'One email per recipient', isArray: true, type: EmailSummaryDto })
  emails: EmailSummaryDto[];
}

export class EmailCreatedResponseDto {
  @ApiProperty({ type: EmailSummaryDto }) email: EmailSummaryDto;
}

export class TestEmailDto {
  @ValidateEmail({ description: 'Where to send the test email' })
  to: string;
}
