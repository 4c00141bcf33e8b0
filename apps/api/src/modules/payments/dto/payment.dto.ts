import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  ACCOUNTING_SYNC_ACTIONS,
  ACCOUNTING_SYNC_CAUSES,
  ACCOUNTING_SYNC_STATUSES,
  AccountingSyncAction,
  AccountingSyncCause,
  AccountingSyncStatus,
  PAYMENT_METHOD_KINDS,
  PAYMENT_STATUSES,
  PaymentMethodKind,
  PaymentStatus,
} from '@settle/domain';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsInt, Max, Min } from 'class-validator';

import { ListQueryDto } from '../../../common/dto/list.dto';
import {
  OptionalField,
  QuerySort,
  QueryUuidList,
  UniqueBy,
  ValidateDate,
  ValidateEnum,
  ValidateMinorUnits,
  ValidateNestedList,
  ValidateText,
  ValidateUUID,
} from '../../../common/validation';
import { PAYMENT_EVENT_TYPES, PaymentEventType } from '../payment-event.entity';
import { PAYMENT_ORIGINS, PaymentOrigin } from '../payment.entity';
import { REFUND_STATUSES, RefundStatus } from '../refund.entity';

export const MAX_ALLOCATIONS = 100;

export class AllocationInputDto {
  @ValidateUUID()
  invoiceId: string;

  @ValidateMinorUnits({
    description: 'Minor units to put toward this invoice (partial allowed)',
    min: 1,
  })
  amount: number;
}

export class CreatePaymentDto {
  @ValidateUUID()
  organizationId: string;

  @ValidateUUID()
  paymentMethodId: string;

  @ApiProperty({ maxItems: MAX_ALLOCATIONS, minItems: 1, type: AllocationInputDto, isArray: true })
  @ValidateNestedList(() => AllocationInputDto, {
    message: 'must be a list of {invoiceId, amount}',
  })
  @ArrayMinSize(1, { message: 'must name at least one invoice' })
  @ArrayMaxSize(MAX_ALLOCATIONS)
  @UniqueBy('invoiceId', 'must name each invoice once')
  allocations: AllocationInputDto[];

  @ValidateDate({
    description: 'Charge on this date (MSP time zone) instead of now; today or later',
    optional: true,
  })
  scheduledFor?: string;

  @ApiPropertyOptional({
    description: 'Extra receipt recipients, beyond the contacts whose profile receives receipts',
    maxItems: 10,
    type: [String],
  })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true, message: 'must be email addresses' })
  receiptRecipients?: string[];
}

export class CreateInstallmentsDto extends OmitType(CreatePaymentDto, ['scheduledFor'] as const) {
  @ApiProperty({
    description: 'How many payments to split the amount into',
    maximum: 24,
    minimum: 2,
    type: 'integer',
  })
  @IsInt({ message: 'must be an integer' })
  @Min(2)
  @Max(24)
  count: number;

  @ValidateEnum(['week', 'month'] as const, { enumName: 'InstallmentInterval' })
  interval: 'week' | 'month';

  @ValidateDate({ description: 'Date of the first installment (MSP time zone); today or later' })
  firstDate: string;
}

export class ReschedulePaymentDto {
  @ValidateDate({ description: 'The new date (MSP time zone); today or later' })
  scheduledFor: string;
}

export class CancelPaymentDto {
  @ValidateText({ max: 500, optional: true })
  reason?: string;
}

export class CreateRefundDto {
  @ValidateMinorUnits({
    description:
      'Minor units to give back to the invoices; omit it to refund all that is left (null is refused)',
    min: 1,
    optional: true,
  })
  amount?: number;

  @ValidateText({ max: 500, optional: true })
  reason?: string;
}

/** How many invoices one list request may filter by: a page of invoices. */
export const MAX_INVOICE_FILTER = 200;

export const PAYMENT_SORT_FIELDS = ['createdAt', 'amount', 'scheduledFor', 'number'] as const;

export class ListPaymentsQueryDto extends ListQueryDto {
  @QuerySort(PAYMENT_SORT_FIELDS)
  sort?: string;

  @ValidateUUID({ optional: true })
  organizationId?: string;

  @ValidateUUID({ optional: true })
  paymentMethodId?: string;

  @ValidateEnum(PAYMENT_STATUSES, { enumName: 'PaymentStatus', optional: true })
  status?: PaymentStatus;

  @QueryUuidList({
    description: 'Payments with an allocation to any of these invoices',
    max: MAX_INVOICE_FILTER,
  })
  invoiceId?: string[];

