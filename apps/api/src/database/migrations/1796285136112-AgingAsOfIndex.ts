import { MigrationInterface, QueryRunner } from 'typeorm';

export class AgingAsOfIndex1796285136112 implements MigrationInterface {
  name = 'AgingAsOfIndex1796285136112';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_invoices_open_aging" ON "invoices" ("currency", "organization_id", "issue_date", "due_date", "open_balance") WHERE status = 'open' AND open_balance > 0`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_invoices_open_aging"`);
  }
}
