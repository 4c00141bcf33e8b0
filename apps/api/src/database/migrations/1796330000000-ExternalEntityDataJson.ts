import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * external_entities.data as `json` (the text as written) instead of `jsonb`: it is only ever
 * stored and read back whole, never queried inside, and converting each record to jsonb was
 * about half of a sync page's external-entity upsert (100,000 invoices: a conversion each).
 */
export class ExternalEntityDataJson1796330000000 implements MigrationInterface {
  name = 'ExternalEntityDataJson1796330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "external_entities" ALTER COLUMN "data" TYPE json USING "data"::json`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "external_entities" ALTER COLUMN "data" TYPE jsonb USING "data"::jsonb`,
    );
  }
}
