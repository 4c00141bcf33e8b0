import { MigrationInterface, QueryRunner } from 'typeorm';

export class ArCore1795522102608 implements MigrationInterface {
  name = 'ArCore1795522102608';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "address_line1" character varying(200), "address_line2" character varying(200), "city" character varying(120), "region" character varying(120), "postal_code" character varying(20), "country" character varying(2), "phone" character varying(40), "parent_organization_id" uuid, "last_portal_login_at" TIMESTAMP WITH TIME ZONE, "last_portal_login_email" character varying(254), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organizations_parent" ON "organizations" ("parent_organization_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organizations_status_name" ON "organizations" ("status", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organization_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "author_id" uuid, "author_name" character varying(254) NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c2eee0d52708bdad49d0a610101" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organization_notes_organization_created" ON "organization_notes" ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organization_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "source" character varying(40) NOT NULL, "kind" character varying(16) NOT NULL, "external_id" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c8f0bd46044a1df8b147f42e2b0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organization_links_organization_id" ON "organization_links" ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_organization_links_source_external_id" ON "organization_links" ("source", "external_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organization_balances" ("organization_id" uuid NOT NULL, "currency" character varying(3) NOT NULL, "balance" bigint NOT NULL, "past_due" bigint NOT NULL, "open_invoices" integer NOT NULL, "oldest_due_date" date, "as_of" date NOT NULL, CONSTRAINT "PK_3de6825ca2e804250f009514d10" PRIMARY KEY ("organization_id", "currency"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organization_balances_currency_past_due" ON "organization_balances" ("currency", "past_due") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organization_balances_currency_balance" ON "organization_balances" ("currency", "balance") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invoices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "number" character varying(60) NOT NULL, "issue_date" date NOT NULL, "due_date" date NOT NULL, "terms" character varying(60), "po_number" character varying(60), "currency" character varying(3) NOT NULL, "total" bigint NOT NULL, "source_balance" bigint NOT NULL, "open_balance" bigint NOT NULL, "status" character varying(8) NOT NULL, "source" character varying(40) NOT NULL, "external_id" character varying(120) NOT NULL, "pdf_url" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_668cef7c22a427fd822cc1be3ce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_invoices_issue_date" ON "invoices" ("issue_date") `);
    await queryRunner.query(`CREATE INDEX "IDX_invoices_number" ON "invoices" ("number") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_invoices_status_due" ON "invoices" ("status", "due_date") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_invoices_organization_status_due" ON "invoices" ("organization_id", "status", "due_date") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_invoices_organization_due" ON "invoices" ("organization_id", "due_date") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_invoices_source_external_id" ON "invoices" ("source", "external_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "credits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "number" character varying(60) NOT NULL, "issue_date" date NOT NULL, "currency" character varying(3) NOT NULL, "amount" bigint NOT NULL, "remaining" bigint NOT NULL, "source" character varying(40) NOT NULL, "external_id" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_45cea097fd0ee625d2e840ed99c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_credits_organization_id" ON "credits" ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_credits_source_external_id" ON "credits" ("source", "external_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "first_name" character varying(100) NOT NULL, "last_name" character varying(100) NOT NULL, "email" character varying(254) NOT NULL, "phone" character varying(40), "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_contacts_email" ON "contacts" ("email") `);
    await queryRunner.query(
      `CREATE TABLE "access_profiles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(80) NOT NULL, "can_view_invoices" boolean NOT NULL DEFAULT true, "can_pay" boolean NOT NULL DEFAULT false, "can_manage_payment_methods" boolean NOT NULL DEFAULT false, "can_manage_autopay" boolean NOT NULL DEFAULT false, "can_view_credits" boolean NOT NULL DEFAULT false, "can_view_unapplied_payments" boolean NOT NULL DEFAULT false, "receives_account_emails" boolean NOT NULL DEFAULT false, "is_system" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2c010ee4f3b3d9c89b46674dd4b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_access_profiles_name" ON "access_profiles" ("name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contact_memberships" ("contact_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "access_profile_id" uuid, "is_default_notification" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cfa8fc08a844b8af87da1cb2591" PRIMARY KEY ("contact_id", "organization_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contact_memberships_access_profile_id" ON "contact_memberships" ("access_profile_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contact_memberships_organization_id" ON "contact_memberships" ("organization_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "FK_b2942c2abac6a57dffac221431f" FOREIGN KEY ("parent_organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "FK_d4e095bcd100de447d3c27708f9" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_memberships" ADD CONSTRAINT "FK_09dfa737550af8f55602d726579" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_memberships" ADD CONSTRAINT "FK_61a3f5b2e9909f7eb8e8fba7383" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_memberships" ADD CONSTRAINT "FK_fa622ef698f91e86d41e9fdd7a2" FOREIGN KEY ("access_profile_id") REFERENCES "access_profiles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contact_memberships" DROP CONSTRAINT "FK_fa622ef698f91e86d41e9fdd7a2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_memberships" DROP CONSTRAINT "FK_61a3f5b2e9909f7eb8e8fba7383"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_memberships" DROP CONSTRAINT "FK_09dfa737550af8f55602d726579"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" DROP CONSTRAINT "FK_d4e095bcd100de447d3c27708f9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" DROP CONSTRAINT "FK_b2942c2abac6a57dffac221431f"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_contact_memberships_organization_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contact_memberships_access_profile_id"`);
    await queryRunner.query(`DROP TABLE "contact_memberships"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_access_profiles_name"`);
    await queryRunner.query(`DROP TABLE "access_profiles"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_contacts_email"`);
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_credits_source_external_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_credits_organization_id"`);
    await queryRunner.query(`DROP TABLE "credits"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_invoices_source_external_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_invoices_organization_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_invoices_organization_status_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_invoices_status_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_invoices_number"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_invoices_issue_date"`);
    await queryRunner.query(`DROP TABLE "invoices"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_organization_balances_currency_balance"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_organization_balances_currency_past_due"`);
    await queryRunner.query(`DROP TABLE "organization_balances"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_organization_links_source_external_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_organization_links_organization_id"`);
    await queryRunner.query(`DROP TABLE "organization_links"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_organization_notes_organization_created"`);
    await queryRunner.query(`DROP TABLE "organization_notes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_organizations_status_name"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_organizations_parent"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
  }
}
