import { MigrationInterface, QueryRunner } from 'typeorm';

export class CrashRecoveryLeases1796101405997 implements MigrationInterface {
  name = 'CrashRecoveryLeases1796101405997';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "process_leases" ("id" uuid NOT NULL, "hostname" character varying(255) NOT NULL, "pid" integer NOT NULL, "role" character varying(16) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_451ab1eb31443c4e89890afa188" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "refunds" ADD "owner_process_id" uuid`);
    await queryRunner.query(`ALTER TABLE "payment_attempts" ADD "owner_process_id" uuid`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "owner_process_id" uuid`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "claim_token" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "claim_token"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "owner_process_id"`);
    await queryRunner.query(`ALTER TABLE "payment_attempts" DROP COLUMN "owner_process_id"`);
    await queryRunner.query(`ALTER TABLE "refunds" DROP COLUMN "owner_process_id"`);
    await queryRunner.query(`DROP TABLE "process_leases"`);
  }
}
