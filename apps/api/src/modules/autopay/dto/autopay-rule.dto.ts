import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  AUTOPAY_APPROVALS,
  AUTOPAY_MAX_DAYS,
  AUTOPAY_TRIGGER_TYPES,
  AutopayApproval,
  AutopayTriggerType,
} from '@settle/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { applyDecorators } from '@nestjs/common';

import {
  OptionalField,
  ValidateBoolean,
  ValidateEnum,
  ValidateNestedObject,
  ValidateUUID,
} from '../../../common/validation';

const MAX_LIST = 20;

/** Optional but never null: a trigger that needs the number cannot do without it. */
function ValidateWhole(options: { min: number; max: number; description: string }) {
  return applyDecorators(
    ApiPropertyOptional({
      description: options.description,
      maximum: options.max,
      minimum: options.min,
      type: 'integer',
    }),
    OptionalField(),
    IsInt({ message: 'must be a whole number' }),
    Min(options.min),
    Max(options.max),
  );
}

function ValidateOptionalAmount(description: string, options: { nullable: boolean }) {
  return applyDecorators(
    ApiPropertyOptional({
      description,
      maximum: Number.MAX_SAFE_INTEGER,
      minimum: 0,
      nullable: options.nullable,
      type: 'integer',
    }),
    OptionalField({ nullable: options.nullable }),
    IsInt({ message: 'must be an integer amount in minor units' }),
    Min(0),
    Max(Number.MAX_SAFE_INTEGER),
  );
}

export class AutopayTriggerDto {
  @ValidateEnum(AUTOPAY_TRIGGER_TYPES, {
    description:
      'days_after_due: the due date plus `days` (negative: before it); days_after_invoice: the invoice date plus `days`; day_of_month: the next `dayOfMonth` on or after the invoice date, clamped to the month end',
    enumName: 'AutopayTriggerType',
  })
  type: AutopayTriggerType;

  @ValidateWhole({
    description: 'For days_after_due and days_after_invoice',
    max: AUTOPAY_MAX_DAYS,
    min: -AUTOPAY_MAX_DAYS,
  })
  days?: number;

  @ValidateWhole({ description: 'For day_of_month', max: 31, min: 1 })
  dayOfMonth?: number;
}

function ValidateWordList(description: string, pattern?: RegExp) {
  return applyDecorators(
    ApiPropertyOptional({ description, isArray: true, maxItems: MAX_LIST, type: String }),
    OptionalField(),
    IsArray({ message: 'must be a list of strings' }),
    ArrayMaxSize(MAX_LIST, { message: `must have at most ${MAX_LIST} items` }),
    IsString({ each: true, message: 'must be a list of strings' }),
    MinLength(1, { each: true, message: 'must not contain empty strings' }),
    MaxLength(60, { each: true, message: 'must contain strings of at most 60 characters' }),
    ...(pattern
      ? [Matches(pattern, { each: true, message: 'must contain slugs of a-z, 0-9 and -' })]
      : []),
  );
}

export class AutopayCriteriaDto {
  @ValidateOptionalAmount(
    'The most the rule charges on one invoice, in minor units; null: no cap',
    { nullable: true },
  )
  maxAmount?: number | null;

  @ValidateWordList('Invoice terms the rule applies to (e.g. "Net 30"); empty: any')
  terms?: string[];

  @ValidateWordList(
    'Invoice sources the rule applies to (e.g. connectwise); empty: any',
    /^[a-z0-9-]{1,40}$/,
  )
  sources?: string[];
}

export class CreateAutopayRuleDto {
  @ValidateUUID({
    description:
      "The method to charge; null or absent: the organization's default, whichever it is on the day",
    nullable: true,
    optional: true,
  })
  paymentMethodId?: string | null;

  @ValidateNestedObject(() => AutopayTriggerDto)
  trigger: AutopayTriggerDto;

  @ValidateNestedObject(() => AutopayCriteriaDto, { optional: true })
  criteria?: AutopayCriteriaDto;

  @ValidateEnum(AUTOPAY_APPROVALS, {
    description: 'never (default), always, or above approvalThreshold',
    enumName: 'AutopayApproval',
    optional: true,
  })
  approval?: AutopayApproval;

