import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganizationAging1796111144703 implements MigrationInterface {
  name = 'OrganizationAging1796111144703';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organization_balances" ADD "current" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_balances" ADD "days1to30" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_balances" ADD "days31to60" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_balances" ADD "days61to90" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_balances" ADD "days90plus" bigint NOT NULL DEFAULT '0'`,
    );
    // Existing rows get the buckets of the day they were computed for, so that each row stays
    // consistent with its as_of (the next day's refresh moves them on, as it does past_due).
    await queryRunner.query(
      `UPDATE "organization_balances" b
          SET "current" = coalesce(agg.current, 0), "days1to30" = coalesce(agg.days1to30, 0), "days31to60" = coalesce(agg.days31to60, 0),
              "days61to90" = coalesce(agg.days61to90, 0), "days90plus" = coalesce(agg.days90plus, 0)
         FROM (
              SELECT i.organization_id, i.currency,
                     sum(i.open_balance) FILTER (WHERE i.due_date >= b2.as_of) AS current,
                     sum(i.open_balance) FILTER (WHERE i.due_date < b2.as_of AND i.due_date >= b2.as_of - 30) AS days1to30,
                     sum(i.open_balance) FILTER (WHERE i.due_date < b2.as_of - 30 AND i.due_date >= b2.as_of - 60) AS days31to60,
                     sum(i.open_balance) FILTER (WHERE i.due_date < b2.as_of - 60 AND i.due_date >= b2.as_of - 90) AS days61to90,
                     sum(i.open_balance) FILTER (WHERE i.due_date < b2.as_of - 90) AS days90plus
                FROM "organization_balances" b2
                JOIN "invoices" i ON i.organization_id = b2.organization_id AND i.currency = b2.currency
               WHERE i.status = 'open' AND i.open_balance > 0
               GROUP BY i.organization_id, i.currency
         ) agg
        WHERE agg.organization_id = b.organization_id AND agg.currency = b.currency`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization_balances" DROP COLUMN "days90plus"`);
    await queryRunner.query(`ALTER TABLE "organization_balances" DROP COLUMN "days61to90"`);
    await queryRunner.query(`ALTER TABLE "organization_balances" DROP COLUMN "days31to60"`);
    await queryRunner.query(`ALTER TABLE "organization_balances" DROP COLUMN "days1to30"`);
    await queryRunner.query(`ALTER TABLE "organization_balances" DROP COLUMN "current"`);
  }
}
