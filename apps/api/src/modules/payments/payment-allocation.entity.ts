import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { bigintMoney } from '../../database/bigint.transformer';

/** How much of a payment goes to one invoice. */
@Entity('payment_allocations')
@Index('UQ_payment_allocations_payment_invoice', ['paymentId', 'invoiceId'], { unique: true })
@Index('IDX_payment_allocations_invoice', ['invoiceId'])
export class PaymentAllocation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  paymentId: string;

  @Column('uuid')
  invoiceId: string;

  /** Order given by the payer; refunds come back last allocation first. */
  @Column({ type: 'smallint' })
  position: number;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  amount: number;

  /** The amount asked for, before an overpayment-guard reduction or a run-time re-check. */
  @Column({ transformer: bigintMoney, type: 'bigint' })
  requestedAmount: number;

  @Column({ default: 0, transformer: bigintMoney, type: 'bigint' })
  amountRefunded: number;
}
