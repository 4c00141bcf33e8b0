import { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalAccess1796169581498 implements MigrationInterface {
  name = 'PortalAccess1796169581498';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contact_credentials" ("contact_id" uuid NOT NULL, "password_hash" character varying(255) NOT NULL, "sessions_valid_after" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ae40f5a6fc570d3d98bc8d78ff0" PRIMARY KEY ("contact_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "portal_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contact_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "csrf_token" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ip" character varying(64), "user_agent" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_379dfbd23aa9d6e2503df20cb3d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_portal_sessions_expires_at" ON "portal_sessions" ("expires_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_portal_sessions_contact_id" ON "portal_sessions" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_portal_sessions_token_hash" ON "portal_sessions" ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_credentials" ADD CONSTRAINT "FK_ae40f5a6fc570d3d98bc8d78ff0" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "portal_sessions" ADD CONSTRAINT "FK_8e14c7cec686959e9eced3d4bdd" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "portal_sessions" DROP CONSTRAINT "FK_8e14c7cec686959e9eced3d4bdd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_credentials" DROP CONSTRAINT "FK_ae40f5a6fc570d3d98bc8d78ff0"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_portal_sessions_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_portal_sessions_contact_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_portal_sessions_expires_at"`);
    await queryRunner.query(`DROP TABLE "portal_sessions"`);
    await queryRunner.query(`DROP TABLE "contact_credentials"`);
  }
}