  @ValidateDate({ description: 'Created (or scheduled) on or after', optional: true })
  from?: string;

  @ValidateEnum(ACCOUNTING_SYNC_STATUSES, {
    description: 'Payments in this accounting sync state (failed: failing to sync)',
    enumName: 'AccountingSyncStatus',
    optional: true,
  })
  accountingSync?: AccountingSyncStatus;

  @ValidateDate({ description: 'Created (or scheduled) on or before', optional: true })
  to?: string;
}

export class AllocationSummaryDto {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty() invoiceNumber: string;
  @ApiProperty({ type: 'integer', description: 'What the payment puts toward this invoice' })
  amount: number;
}

export class AllocationResponseDto extends AllocationSummaryDto {
  @ApiProperty({
    type: 'integer',
    description: 'Asked for, before any guard or run-time reduction',
  })
  requestedAmount: number;
  @ApiProperty({ type: 'integer' }) amountRefunded: number;
}

export class RefundResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty({ type: 'integer' }) amount: number;
  @ApiProperty({ type: 'integer', description: "The convenience fee's share, also given back" })
  fee: number;
  @ApiProperty({ enum: REFUND_STATUSES, enumName: 'RefundStatus' }) status: RefundStatus;
  @ApiProperty({ nullable: true, type: String }) failureMessage: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PaymentEventDto {
  @ApiProperty({ enum: PAYMENT_EVENT_TYPES, enumName: 'PaymentEventType' })
  type: PaymentEventType;
  @ApiProperty() actor: string;
  @ApiProperty() summary: string;
  @ApiProperty({ nullable: true, type: Object }) data: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class PaymentMethodSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PAYMENT_METHOD_KINDS, enumName: 'PaymentMethodType' })
  type: PaymentMethodKind;
  @ApiProperty() brand: string;
  @ApiProperty() last4: string;
  @ApiProperty() friendlyName: string;
}

export class InstallmentDto {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class AccountingSyncAdviceDto {
  @ApiProperty({ example: 'Credit memo applied' }) label: string;
  @ApiProperty({ description: 'What happened, in staff words' }) happened: string;
  @ApiProperty({ description: 'What to do about it' }) whatToDo: string;
}

/** Whether (and how) the payment is recorded in the accounting package. */
export class AccountingSyncDto {
  @ApiProperty({
    description:
      'not_applicable: no accounting integration pushed payments when it succeeded; pending: waiting to sync (or to be reversed, or adjusted after a partial refund); synced; failed: failing to sync; dismissed: staff recorded it by hand',
    enum: ACCOUNTING_SYNC_STATUSES,
    enumName: 'AccountingSyncStatus',
  })
  status: AccountingSyncStatus;
  @ApiProperty({
    description:
      'push: record the payment; reverse: undo it (refunded in full or returned); adjust: bring it down to what is left after a partial refund',
    enum: ACCOUNTING_SYNC_ACTIONS,
    enumName: 'AccountingSyncAction',
  })
  action: AccountingSyncAction;
  @ApiProperty({
    description: "The accounting package's id of the payment",
    nullable: true,
    type: String,
  })
  externalId: string | null;
  @ApiProperty({
    description: "The accounting package's last refusal, in its words",
    nullable: true,
    type: String,
  })
  error: string | null;
  @ApiProperty({
    enum: ACCOUNTING_SYNC_CAUSES,
    enumName: 'AccountingSyncCause',
    nullable: true,
  })
  cause: AccountingSyncCause | null;
  @ApiProperty({
    description: 'The cause in words, with what to do (set with cause)',
    nullable: true,
    type: AccountingSyncAdviceDto,
  })
  advice: AccountingSyncAdviceDto | null;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastAttemptAt: string | null;
  @ApiProperty({
    description: 'When a pending sync is next tried',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  nextAttemptAt: string | null;
}

/** What a payment's list row and its detail share; each adds its own view of the allocations. */
class PaymentFieldsDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PAY-000123' }) number: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ format: 'uuid' }) paymentMethodId: string;
  @ApiProperty({ type: PaymentMethodSummaryDto }) paymentMethod: PaymentMethodSummaryDto;
  @ApiProperty({ type: 'integer', description: 'What goes to the invoices' }) amount: number;
  @ApiProperty({ type: 'integer', description: 'Convenience fee, a separate line' }) fee: number;
  @ApiProperty({ type: 'integer', description: 'amount + fee: what is charged' }) total: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ enum: PAYMENT_STATUSES, enumName: 'PaymentStatus' }) status: PaymentStatus;
  @ApiProperty({ nullable: true, type: String }) failureCode: string | null;
  @ApiProperty({ nullable: true, type: String }) failureMessage: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'R01' }) returnCode: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) scheduledFor: string | null;
  @ApiProperty({ nullable: true, type: InstallmentDto }) installment: InstallmentDto | null;
  @ApiProperty({ type: 'integer' }) amountRefunded: number;
  @ApiProperty({ enum: PAYMENT_ORIGINS, enumName: 'PaymentOrigin' }) origin: PaymentOrigin;
  @ApiProperty({
    description: 'The AutoPay rule that made the payment (origin autopay)',
    format: 'uuid',
    nullable: true,
    type: String,
  })
  autopayRuleId: string | null;
  @ApiProperty({
    description: 'The AutoPay run date the payment was made for (origin autopay)',
    format: 'date',
    nullable: true,
    type: String,
  })
  autopayRunDate: string | null;
  @ApiProperty({ type: AccountingSyncDto }) accountingSync: AccountingSyncDto;
  @ApiProperty({ description: 'Staff hid it from the portal' }) hiddenFromPortal: boolean;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) processedAt: string | null;
}

