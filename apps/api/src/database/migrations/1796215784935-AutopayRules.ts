import { MigrationInterface, QueryRunner } from 'typeorm';

export class AutopayRules1796215784935 implements MigrationInterface {
  name = 'AutopayRules1796215784935';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "autopay_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "position" integer NOT NULL, "payment_method_id" uuid, "trigger_type" character varying(24) NOT NULL, "trigger_days" smallint, "trigger_day_of_month" smallint, "max_amount" bigint, "terms" text array NOT NULL DEFAULT '{}', "sources" text array NOT NULL DEFAULT '{}', "approval" character varying(8) NOT NULL, "approval_threshold" bigint, "enabled" boolean NOT NULL DEFAULT true, "locked" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b76694adeb1fa52a6a6e79de354" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_autopay_rules_organization_position" ON "autopay_rules" ("organization_id", "position") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_autopay_rules_organization_position"`);
    await queryRunner.query(`DROP TABLE "autopay_rules"`);
  }
}
