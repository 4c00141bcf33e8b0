import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { bigintMoney } from '../../database/bigint.transformer';

export const CREDIT_KINDS = ['credit_memo', 'unapplied_payment'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

/** Credit memos and unapplied payments: shown to staff, never netted into A/R totals. */
@Entity('credits')
@Index('UQ_credits_source_external_id', ['source', 'externalId'], { unique: true })
@Index('IDX_credits_organization_id', ['organizationId'])
export class Credit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column({ length: 20, type: 'varchar' })
  kind: CreditKind;

  @Column({ length: 60 })
  number: string;

  @Column({ type: 'date' })
  issueDate: string;

  @Column({ length: 3 })
  currency: string;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  amount: number;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  remaining: number;

  @Column({ length: 40 })
  source: string;

  @Column({ length: 120 })
  externalId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
