import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContactTokens1796168013933 implements MigrationInterface {
  name = 'ContactTokens1796168013933';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contact_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contact_id" uuid NOT NULL, "purpose" character varying(16) NOT NULL, "token_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "consumed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3462b1bae7435e64eed3fda1af9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contact_tokens_contact_purpose" ON "contact_tokens" ("contact_id", "purpose") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_contact_tokens_token_hash" ON "contact_tokens" ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_tokens" ADD CONSTRAINT "FK_b70420d98d4bb5a6e14c90a3dbf" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contact_tokens" DROP CONSTRAINT "FK_b70420d98d4bb5a6e14c90a3dbf"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_contact_tokens_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contact_tokens_contact_purpose"`);
    await queryRunner.query(`DROP TABLE "contact_tokens"`);
  }
}
