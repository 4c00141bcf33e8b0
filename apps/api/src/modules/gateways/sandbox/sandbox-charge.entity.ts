import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

import { bigintMoney } from '../../../database/bigint.transformer';

/**
 * The built-in sandbox gateway's own ledger: what it "charged". It is kept in the database so
 * that the sandbox behaves like a real gateway across processes and restarts: asking again with
 * an idempotency key finds the same charge.
 */
@Entity('sandbox_charges')
export class SandboxCharge {
  @PrimaryColumn({ length: 40 })
  id: string;

  @Column({ length: 255, unique: true })
  idempotencyKey: string;

  @Column({ length: 64 })
  requestHash: string;

  @Column({ length: 80 })
  token: string;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  amount: number;

  @Column({ length: 3 })
  currency: string;

  @Column({ length: 16, type: 'varchar' })
  status: 'succeeded' | 'processing' | 'failed';

  @Column({ length: 60, nullable: true, type: 'varchar' })
  failureCode: string | null;

  /** Bank debits only: when, on the sandbox clock, the debit settles or comes back. */
  @Column({ nullable: true, type: 'timestamptz' })
  settlesAt: Date | null;

  @Column({ default: 0, transformer: bigintMoney, type: 'bigint' })
  amountRefunded: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
