import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoiceOverAllocated1796097396866 implements MigrationInterface {
  name = 'InvoiceOverAllocated1796097396866';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD "over_allocated" bigint NOT NULL DEFAULT '0'`,
    );
    // What the old clamp at zero hid: Settle money beyond what the source says is owed.
    await queryRunner.query(
      `UPDATE "invoices"
          SET "over_allocated" = greatest("settle_pending" - CASE WHEN "status" = 'open' THEN "source_balance" ELSE 0 END, 0)
        WHERE "settle_pending" > 0`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "over_allocated"`);
  }
}
