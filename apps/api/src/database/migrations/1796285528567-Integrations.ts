import { MigrationInterface, QueryRunner } from 'typeorm';

export class Integrations1796285528567 implements MigrationInterface {
  name = 'Integrations1796285528567';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "integrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'connected', "status_message" character varying(1000), "settings" jsonb NOT NULL DEFAULT '{}', "sealed_credentials" text, "schedule" character varying(20) NOT NULL DEFAULT 'hourly', "cursors" jsonb NOT NULL DEFAULT '{}', "last_full_sync_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9adcdc6d6f3922535361ce641e8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sync_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "integration_id" uuid NOT NULL, "status" character varying(12) NOT NULL, "trigger" character varying(12) NOT NULL, "full" boolean NOT NULL DEFAULT false, "created" integer NOT NULL DEFAULT '0', "updated" integer NOT NULL DEFAULT '0', "unchanged" integer NOT NULL DEFAULT '0', "deleted" integer NOT NULL DEFAULT '0', "failed" integer NOT NULL DEFAULT '0', "progress" jsonb NOT NULL DEFAULT '{}', "timings" jsonb NOT NULL DEFAULT '{}', "error" character varying(1000), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_adf13fff41a683b3b991fb90b11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_sync_runs_active" ON "sync_runs" ("integration_id") WHERE status IN ('queued', 'running')`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_sync_runs_created" ON "sync_runs" ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_sync_runs_integration_created" ON "sync_runs" ("integration_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "external_entities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "integration_id" uuid NOT NULL, "type" character varying(16) NOT NULL, "external_id" character varying(120) NOT NULL, "parent_external_id" character varying(120), "name" character varying(300) NOT NULL, "data" jsonb NOT NULL, "organization_id" uuid, "hidden" boolean NOT NULL DEFAULT false, "deleted_at" TIMESTAMP WITH TIME ZONE, "source_updated_at" TIMESTAMP WITH TIME ZONE, "last_synced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_088b31673e9d9e32aafaa5c7de4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_external_entities_organization_id" ON "external_entities" ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_external_entities_ref" ON "external_entities" ("integration_id", "type", "external_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_runs" ADD CONSTRAINT "FK_69c8434b2fb511c206dc93961e9" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "external_entities" ADD CONSTRAINT "FK_ed6d4bc468daf686985d7bf316d" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "external_entities" ADD CONSTRAINT "FK_3190b7bd0192306b662fa72228a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "external_entities" DROP CONSTRAINT "FK_3190b7bd0192306b662fa72228a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "external_entities" DROP CONSTRAINT "FK_ed6d4bc468daf686985d7bf316d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_runs" DROP CONSTRAINT "FK_69c8434b2fb511c206dc93961e9"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_external_entities_ref"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_external_entities_organization_id"`);
    await queryRunner.query(`DROP TABLE "external_entities"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sync_runs_integration_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sync_runs_created"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_sync_runs_active"`);
    await queryRunner.query(`DROP TABLE "sync_runs"`);
    await queryRunner.query(`DROP TABLE "integrations"`);
  }
}
