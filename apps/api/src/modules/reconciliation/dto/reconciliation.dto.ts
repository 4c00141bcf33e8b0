import { ApiProperty } from '@nestjs/swagger';
import { RECONCILIATION_DIFFERENCE_KINDS, ReconciliationDifferenceKind } from '@settle/domain';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { QuerySort, ValidateDate, ValidateEnum, ValidateUUID } from '../../../common/validation';
import {
  RECONCILIATION_RUN_STATUSES,
  RECONCILIATION_STAGES,
  ReconciliationRunStatus,
  ReconciliationStage,
} from '../reconciliation-run.entity';

/** The longest period one run covers: a year, leap day included. */
export const MAX_RECONCILIATION_DAYS = 366;

export class StartReconciliationRunDto {
  @ValidateDate({ description: 'First day of the period (MSP calendar)' })
  from: string;

  @ValidateDate({ description: 'Last day of the period, not before from; at most 366 days in all' })
  to: string;

  @ValidateUUID({ description: 'Only this organization; all when absent', optional: true })
  organizationId?: string;
}

export class ListReconciliationRunsQueryDto extends ListQueryDto {}

export const RECONCILIATION_ORGANIZATION_SORTS = [
  'differenceCount',
  'name',
  'settleAmount',
  'accountingAmount',
  'gatewayAmount',
] as const;

export class ListReconciliationOrganizationsQueryDto extends ListQueryDto {
  @QuerySort(RECONCILIATION_ORGANIZATION_SORTS)
  sort?: string;
}

export class ListReconciliationDifferencesQueryDto extends ListQueryDto {
  @ValidateUUID({ description: 'Only this organization’s differences', optional: true })
  organizationId?: string;

  @ValidateEnum(RECONCILIATION_DIFFERENCE_KINDS, {
    description: 'Only differences of this kind',
    enumName: 'ReconciliationDifferenceKind',
    optional: true,
  })
  kind?: ReconciliationDifferenceKind;
}

export class ReconciliationProgressDto {
  @ApiProperty({ enum: RECONCILIATION_STAGES, enumName: 'ReconciliationStage' })
  stage: ReconciliationStage;
  @ApiProperty({ description: 'Records read (or compared) so far in this stage', type: 'integer' })
  done: number;
  @ApiProperty({
    description: 'Records the stage has to go through, when known (else 0)',
    type: 'integer',
  })
  total: number;
}

export class ReconciliationAccountingSourceDto {
  @ApiProperty({ enum: ['quickbooks'] }) kind: 'quickbooks';
  @ApiProperty({ description: 'The integration’s name' }) name: string;
}

export class ReconciliationGatewaySourceDto {
  @ApiProperty({ enum: ['stripe', 'sandbox'] }) kind: 'stripe' | 'sandbox';
}

export class ReconciliationSourcesDto {
  @ApiProperty({
    description: 'The accounting package compared; null when none is connected',
    nullable: true,
    type: ReconciliationAccountingSourceDto,
  })
  accounting: ReconciliationAccountingSourceDto | null;
  @ApiProperty({ type: ReconciliationGatewaySourceDto }) gateway: ReconciliationGatewaySourceDto;
}

export class ReconciliationSideTotalDto {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ description: 'Minor units', type: 'integer' }) amount: number;
}

export class ReconciliationKindCountsDto {
  @ApiProperty({ type: 'integer' }) not_yet_synced: number;
  @ApiProperty({ type: 'integer' }) sync_failed: number;
  @ApiProperty({ type: 'integer' }) dismissed_recorded_by_hand: number;
  @ApiProperty({ type: 'integer' }) missing_in_accounting: number;
  @ApiProperty({ type: 'integer' }) amount_differs_in_accounting: number;
  @ApiProperty({ type: 'integer' }) reversal_missing_in_accounting: number;
  @ApiProperty({ type: 'integer' }) recorded_only_in_accounting: number;
  @ApiProperty({ type: 'integer' }) missing_at_gateway: number;
  @ApiProperty({ type: 'integer' }) amount_differs_at_gateway: number;
  @ApiProperty({ type: 'integer' }) refunded_at_gateway_only: number;
  @ApiProperty({ type: 'integer' }) charge_only_at_gateway: number;
}

