import { MigrationInterface, QueryRunner } from 'typeorm';

export class SyncAlerts1796298202330 implements MigrationInterface {
  name = 'SyncAlerts1796298202330';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "integrations" ADD "sync_failing_since" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrations" ADD "sync_stale_since" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "integrations" DROP COLUMN "sync_stale_since"`);
    await queryRunner.query(`ALTER TABLE "integrations" DROP COLUMN "sync_failing_since"`);
  }
}
