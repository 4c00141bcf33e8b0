import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { bigintMoney } from '../../database/bigint.transformer';

export const ACH_RETURN_STATUSES = ['unresolved', 'resolved', 'dismissed'] as const;
export type AchReturnStatus = (typeof ACH_RETURN_STATUSES)[number];

/** A bank debit the bank sent back; staff resolve or dismiss it, and either is final. */
@Entity('ach_returns')
@Index('IDX_ach_returns_status', ['status', 'createdAt'])
export class AchReturn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  paymentId: string;

  @Column('uuid')
  organizationId: string;

  @Column({ length: 4 })
  returnCode: string;

  @Column({ length: 200 })
  description: string;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  amount: number;

  @Column({ length: 3 })
  currency: string;

  @Column({ default: 'unresolved', length: 16, type: 'varchar' })
  status: AchReturnStatus;

  @Column({ length: 1000, nullable: true, type: 'varchar' })
  note: string | null;

  @Column({ length: 200, nullable: true, type: 'varchar' })
  closedBy: string | null;

  @Column({ nullable: true, type: 'timestamptz' })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
