import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsString, IsUrl, MaxLength } from 'class-validator';

import { ListQueryDto } from '../../../common/dto/list.dto';
import {
  OptionalField,
  QueryBoolean,
  QuerySort,
  QueryUuidList,
  SlugField,
  ValidateBoolean,
  ValidateCurrency,
  ValidateDate,
  ValidateEnum,
  ValidateMinorUnits,
  ValidateNestedList,
  ValidateText,
  ValidateUUID,
} from '../../../common/validation';
import { OrganizationBalanceResponseDto } from '../../organizations';
import { CREDIT_KINDS, CreditKind } from '../credit.entity';
import { INVOICE_STATUSES, InvoiceStatus } from '../invoice.entity';

export const MAX_BULK_INVOICES = 1000;

export class UpsertInvoiceDto {
  @ValidateUUID()
  organizationId: string;

  @ValidateText({ example: 'INV-1042', max: 60 })
  number: string;

  @ValidateDate()
  issueDate: string;

  @ValidateDate()
  dueDate: string;

  @ValidateCurrency()
  currency: string;

  @ValidateMinorUnits({ description: 'Invoice total, minor units' })
  total: number;

  @ValidateMinorUnits({ description: 'What the source system says is still owed, minor units' })
  sourceBalance: number;

  @ValidateText({ max: 60, nullable: true, optional: true })
  poNumber?: string | null;

  @ValidateText({ example: 'Net 30', max: 60, nullable: true, optional: true })
  terms?: string | null;

  @ApiPropertyOptional({
    description: 'Link to the invoice PDF in the source system',
    maxLength: 500,
    nullable: true,
    type: String,
  })
  @OptionalField({ nullable: true })
  @IsString()
  @MaxLength(500)
  @IsUrl(
    { protocols: ['https', 'http'], require_tld: false },
    { message: 'must be an http(s) URL' },
  )
  pdfUrl?: string | null;

  @ValidateBoolean({
    default: false,
    description: 'True when the source voided the invoice',
    optional: true,
  })
  voided?: boolean;
}

export class BulkInvoiceDto extends UpsertInvoiceDto {
  @SlugField({ description: 'Slug of the source system, e.g. quickbooks' })
  source: string;

  @ValidateText({ description: 'The invoice id in that system', max: 120 })
  externalId: string;
}

export class BulkInvoicesDto {
  @ApiProperty({ isArray: true, maxItems: MAX_BULK_INVOICES, type: BulkInvoiceDto })
  @ValidateNestedList(() => BulkInvoiceDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_INVOICES)
  invoices: BulkInvoiceDto[];
}

export class BulkInvoiceResultDto {
  @ApiProperty({ type: 'integer' }) index: number;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() created: boolean;
}

export class BulkInvoicesResponseDto {
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ isArray: true, type: BulkInvoiceResultDto }) invoices: BulkInvoiceResultDto[];
}

/** How many invoices one list request may name by id: a page's worth. */
export const MAX_INVOICE_IDS = 200;

export const INVOICE_SORT_FIELDS = [
  'number',
  'issueDate',
  'dueDate',
  'total',
  'openBalance',
] as const;
export type InvoiceSortField = (typeof INVOICE_SORT_FIELDS)[number];

export class ListInvoicesQueryDto extends ListQueryDto {
  @ValidateUUID({ optional: true })
  organizationId?: string;

  @QueryUuidList({ description: 'Only these invoices', max: MAX_INVOICE_IDS })
  id?: string[];

  @ValidateEnum(INVOICE_STATUSES, { enumName: 'InvoiceStatus', optional: true })
  status?: InvoiceStatus;

  @QueryBoolean(
    'Only invoices a customer can pay now: open with an open balance (true), or all the others (false)',
  )
  payable?: boolean;

  @QueryBoolean('Only past due (true) or not past due (false) invoices')
  pastDue?: boolean;

  @QueryBoolean(
    'Only invoices where Settle holds more than the source says is owed (true), or none of them (false)',
  )
  overAllocated?: boolean;

  @ValidateDate({ description: 'Due on or after', optional: true })
  dueFrom?: string;

  @ValidateDate({ description: 'Due on or before', optional: true })
  dueTo?: string;

  @ValidateDate({ description: 'Issued on or after', optional: true })
  issuedFrom?: string;

  @ValidateDate({ description: 'Issued on or before', optional: true })
  issuedTo?: string;

  @QuerySort(INVOICE_SORT_FIELDS)
  sort?: string;
}

export class InvoiceResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() number: string;
  @ApiProperty({ format: 'date' }) issueDate: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ nullable: true, type: String }) terms: string | null;
  @ApiProperty({ nullable: true, type: String }) poNumber: string | null;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) sourceBalance: number;
  @ApiProperty({ description: 'What may still be paid through Settle', type: 'integer' })
  openBalance: number;
  @ApiProperty({
    description:
      'Settle payments not yet in the source beyond what the source says is owed: money taken twice, or a payment the source already has. Normally 0; staff should look at any other value',
    type: 'integer',
  })
  overAllocated: number;
  @ApiProperty({ enum: INVOICE_STATUSES, enumName: 'InvoiceStatus' }) status: InvoiceStatus;
  @ApiProperty({ description: 'Due before today (MSP time zone) with an open balance' })
  pastDue: boolean;
  @ApiProperty({
    description:
      'Paid, waiting for accounting: open, with nothing left to pay through Settle, while the source still shows a balance (it has not recorded the payment yet)',
  })
  awaitingAccounting: boolean;
  @ApiProperty() source: string;
  @ApiProperty() externalId: string;
  @ApiProperty({ nullable: true, type: String }) pdfUrl: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreditResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CREDIT_KINDS, enumName: 'CreditKind' }) kind: CreditKind;
  @ApiProperty() number: string;
  @ApiProperty({ format: 'date' }) issueDate: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: 'integer' }) amount: number;
  @ApiProperty({ type: 'integer' }) remaining: number;
}

export class CreditListResponseDto {
  @ApiProperty({ isArray: true, type: CreditResponseDto }) data: CreditResponseDto[];
}

/** The staff list's paging, sorting and filters, within the contact's organization. */
export class PortalListInvoicesQueryDto extends OmitType(ListInvoicesQueryDto, [
  'organizationId',
  'overAllocated',
] as const) {}

/**
 * An invoice as its organization's contacts see it: without staff's bookkeeping (money held
 * beyond the source's balance) or the source system's own PDF link.
 */
export class PortalInvoiceResponseDto extends OmitType(InvoiceResponseDto, [
  'overAllocated',
  'pdfUrl',
] as const) {
  @ApiProperty({
    description: 'Whether its PDF can be downloaded (GET …/invoices/{invoiceId}/pdf)',
  })
  hasPdf: boolean;
}

export class PortalBalanceResponseDto extends OmitType(OrganizationBalanceResponseDto, [
  'creditsAvailable',
  'unappliedPayments',
] as const) {
  @ApiProperty({
    description:
      "Credit memos left to apply, not part of the balance; null when the contact's profile may not view credits",
    nullable: true,
    type: 'integer',
  })
  creditsAvailable: number | null;
}
