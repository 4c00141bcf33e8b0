import { MigrationInterface, QueryRunner } from 'typeorm';

export class Emails1796168455473 implements MigrationInterface {
  name = 'Emails1796168455473';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organization_email_exclusions" ("organization_id" uuid NOT NULL, "category" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3de1ed1b7ee4a97b756fce5e354" PRIMARY KEY ("organization_id", "category"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "emails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(40) NOT NULL, "category" character varying(20) NOT NULL, "status" character varying(16) NOT NULL, "organization_id" uuid, "contact_id" uuid, "invoice_id" uuid, "payment_id" uuid, "staff_user_id" uuid, "to" text array NOT NULL, "subject" text NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "template_data" jsonb NOT NULL, "dedupe_key" character varying(300), "resent_from_id" uuid, "message_id" character varying(300), "smtp_response" text, "last_error" text, "attempts" integer NOT NULL DEFAULT '0', "claimed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a54dcebef8d05dca7e839749571" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_emails_dedupe_key" ON "emails" ("dedupe_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_emails_status_created" ON "emails" ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_emails_payment_created" ON "emails" ("payment_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_emails_invoice_created" ON "emails" ("invoice_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_emails_contact_created" ON "emails" ("contact_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_emails_organization_created" ON "emails" ("organization_id", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_emails_created" ON "emails" ("created_at") `);
    await queryRunner.query(
      `CREATE TABLE "email_events" ("id" BIGSERIAL NOT NULL, "email_id" uuid NOT NULL, "type" character varying(16) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "detail" text, CONSTRAINT "PK_2ab38c98c3ca9385eff428134c2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_email_events_email" ON "email_events" ("email_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "email_attachments" ("email_id" uuid NOT NULL, "index" smallint NOT NULL, "filename" character varying(200) NOT NULL, "content_type" character varying(100) NOT NULL, "content" bytea NOT NULL, "size" integer NOT NULL, CONSTRAINT "PK_21fae4e9d0409b1428b704f2082" PRIMARY KEY ("email_id", "index"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_email_exclusions" ADD CONSTRAINT "FK_55feaebe194b021940a7f2f7783" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_events" ADD CONSTRAINT "FK_1fcee67925173008aeb523d41a0" FOREIGN KEY ("email_id") REFERENCES "emails"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_attachments" ADD CONSTRAINT "FK_cb242e9da1a6ee3f439d8979b1b" FOREIGN KEY ("email_id") REFERENCES "emails"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "email_attachments" DROP CONSTRAINT "FK_cb242e9da1a6ee3f439d8979b1b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_events" DROP CONSTRAINT "FK_1fcee67925173008aeb523d41a0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_email_exclusions" DROP CONSTRAINT "FK_55feaebe194b021940a7f2f7783"`,
    );
    await queryRunner.query(`DROP TABLE "email_attachments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_email_events_email"`);
    await queryRunner.query(`DROP TABLE "email_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_emails_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_emails_organization_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_emails_contact_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_emails_invoice_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_emails_payment_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_emails_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_emails_dedupe_key"`);
    await queryRunner.query(`DROP TABLE "emails"`);
    await queryRunner.query(`DROP TABLE "organization_email_exclusions"`);
  }
}
