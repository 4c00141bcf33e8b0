import { ApiProperty } from '@nestjs/swagger';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { ValidateDate, ValidateEnum } from '../../../common/validation';

export const TRANSACTION_TYPES = ['payment', 'refund', 'ach_return', 'fee'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];
export const TRANSACTION_METHODS = ['card', 'us_bank_account'] as const;
export type TransactionMethod = (typeof TRANSACTION_METHODS)[number];

/** A span of MSP calendar days, both ends included, at most a year and a day. */
export class PeriodQueryDto {
  @ValidateDate({ description: 'First day (MSP calendar)' })
  from: string;

  @ValidateDate({ description: 'Last day, included; at most 366 days after from' })
  to: string;
}

export class TransactionsExportQueryDto extends PeriodQueryDto {
  @ValidateEnum(TRANSACTION_METHODS, {
    description: 'Only money moved with this kind of payment method',
    enumName: 'TransactionMethod',
    optional: true,
  })
  method?: TransactionMethod;

  @ValidateEnum(TRANSACTION_TYPES, {
    description: 'Only this kind of transaction',
    enumName: 'TransactionType',
    optional: true,
  })
  type?: TransactionType;
}

export class TransactionsQueryDto extends ListQueryDto {
  @ValidateDate({ description: 'First day (MSP calendar)' })
  from: string;

  @ValidateDate({ description: 'Last day, included; at most 366 days after from' })
  to: string;

  @ValidateEnum(TRANSACTION_METHODS, {
    description: 'Only money moved with this kind of payment method',
    enumName: 'TransactionMethod',
    optional: true,
  })
  method?: TransactionMethod;

  @ValidateEnum(TRANSACTION_TYPES, {
    description: 'Only this kind of transaction',
    enumName: 'TransactionType',
    optional: true,
  })
  type?: TransactionType;
}

export class TransactionDto {
  @ApiProperty({ description: 'When the money moved', format: 'date-time' }) occurredAt: string;
  @ApiProperty({ enum: TRANSACTION_TYPES, enumName: 'TransactionType' }) type: TransactionType;
  @ApiProperty({ enum: TRANSACTION_METHODS, enumName: 'TransactionMethod' })
  method: TransactionMethod;
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty({ example: 'P-000123' }) paymentNumber: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({
    description: 'Minor units, never negative: the type says which way the money went',
    type: 'integer',
  })
  amount: number;
}

export class TransactionTotalDto {
  @ApiProperty({ enum: TRANSACTION_TYPES, enumName: 'TransactionType' }) type: TransactionType;
  @ApiProperty({ enum: TRANSACTION_METHODS, enumName: 'TransactionMethod' })
  method: TransactionMethod;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ minimum: 0, type: 'integer' }) count: number;
  @ApiProperty({ type: 'integer' }) amount: number;
}

export class TransactionsResponseDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({
    description: 'Every transaction of the period and filters, by type, method and currency',
    isArray: true,
    type: TransactionTotalDto,
  })
  totals: TransactionTotalDto[];
  @ApiProperty({ isArray: true, type: TransactionDto }) data: TransactionDto[];
  @ApiProperty({ minimum: 1, type: 'integer' }) page: number;
  @ApiProperty({ maximum: 200, minimum: 1, type: 'integer' }) pageSize: number;
  @ApiProperty({ minimum: 0, type: 'integer' }) total: number;
}

export class MonthFiguresDto {
  @ApiProperty({ example: '2026-11', pattern: '^\\d{4}-\\d{2}$' }) month: string;
  @ApiProperty({
    description: 'Invoices (not void) due in the month, their totals',
    type: 'integer',
  })
  due: number;
  @ApiProperty({
    description: 'Invoices (not void) issued in the month, their totals',
    type: 'integer',
  })
  invoiced: number;
  @ApiProperty({
    description: 'Payments made in the month, less refunds and ACH returns made in the month',
    type: 'integer',
  })
  collected: number;
  @ApiProperty({
    description:
      "A/R at the month's end: each invoice from its issue date until it was paid (invoices paid since count at their total until their last change; open ones at their open balance)",
    type: 'integer',
  })
  receivableAtEnd: number;
  @ApiProperty({
    description:
      'Days sales outstanding: receivableAtEnd ÷ invoiced × days in the month, one decimal; null when nothing was invoiced',
    nullable: true,
    type: 'number',
  })
  dso: number | null;
}

export class MonthlyResponseDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ isArray: true, type: MonthFiguresDto }) months: MonthFiguresDto[];
}