export class ReconciliationDifferenceTotalsDto {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: ReconciliationKindCountsDto }) byKind: ReconciliationKindCountsDto;
}

export class ReconciliationTotalsDto {
  @ApiProperty({ description: 'Currency of every amount', example: 'USD' }) currency: string;
  @ApiProperty({
    description: 'Settle’s payments in the period and what they still put on invoices',
    type: ReconciliationSideTotalDto,
  })
  settle: ReconciliationSideTotalDto;
  @ApiProperty({
    description: 'The accounting package’s payments; null when none is connected',
    nullable: true,
    type: ReconciliationSideTotalDto,
  })
  accounting: ReconciliationSideTotalDto | null;
  @ApiProperty({
    description: 'The gateway’s charges, net of refunds (card fees included)',
    type: ReconciliationSideTotalDto,
  })
  gateway: ReconciliationSideTotalDto;
  @ApiProperty({
    description: 'Payments every side agrees on (Settle’s amount)',
    type: ReconciliationSideTotalDto,
  })
  matched: ReconciliationSideTotalDto;
  @ApiProperty({ type: ReconciliationDifferenceTotalsDto })
  differences: ReconciliationDifferenceTotalsDto;
}

export class ReconciliationRunResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RECONCILIATION_RUN_STATUSES, enumName: 'ReconciliationRunStatus' })
  status: ReconciliationRunStatus;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationName: string | null;
  @ApiProperty({ type: ReconciliationProgressDto }) progress: ReconciliationProgressDto;
  @ApiProperty({ description: 'Why the run failed', nullable: true, type: String })
  error: string | null;
  @ApiProperty({ type: ReconciliationSourcesDto }) sources: ReconciliationSourcesDto;
  @ApiProperty({
    description: 'What the run found; null until it has completed',
    nullable: true,
    type: ReconciliationTotalsDto,
  })
  totals: ReconciliationTotalsDto | null;
  @ApiProperty({ description: 'Who asked for the run' }) requestedBy: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReconciliationOrganizationDto {
  @ApiProperty({
    description: 'null for records no Settle organization is linked to',
    format: 'uuid',
    nullable: true,
    type: String,
  })
  organizationId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ description: 'Minor units', type: 'integer' }) settleAmount: number;
  @ApiProperty({
    description: 'Minor units; null when no accounting package is connected',
    nullable: true,
    type: 'integer',
  })
  accountingAmount: number | null;
  @ApiProperty({ description: 'Minor units, net of refunds, fees included', type: 'integer' })
  gatewayAmount: number;
  @ApiProperty({ type: 'integer' }) differenceCount: number;
}

export class ReconciliationDifferenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RECONCILIATION_DIFFERENCE_KINDS, enumName: 'ReconciliationDifferenceKind' })
  kind: ReconciliationDifferenceKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) paymentId: string | null;
  @ApiProperty({ description: 'PAY-000123', nullable: true, type: String })
  paymentReference: string | null;
  @ApiProperty({ description: 'The accounting package’s payment id', nullable: true, type: String })
  accountingPaymentId: string | null;
  @ApiProperty({ description: 'The gateway’s charge id', nullable: true, type: String })
  gatewayChargeRef: string | null;
  @ApiProperty({
    description: 'Minor units; null when Settle has no payment',
    nullable: true,
    type: 'integer',
  })
  settleAmount: number | null;
  @ApiProperty({
    description: 'Minor units; null when accounting has no payment',
    nullable: true,
    type: 'integer',
  })
  accountingAmount: number | null;
  @ApiProperty({
    description: 'Minor units, net of refunds; null when the gateway has no charge',
    nullable: true,
    type: 'integer',
  })
  gatewayAmount: number | null;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty({ description: 'What differs and why, in full sentences' }) explanation: string;
  @ApiProperty({ description: 'What to do about it, in full sentences' }) whatToDo: string;
}
