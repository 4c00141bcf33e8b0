import { PaymentMethodKind } from '@settle/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import { GatewayName } from '../gateways';

export const PAYMENT_METHOD_STATUSES = ['active', 'expired', 'locked'] as const;
export type PaymentMethodStatus = (typeof PAYMENT_METHOD_STATUSES)[number];

/** A gateway-tokenized card or bank account of an organization; never a card or account number. */
@Entity('payment_methods')
@Index('IDX_payment_methods_organization', ['organizationId'])
@Index('UQ_payment_methods_one_default', ['organizationId'], {
  unique: true,
  where: 'is_default AND removed_at IS NULL',
})
@Index('IDX_payment_methods_status', ['status'])
export class PaymentMethod {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column({ length: 16, type: 'varchar' })
  gateway: GatewayName;

  /** The gateway's id for the method (Stripe `pm_…`, or a sandbox test token). */
  @Column({ length: 255 })
  gatewayRef: string;

  @Column({ length: 255, nullable: true, type: 'varchar' })
  gatewayCustomerRef: string | null;

  @Column({ length: 20, type: 'varchar' })
  type: PaymentMethodKind;

  @Column({ length: 40 })
  brand: string;

  @Column({ length: 4 })
  last4: string;

  @Column({ nullable: true, type: 'smallint' })
  expMonth: number | null;

  @Column({ nullable: true, type: 'smallint' })
  expYear: number | null;

  @Column({ length: 80 })
  friendlyName: string;

  @Column({ default: 'active', length: 16, type: 'varchar' })
  status: PaymentMethodStatus;

  @Column({ default: false })
  isDefault: boolean;

  @Column({ default: 0, type: 'int' })
  consecutiveFailures: number;

  @Column({ length: 200, nullable: true, type: 'varchar' })
  lockedReason: string | null;

  @Column({ nullable: true, type: 'timestamptz' })
  lockedAt: Date | null;

  @Column({ nullable: true, type: 'timestamptz' })
  removedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
