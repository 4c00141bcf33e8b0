import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

import { bigintMoney } from '../../../database/bigint.transformer';

@Entity('sandbox_refunds')
export class SandboxRefund {
  @PrimaryColumn({ length: 40 })
  id: string;

  @Column({ length: 255, unique: true })
  idempotencyKey: string;

  @Column({ length: 40 })
  chargeId: string;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  amount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
