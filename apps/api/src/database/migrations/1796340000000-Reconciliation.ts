import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation runs: Settle's payments against the accounting package's and the gateway's over
 * a period; what each run found differs (with the inputs of its words) and its figures by
 * organization. One run per period and organization is queued or running at a time.
 */
export class Reconciliation1796340000000 implements MigrationInterface {
  name = 'Reconciliation1796340000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reconciliation_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "period_from" date NOT NULL, "period_to" date NOT NULL, "organization_id" uuid, "scope" character varying(90) NOT NULL, "status" character varying(12) NOT NULL, "progress" jsonb NOT NULL, "sources" jsonb NOT NULL, "totals" jsonb, "error" character varying(1000), "requested_by" character varying(200) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4edbdb165c9e754997036a4176a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_reconciliation_runs_active_scope" ON "reconciliation_runs" ("scope") WHERE status IN ('queued', 'running')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reconciliation_runs_created" ON "reconciliation_runs" ("created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reconciliation_organization_totals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "organization_id" uuid, "name" character varying(300) NOT NULL, "currency" character varying(3) NOT NULL, "settle_amount" bigint NOT NULL, "accounting_amount" bigint, "gateway_amount" bigint NOT NULL, "difference_count" integer NOT NULL, CONSTRAINT "PK_d48258fc7fcf93a254f33223686" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reconciliation_organization_totals_run" ON "reconciliation_organization_totals" ("run_id", "difference_count") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reconciliation_differences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "organization_id" uuid, "payment_id" uuid, "accounting_payment_id" character varying(255), "gateway_charge_ref" character varying(255), "settle_amount" bigint, "accounting_amount" bigint, "gateway_amount" bigint, "currency" character varying(3) NOT NULL, "occurred_on" date NOT NULL, "detail" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_585514bfac78d3d5e2efc067e1c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reconciliation_differences_run_kind" ON "reconciliation_differences" ("run_id", "kind") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reconciliation_differences_run_org" ON "reconciliation_differences" ("run_id", "organization_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "reconciliation_organization_totals" ADD CONSTRAINT "FK_1058f5bfbbde3cc0c4b50d34831" FOREIGN KEY ("run_id") REFERENCES "reconciliation_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reconciliation_differences" ADD CONSTRAINT "FK_0ab68ab16a44458195d883783cb" FOREIGN KEY ("run_id") REFERENCES "reconciliation_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "reconciliation_differences" DROP CONSTRAINT "FK_0ab68ab16a44458195d883783cb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reconciliation_organization_totals" DROP CONSTRAINT "FK_1058f5bfbbde3cc0c4b50d34831"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_reconciliation_differences_run_org"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reconciliation_differences_run_kind"`);
    await queryRunner.query(`DROP TABLE "reconciliation_differences"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reconciliation_organization_totals_run"`);
    await queryRunner.query(`DROP TABLE "reconciliation_organization_totals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reconciliation_runs_created"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_reconciliation_runs_active_scope"`);
    await queryRunner.query(`DROP TABLE "reconciliation_runs"`);
  }
}
