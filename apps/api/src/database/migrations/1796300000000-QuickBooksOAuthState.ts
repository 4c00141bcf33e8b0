import { MigrationInterface, QueryRunner } from 'typeorm';

export class QuickBooksOAuthState1796300000000 implements MigrationInterface {
  name = 'QuickBooksOAuthState1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "integrations" ADD "oauth_state_hash" character varying(64)`,
    );
    await queryRunner.query(
      `ALTER TABLE "integrations" ADD "oauth_state_expires_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "integrations" DROP COLUMN "oauth_state_expires_at"`);
    await queryRunner.query(`ALTER TABLE "integrations" DROP COLUMN "oauth_state_hash"`);
  }
}