export const METHOD_REPORT_KINDS = ['expiring', 'locked'] as const;
export type MethodReportKind = (typeof METHOD_REPORT_KINDS)[number];

export class PaymentMethodsExportQueryDto {
  @ValidateEnum(METHOD_REPORT_KINDS, {
    description: 'expiring: cards whose expiry falls in the next 60 days; locked: locked methods',
    enumName: 'MethodReportKind',
  })
  kind: MethodReportKind;
}

export class PaymentMethodsReportQueryDto extends ListQueryDto {
  @ValidateEnum(METHOD_REPORT_KINDS, {
    description: 'expiring: cards whose expiry falls in the next 60 days; locked: locked methods',
    enumName: 'MethodReportKind',
  })
  kind: MethodReportKind;
}

export class MethodReportRowDto {
  @ApiProperty({ format: 'uuid' }) paymentMethodId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ enum: TRANSACTION_METHODS, enumName: 'TransactionMethod' })
  type: TransactionMethod;
  @ApiProperty() brand: string;
  @ApiProperty() last4: string;
  @ApiProperty({
    description: 'Last day the card can be used',
    format: 'date',
    nullable: true,
    type: String,
  })
  expiresOn: string | null;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) lockedReason: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lockedAt: string | null;
}

export class MethodReportResponseDto {
  @ApiProperty({ enum: METHOD_REPORT_KINDS, enumName: 'MethodReportKind' })
  kind: MethodReportKind;
  @ApiProperty({ isArray: true, type: MethodReportRowDto }) data: MethodReportRowDto[];
  @ApiProperty({ minimum: 1, type: 'integer' }) page: number;
  @ApiProperty({ maximum: 200, minimum: 1, type: 'integer' }) pageSize: number;
  @ApiProperty({ minimum: 0, type: 'integer' }) total: number;
}

export class AutopayEnrolmentQueryDto extends ListQueryDto {
  @ValidateEnum(['true', 'false'] as const, {
    description: 'Only organizations with (true) or without (false) AutoPay',
    enumName: 'EnrolledFilter',
    optional: true,
  })
  enrolled?: 'true' | 'false';
}

export class AutopayEnrolmentRowDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Has an enabled, unlocked rule with a usable method' })
  enrolled: boolean;
  @ApiProperty({ minimum: 0, type: 'integer' }) enabledRules: number;
  @ApiProperty({ description: 'Open balance', type: 'integer' }) balance: number;
}

export class AutopayEnrolmentTotalsDto {
  @ApiProperty({ minimum: 0, type: 'integer' }) organizations: number;
  @ApiProperty({ minimum: 0, type: 'integer' }) enrolled: number;
  @ApiProperty({ type: 'integer' }) openBalance: number;
  @ApiProperty({ description: 'Open balance of enrolled organizations', type: 'integer' })
  coveredBalance: number;
  @ApiProperty({ example: 'USD' }) currency: string;
}

export class AutopayEnrolmentResponseDto {
  @ApiProperty({ type: AutopayEnrolmentTotalsDto }) totals: AutopayEnrolmentTotalsDto;
  @ApiProperty({ isArray: true, type: AutopayEnrolmentRowDto }) data: AutopayEnrolmentRowDto[];
  @ApiProperty({ minimum: 1, type: 'integer' }) page: number;
  @ApiProperty({ maximum: 200, minimum: 1, type: 'integer' }) pageSize: number;
  @ApiProperty({ minimum: 0, type: 'integer' }) total: number;
}

export class PortalLoginsQueryDto extends ListQueryDto {
  @ValidateDate({ description: 'First day (MSP calendar)' })
  from: string;

  @ValidateDate({ description: 'Last day, included; at most 366 days after from' })
  to: string;
}

export class PortalLoginRowDto {
  @ApiProperty({ format: 'uuid' }) contactId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ description: "Names of the contact's organizations, by name" })
  organizations: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastSignInAt: string | null;
  @ApiProperty({ description: 'Sign-ins in the period', minimum: 0, type: 'integer' })
  signIns: number;
}

export class PortalLoginsResponseDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ description: 'Sign-ins in the period, all contacts', minimum: 0, type: 'integer' })
  signIns: number;
  @ApiProperty({ isArray: true, type: PortalLoginRowDto }) data: PortalLoginRowDto[];
  @ApiProperty({ minimum: 1, type: 'integer' }) page: number;
  @ApiProperty({ maximum: 200, minimum: 1, type: 'integer' }) pageSize: number;
  @ApiProperty({ minimum: 0, type: 'integer' }) total: number;
}
