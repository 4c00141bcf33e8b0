import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every install starts with the two profiles of the product we replace (seed 003). */
export class SeedAccessProfiles1795522102700 implements MigrationInterface {
  name = 'SeedAccessProfiles1795522102700';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO access_profiles (name, can_view_invoices, can_pay, can_manage_payment_methods,
         can_manage_autopay, can_view_credits, can_view_unapplied_payments, receives_account_emails, is_system)
       VALUES ('Billing Admin', true, true, true, true, true, true, true, true),
              ('User', true, false, false, false, false, false, false, true)
       ON CONFLICT (name) DO NOTHING`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM access_profiles WHERE is_system AND name IN ('Billing Admin', 'User')`,
    );
  }
}