export class PaymentSummaryDto extends PaymentFieldsDto {
  @ApiProperty({
    description: 'In the order given by the payer',
    isArray: true,
    type: AllocationSummaryDto,
  })
  allocations: AllocationSummaryDto[];
}

export class PaymentResponseDto extends PaymentFieldsDto {
  @ApiProperty({
    description: 'In the order given by the payer',
    isArray: true,
    type: AllocationResponseDto,
  })
  allocations: AllocationResponseDto[];
  @ApiProperty({ isArray: true, type: RefundResponseDto }) refunds: RefundResponseDto[];
  @ApiProperty({ type: [String] }) receiptRecipients: string[];
  @ApiProperty({ description: 'Oldest first', isArray: true, type: PaymentEventDto })
  timeline: PaymentEventDto[];
}

export class InstallmentsResponseDto {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ isArray: true, type: PaymentResponseDto }) payments: PaymentResponseDto[];
}

export class QuoteAdjustmentDto {
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty() paymentNumber: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) scheduledFor: string | null;
  @ApiProperty({ type: 'integer' }) fromAmount: number;
  @ApiProperty({ type: 'integer' }) toAmount: number;
  @ApiProperty({ description: 'The tentative payment would be cancelled (nothing left of it)' })
  cancelled: boolean;
}

export class QuoteAllocationDto {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty() invoiceNumber: string;
  @ApiProperty({ type: 'integer' }) amount: number;
  @ApiProperty({ type: 'integer' }) openBalance: number;
}

export class PaymentQuoteDto {
  @ApiProperty({ type: 'integer' }) amount: number;
  @ApiProperty({ type: 'integer' }) fee: number;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty() currency: string;
  @ApiProperty({ isArray: true, type: QuoteAllocationDto }) allocations: QuoteAllocationDto[];
  @ApiProperty({
    description: 'Scheduled or AutoPay-pending payments the overpayment guard would reduce',
    isArray: true,
    type: QuoteAdjustmentDto,
  })
  adjustments: QuoteAdjustmentDto[];
}

/** The staff list's paging, sorting and filters, within the contact's organization. */
export class PortalListPaymentsQueryDto extends OmitType(ListPaymentsQueryDto, [
  'organizationId',
  'accountingSync',
] as const) {}

/** Staff's payment body; the organization is the one in the path. */
export class PortalCreatePaymentDto extends OmitType(CreatePaymentDto, [
  'organizationId',
] as const) {}

/**
 * What a customer sees of a payment: not its accounting sync, whether staff hid it (a hidden one
 * is not there at all), who keyed it, or its timeline.
 */
const STAFF_ONLY_PAYMENT_FIELDS = [
  'accountingSync',
  'hiddenFromPortal',
  'createdBy',
  'organizationName',
] as const;

export class PortalPaymentSummaryDto extends OmitType(
  PaymentSummaryDto,
  STAFF_ONLY_PAYMENT_FIELDS,
) {}

export class PortalPaymentResponseDto extends OmitType(PaymentResponseDto, [
  ...STAFF_ONLY_PAYMENT_FIELDS,
  'timeline',
] as const) {}
