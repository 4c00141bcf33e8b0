import { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalStaffView1796219998975 implements MigrationInterface {
  name = 'PortalStaffView1796219998975';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "portal_sessions" ADD "staff_user_id" uuid`);
    await queryRunner.query(`ALTER TABLE "portal_sessions" ADD "view_organization_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "portal_sessions" ADD "awaiting_exchange" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "portal_sessions" DROP CONSTRAINT "FK_8e14c7cec686959e9eced3d4bdd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "portal_sessions" ALTER COLUMN "contact_id" DROP NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "portal_sessions" ADD CONSTRAINT "FK_8e14c7cec686959e9eced3d4bdd" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "portal_sessions" DROP CONSTRAINT "FK_8e14c7cec686959e9eced3d4bdd"`,
    );
    await queryRunner.query(`ALTER TABLE "portal_sessions" ALTER COLUMN "contact_id" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "portal_sessions" ADD CONSTRAINT "FK_8e14c7cec686959e9eced3d4bdd" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "portal_sessions" DROP COLUMN "awaiting_exchange"`);
    await queryRunner.query(`ALTER TABLE "portal_sessions" DROP COLUMN "view_organization_id"`);
    await queryRunner.query(`ALTER TABLE "portal_sessions" DROP COLUMN "staff_user_id"`);
  }
}
