import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payment's accounting sync state replaces the placeholder `sync_state` (which said "pending"
 * for every payment, though nothing ever pushed one). No accounting integration pushed payments
 * before this, so every existing payment is not applicable: none will be pushed retroactively.
 */
export class PaymentAccountingSync1796310000000 implements MigrationInterface {
  name = 'PaymentAccountingSync1796310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "sync_state"`);
    await queryRunner.query(
      `ALTER TABLE "payments" ADD "accounting_sync_status" character varying(16) NOT NULL DEFAULT 'not_applicable'`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD "accounting_sync_action" character varying(8) NOT NULL DEFAULT 'push'`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD "accounting_external_id" character varying(255)`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD "accounting_sync_error" character varying(1000)`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD "accounting_sync_cause" character varying(32)`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD "accounting_sync_attempts" smallint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD "accounting_sync_last_attempt_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD "accounting_sync_next_attempt_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD "hidden_from_portal" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_payments_accounting_sync_due" ON "payments" ("accounting_sync_next_attempt_at") WHERE accounting_sync_status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_payments_accounting_sync_failed" ON "payments" ("created_at") WHERE accounting_sync_status = 'failed'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_payments_accounting_sync_last_attempt" ON "payments" ("accounting_sync_last_attempt_at") WHERE accounting_sync_last_attempt_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_payments_accounting_sync_last_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_payments_accounting_sync_failed"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_payments_accounting_sync_due"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "hidden_from_portal"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "accounting_sync_next_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "accounting_sync_last_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "accounting_sync_attempts"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "accounting_sync_cause"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "accounting_sync_error"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "accounting_external_id"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "accounting_sync_action"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "accounting_sync_status"`);
    await queryRunner.query(
      `ALTER TABLE "payments" ADD "sync_state" character varying(16) NOT NULL DEFAULT 'pending'`,
    );
  }
}
