import { MigrationInterface, QueryRunner } from 'typeorm';

export class AutopayRuns1796217044319 implements MigrationInterface {
  name = 'AutopayRuns1796217044319';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "autopay_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_date" date NOT NULL, "status" character varying(12) NOT NULL, "trigger" character varying(12) NOT NULL, "requested_by" character varying(200) NOT NULL, "evaluated" integer NOT NULL DEFAULT '0', "charged" integer NOT NULL DEFAULT '0', "failed" integer NOT NULL DEFAULT '0', "pending_approval" integer NOT NULL DEFAULT '0', "skipped" integer NOT NULL DEFAULT '0', "problems" text array NOT NULL DEFAULT '{}', "error" character varying(500), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4be17ce174ede01a0f1adaf2949" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_autopay_runs_scheduled_date" ON "autopay_runs" ("run_date") WHERE trigger = 'schedule'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_autopay_runs_created" ON "autopay_runs" ("created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "payments" ADD "autopay_rule_id" uuid`);
    await queryRunner.query(`ALTER TABLE "payments" ADD "autopay_invoice_id" uuid`);
    await queryRunner.query(`ALTER TABLE "payments" ADD "autopay_run_date" date`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_payments_autopay_invoice_run_date" ON "payments" ("autopay_invoice_id", "autopay_run_date") WHERE autopay_invoice_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_payments_autopay_invoice_run_date"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "autopay_run_date"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "autopay_invoice_id"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "autopay_rule_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_autopay_runs_created"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_autopay_runs_scheduled_date"`);
    await queryRunner.query(`DROP TABLE "autopay_runs"`);
  }
}
