import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key of a payment's current push to accounting (QuickBooks' `requestid`): the same for every
 * automatic retry of one round, so a retry after a timeout is a replay, never a second payment;
 * new when a round starts (first push, Retry, re-check, reversal), since QuickBooks replays a
 * refusal to the same key too.
 */
export class PaymentAccountingRequestKey1796320000000 implements MigrationInterface {
  name = 'PaymentAccountingRequestKey1796320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payments" ADD "accounting_request_key" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "accounting_request_key"`);
  }
}
