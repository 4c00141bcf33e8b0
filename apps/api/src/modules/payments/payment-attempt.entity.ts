import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { bigintMoney } from '../../database/bigint.transformer';

export const ATTEMPT_STATES = ['pending', 'succeeded', 'processing', 'failed', 'unknown'] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

/**
 * One request to the gateway to charge a payment. The row, with the idempotency key the gateway
 * will see, is committed before the request is sent, so an unknown outcome can always be asked
 * about again with the same key instead of charging twice.
 */
@Entity('payment_attempts')
@Index('UQ_payment_attempts_payment_number', ['paymentId', 'attemptNumber'], { unique: true })
@Index('IDX_payment_attempts_state', ['state'])
export class PaymentAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  paymentId: string;

  @Column({ type: 'smallint' })
  attemptNumber: number;

  @Column({ length: 255, unique: true })
  gatewayIdempotencyKey: string;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  amount: number;

  @Column({ length: 16, type: 'varchar' })
  state: AttemptState;

  @Column({ length: 255, nullable: true, type: 'varchar' })
  gatewayRef: string | null;

  @Column({ length: 60, nullable: true, type: 'varchar' })
  failureCode: string | null;

  @Column({ length: 500, nullable: true, type: 'varchar' })
  failureMessage: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ nullable: true, type: 'timestamptz' })
  respondedAt: Date | null;

  /**
   * The process that sends it. While that process's lease lives, nobody else asks about a pending
   * attempt; once it is gone, another process adopts the attempt and asks the gateway at once.
   */
  @Column({ nullable: true, type: 'uuid' })
  ownerProcessId: string | null;
}
