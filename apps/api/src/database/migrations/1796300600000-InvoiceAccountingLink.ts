import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoiceAccountingLink1796300600000 implements MigrationInterface {
  name = 'InvoiceAccountingLink1796300600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" ADD "accounting_source" character varying(40)`);
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD "accounting_external_id" character varying(120)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_invoices_accounting_external_id" ON "invoices" ("accounting_source", "accounting_external_id") WHERE accounting_external_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_invoices_accounting_external_id"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "accounting_external_id"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "accounting_source"`);
  }
}
