import { ApiProperty } from '@nestjs/swagger';

import { SyncAlertDto } from '../../integrations';

/** The Overview's attention cards: counts from the modules that own each table. */
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
}
