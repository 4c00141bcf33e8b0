import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentsCore1795526744475 implements MigrationInterface {
  name = 'PaymentsCore1795526744475';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "refunds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payment_id" uuid NOT NULL, "amount" bigint NOT NULL, "fee" bigint NOT NULL, "status" character varying(16) NOT NULL, "allocations" jsonb NOT NULL, "gateway_idempotency_key" character varying(255) NOT NULL, "gateway_ref" character varying(255), "failure_message" character varying(500), "reason" character varying(500), "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_f5f3f750266c70632bac34a3c40" UNIQUE ("gateway_idempotency_key"), CONSTRAINT "PK_5106efb01eeda7e49a78b869738" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_refunds_payment" ON "refunds" ("payment_id") `);
    await queryRunner.query(
      `CREATE TABLE "payments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sequence" SERIAL NOT NULL, "organization_id" uuid NOT NULL, "payment_method_id" uuid NOT NULL, "gateway" character varying(16) NOT NULL, "currency" character varying(3) NOT NULL, "amount" bigint NOT NULL, "fee" bigint NOT NULL, "total" bigint NOT NULL, "amount_refunded" bigint NOT NULL DEFAULT '0', "fee_refunded" bigint NOT NULL DEFAULT '0', "status" character varying(20) NOT NULL, "failure_code" character varying(60), "failure_message" character varying(500), "return_code" character varying(4), "scheduled_for" date, "installment_plan_id" uuid, "installment_number" smallint, "installment_count" smallint, "gateway_payment_ref" character varying(255), "origin" character varying(16) NOT NULL, "created_by" character varying(200) NOT NULL, "receipt_recipients" text array NOT NULL DEFAULT '{}', "sync_state" character varying(16) NOT NULL DEFAULT 'pending', "processed_at" TIMESTAMP WITH TIME ZONE, "settled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_29e7a104fed3e3695732207ae0c" UNIQUE ("sequence"), CONSTRAINT "PK_197ab7af18c93fbb0c9b28b4a59" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_payments_created" ON "payments" ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_payments_status_scheduled_for" ON "payments" ("status", "scheduled_for") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_payments_organization_created" ON "payments" ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "payment_events" ("id" BIGSERIAL NOT NULL, "payment_id" uuid NOT NULL, "type" character varying(30) NOT NULL, "actor" character varying(200) NOT NULL, "summary" character varying(500) NOT NULL, "data" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9f1d16fc78b33e676940a32e8b5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_payment_events_payment" ON "payment_events" ("payment_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "payment_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payment_id" uuid NOT NULL, "attempt_number" smallint NOT NULL, "gateway_idempotency_key" character varying(255) NOT NULL, "amount" bigint NOT NULL, "state" character varying(16) NOT NULL, "gateway_ref" character varying(255), "failure_code" character varying(60), "failure_message" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "responded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_51ee7fdca61c1aba98f03d950a1" UNIQUE ("gateway_idempotency_key"), CONSTRAINT "PK_a0d8a67c07a0fef98dfd20214e5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_payment_attempts_state" ON "payment_attempts" ("state") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_payment_attempts_payment_number" ON "payment_attempts" ("payment_id", "attempt_number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "payment_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payment_id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "position" smallint NOT NULL, "amount" bigint NOT NULL, "requested_amount" bigint NOT NULL, "amount_refunded" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_a5c6ff22065ac772620c85f4efb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_payment_allocations_invoice" ON "payment_allocations" ("invoice_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_payment_allocations_payment_invoice" ON "payment_allocations" ("payment_id", "invoice_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "gateway_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "gateway" character varying(16) NOT NULL, "event_id" character varying(255) NOT NULL, "type" character varying(80) NOT NULL, "payload" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4f632813d48e74a6feb35833ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_gateway_events_gateway_event" ON "gateway_events" ("gateway", "event_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ach_returns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payment_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "return_code" character varying(4) NOT NULL, "description" character varying(200) NOT NULL, "amount" bigint NOT NULL, "currency" character varying(3) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'unresolved', "note" character varying(1000), "closed_by" character varying(200), "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_2b7d19c8cdd5d371efcc822c5ad" UNIQUE ("payment_id"), CONSTRAINT "PK_c50dba5d21998238cd6ef6361f6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ach_returns_status" ON "ach_returns" ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "payment_methods" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "gateway" character varying(16) NOT NULL, "gateway_ref" character varying(255) NOT NULL, "gateway_customer_ref" character varying(255), "type" character varying(20) NOT NULL, "brand" character varying(40) NOT NULL, "last4" character varying(4) NOT NULL, "exp_month" smallint, "exp_year" smallint, "friendly_name" character varying(80) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "is_default" boolean NOT NULL DEFAULT false, "consecutive_failures" integer NOT NULL DEFAULT '0', "locked_reason" character varying(200), "locked_at" TIMESTAMP WITH TIME ZONE, "removed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_34f9b8c6dfb4ac3559f7e2820d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_payment_methods_status" ON "payment_methods" ("status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_payment_methods_one_default" ON "payment_methods" ("organization_id") WHERE is_default AND removed_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_payment_methods_organization" ON "payment_methods" ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_events" ("id" BIGSERIAL NOT NULL, "type" character varying(60) NOT NULL, "aggregate_type" character varying(40) NOT NULL, "aggregate_id" uuid NOT NULL, "payload" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_events_unpublished" ON "outbox_events" ("id") WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "sandbox_charges" ("id" character varying(40) NOT NULL, "idempotency_key" character varying(255) NOT NULL, "request_hash" character varying(64) NOT NULL, "token" character varying(80) NOT NULL, "amount" bigint NOT NULL, "currency" character varying(3) NOT NULL, "status" character varying(16) NOT NULL, "failure_code" character varying(60), "settles_at" TIMESTAMP WITH TIME ZONE, "amount_refunded" bigint NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_f60c2bfa740bfd2000f9e9e3b37" UNIQUE ("idempotency_key"), CONSTRAINT "PK_532356df5856509a01b5aacd7fb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sandbox_refunds" ("id" character varying(40) NOT NULL, "idempotency_key" character varying(255) NOT NULL, "charge_id" character varying(40) NOT NULL, "amount" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_e7498ddd130c81af4a3df5e8bec" UNIQUE ("idempotency_key"), CONSTRAINT "PK_3b021cf9932c0e137e1c0beda85" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scope" character varying(80) NOT NULL, "endpoint" character varying(80) NOT NULL, "key" character varying(255) NOT NULL, "request_hash" character varying(64) NOT NULL, "resource_id" uuid, "response_status" smallint, "response_body" jsonb, "locked_until" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8ad20779ad0411107a56e53d0f6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_idempotency_keys_created" ON "idempotency_keys" ("created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_idempotency_keys_scope_endpoint_key" ON "idempotency_keys" ("scope", "endpoint", "key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "convenience_fee_waived" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD "settle_pending" bigint NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "settle_pending"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "convenience_fee_waived"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_idempotency_keys_scope_endpoint_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_idempotency_keys_created"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "sandbox_refunds"`);
    await queryRunner.query(`DROP TABLE "sandbox_charges"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_outbox_events_unpublished"`);
    await queryRunner.query(`DROP TABLE "outbox_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_payment_methods_organization"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_payment_methods_one_default"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_payment_methods_status"`);
    await queryRunner.query(`DROP TABLE "payment_methods"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ach_returns_status"`);
    await queryRunner.query(`DROP TABLE "ach_returns"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_gateway_events_gateway_event"`);
    await queryRunner.query(`DROP TABLE "gateway_events"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_payment_allocations_payment_invoice"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_payment_allocations_invoice"`);
    await queryRunner.query(`DROP TABLE "payment_allocations"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_payment_attempts_payment_number"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_payment_attempts_state"`);
    await queryRunner.query(`DROP TABLE "payment_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_payment_events_payment"`);
    await queryRunner.query(`DROP TABLE "payment_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_payments_organization_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_payments_status_scheduled_for"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_payments_created"`);
    await queryRunner.query(`DROP TABLE "payments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refunds_payment"`);
    await queryRunner.query(`DROP TABLE "refunds"`);
  }
}