  @ValidateOptionalAmount(
    'Required with approval "above": charges over this amount wait for staff; dropped otherwise',
    { nullable: false },
  )
  approvalThreshold?: number;

  @ValidateBoolean({ default: true, optional: true })
  enabled?: boolean;

  @ValidateBoolean({
    default: false,
    description: 'Contacts may not change a locked rule',
    optional: true,
  })
  locked?: boolean;
}

/** Null only where the create body allows it: `{"enabled": null}` is a 400, not "unchanged". */
export class UpdateAutopayRuleDto extends PartialType(CreateAutopayRuleDto, {
  skipNullProperties: false,
}) {}

/**
 * What a contact may set on a rule: not `locked` (staff lock rules against contacts' changes)
 * nor the approval gate (charges waiting for staff are the MSP's control, not the payer's).
 * Either field in a portal body is refused as not allowed.
 */
const STAFF_ONLY = ['locked', 'approval', 'approvalThreshold'] as const;

export class PortalCreateAutopayRuleDto extends OmitType(CreateAutopayRuleDto, STAFF_ONLY) {}

export class PortalUpdateAutopayRuleDto extends OmitType(UpdateAutopayRuleDto, STAFF_ONLY) {}

export class OrderAutopayRulesDto {
  @ApiProperty({
    description: "Every one of the organization's rule ids, in the order they are tried",
    format: 'uuid',
    isArray: true,
    maxItems: 200,
    type: String,
  })
  @IsArray({ message: 'must be a list of UUIDs' })
  @ArrayMinSize(1, { message: 'must name every rule' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be UUIDs' })
  ruleIds: string[];
}

export class AutopayProblemDto {
  @ApiProperty({ example: 'method_removed' }) code: string;
  @ApiProperty() message: string;
}

export class AutopayTriggerResponseDto {
  @ApiProperty({ enum: AUTOPAY_TRIGGER_TYPES, enumName: 'AutopayTriggerType' })
  type: AutopayTriggerType;
  @ApiProperty({ nullable: true, type: 'integer' }) days: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) dayOfMonth: number | null;
}

export class AutopayCriteriaResponseDto {
  @ApiProperty({ nullable: true, type: 'integer' }) maxAmount: number | null;
  @ApiProperty({ isArray: true, type: String }) terms: string[];
  @ApiProperty({ isArray: true, type: String }) sources: string[];
}

export class AutopayRuleResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ description: 'Place in the order rules are tried, from 1', type: 'integer' })
  position: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) paymentMethodId: string | null;
  @ApiProperty({ type: AutopayTriggerResponseDto }) trigger: AutopayTriggerResponseDto;
  @ApiProperty({ type: AutopayCriteriaResponseDto }) criteria: AutopayCriteriaResponseDto;
  @ApiProperty({ enum: AUTOPAY_APPROVALS, enumName: 'AutopayApproval' })
  approval: AutopayApproval;
  @ApiProperty({ nullable: true, type: 'integer' }) approvalThreshold: number | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty() locked: boolean;
  @ApiProperty({
    description: 'false: the rule cannot charge anything until its problems are fixed',
  })
  valid: boolean;
  @ApiProperty({ isArray: true, type: AutopayProblemDto }) problems: AutopayProblemDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AutopayRuleListResponseDto {
  @ApiProperty({ isArray: true, type: AutopayRuleResponseDto }) data: AutopayRuleResponseDto[];
}

export class InvoiceAutopayResponseDto {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ description: 'Whether AutoPay will charge the invoice' }) willCharge: boolean;
  @ApiProperty({
    description:
      'The date of the charge, or of the charge that no longer happens; null when no rule applies',
    format: 'date',
    nullable: true,
    type: String,
  })
  date: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ruleId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) paymentMethodId: string | null;
  @ApiProperty({ description: 'What would be charged, in minor units', type: 'integer' })
  amount: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty() needsApproval: boolean;
  @ApiProperty({
    description: 'Every rule tried and why it did or did not apply, in order',
    isArray: true,
    type: AutopayProblemDto,
  })
  reasons: AutopayProblemDto[];
}
