import { ApiProperty } from '@nestjs/swagger';

import { SyncAlertDto } from '../../integrations';

/** The Overview's attention cards: counts from the modules that own each table. */
export class AccountingSyncAlertDto {
  @ApiProperty({
    description: 'When 10% or more of recent payments began failing to sync',
    format: 'date-time',
  })
  since: string;
  @ApiProperty({
    description: 'Payments accounting was asked to take in the last 30 days that fail now',
    type: 'integer',
  })
  failing: number;
  @ApiProperty({
    description: 'Payments accounting was asked to take in the last 30 days',
    type: 'integer',
  })
  pushed: number;
}

export class AttentionCountsDto {
  @ApiProperty({ type: 'integer' }) unresolvedAchReturns: number;
  @ApiProperty({ type: 'integer' }) lockedPaymentMethods: number;
  @ApiProperty({ type: 'integer', description: 'Payments whose gateway outcome is not known yet' })
  paymentsAwaitingGateway: number;
  @ApiProperty({ type: 'integer' }) failedPaymentsLast7Days: number;
  @ApiProperty({
    description:
      'Invoices where Settle holds more than the source says is owed (money taken twice, or a payment the source already has)',
    type: 'integer',
  })
  overAllocatedInvoices: number;
  @ApiProperty({
    description:
      'Emails of the last 7 days that could not be delivered and were not resent since (GET /emails?status=failed lists them)',
    type: 'integer',
  })
  failedEmailsLast7Days: number;
  @ApiProperty({
    description:
      'Integrations whose syncs fail, or have not run for 48 hours (admins are emailed once per episode); empty when all sync',
    type: [SyncAlertDto],
  })
  syncAlerts: SyncAlertDto[];
  @ApiProperty({
    description:
      'Payments failing to sync to accounting (GET /payments?accountingSync=failed lists them)',
    type: 'integer',
  })
  paymentsFailingToSync: number;
  @ApiProperty({
    description:
      '10% or more of the last 30 days’ pushed payments fail to sync (admins are emailed once per episode); null otherwise',
    nullable: true,
    type: AccountingSyncAlertDto,
  })
  accountingSyncAlert: AccountingSyncAlertDto | null;
}
