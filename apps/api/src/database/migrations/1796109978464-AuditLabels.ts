import { MigrationInterface, QueryRunner } from 'typeorm';

const PAYMENT_NUMBER = `'PAY-' || lpad(p.sequence::text, 6, '0')`;

const BACKFILL = [
  `UPDATE "audit_log" a SET "entity_label" = ${PAYMENT_NUMBER}, "organization_id" = p.organization_id
     FROM "payments" p WHERE a.entity_type = 'payment' AND a.entity_id = p.id::text`,
  `UPDATE "audit_log" a
      SET "entity_label" = ${PAYMENT_NUMBER} || ' (' || r.return_code || ')',
          "organization_id" = r.organization_id
     FROM "ach_returns" r JOIN "payments" p ON p.id = r.payment_id
    WHERE a.entity_type = 'ach_return' AND a.entity_id = r.id::text`,
  `UPDATE "audit_log" a
      SET "entity_label" = CASE WHEN a.action = 'organization.notification_contacts_set' THEN NULL
                                ELSE coalesce(a.after->>'name', o.name) END,
          "organization_id" = o.id
     FROM "organizations" o WHERE a.entity_type = 'organization' AND a.entity_id = o.id::text`,
  `UPDATE "audit_log" a SET "entity_label" = coalesce(a.after->>'email', u.email)
     FROM "users" u WHERE a.entity_type = 'user' AND a.entity_id = u.id::text`,
  `UPDATE "audit_log" SET "entity_label" = after->>'email'
    WHERE entity_type = 'user' AND entity_label IS NULL AND after->>'email' IS NOT NULL`,
  `UPDATE "audit_log" a SET "entity_label" = coalesce(a.after->>'name', a.before->>'name', k.name)
     FROM "api_keys" k WHERE a.entity_type = 'api_key' AND a.entity_id = k.id::text`,
  `UPDATE "audit_log" SET "entity_label" = coalesce(after->>'name', before->>'name')
    WHERE entity_type = 'access_profile'`,
  `UPDATE "audit_log" a
      SET "entity_label" = coalesce(a.after->>'name', a.before->>'name', c.first_name || ' ' || c.last_name)
     FROM "contacts" c WHERE a.entity_type = 'contact' AND a.entity_id = c.id::text`,
  // A contact entry named its organization only when the contact had one.
  `UPDATE "audit_log" SET "organization_id" = (after->'organizations'->0->>'organizationId')::uuid
    WHERE entity_type = 'contact' AND jsonb_typeof(after->'organizations') = 'array'
      AND jsonb_array_length(after->'organizations') = 1`,
  `UPDATE "audit_log"
      SET "entity_label" = coalesce(after, before)->>'friendlyName',
          "organization_id" = (coalesce(after, before)->>'organizationId')::uuid
    WHERE entity_type = 'payment_method' AND coalesce(after, before)->>'organizationId' IS NOT NULL`,
  `UPDATE "audit_log" a SET "organization_id" = n.organization_id
     FROM "organization_notes" n WHERE a.entity_type = 'organization_note' AND a.entity_id = n.id::text`,
  `UPDATE "audit_log"
      SET "entity_label" = after->>'number', "organization_id" = (after->>'organizationId')::uuid
    WHERE action = 'invoice.upserted' AND after->>'organizationId' IS NOT NULL`,
  `UPDATE "audit_log"
      SET "entity_label" = CASE entity_id WHEN 'general' THEN 'General settings'
                                          WHEN 'payments' THEN 'Payment settings' END
    WHERE entity_type = 'settings'`,
  `UPDATE "audit_log" a SET "organization_name" = o.name
     FROM "organizations" o WHERE a.organization_id = o.id`,
];

export class AuditLabels1796109978464 implements MigrationInterface {
  name = 'AuditLabels1796109978464';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "entity_label" character varying(254)`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "organization_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "audit_log" ADD "organization_name" character varying(200)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_organization" ON "audit_log" ("organization_id", "occurred_at") `,
    );
    // Earlier entries: labels from what the entry itself recorded where it did (history), else
    // from the entity as it is now; an entity that is gone and left nothing keeps null.
    for (const statement of BACKFILL) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_organization"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "organization_name"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "organization_id"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "entity_label"`);
  }
}
