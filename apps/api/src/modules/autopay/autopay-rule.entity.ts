import { AutopayApproval, AutopayTriggerType } from '@settle/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import { bigintMoney } from '../../database/bigint.transformer';

/**
 * One AutoPay rule of an organization. Rules are tried in `position` order and the first enabled,
 * valid one that matches an invoice charges it. Validity is not stored: it depends on the method
 * and the day, so it is worked out (by libs/domain) whenever a rule is read or run.
 */
@Entity('autopay_rules')
@Index('IDX_autopay_rules_organization_position', ['organizationId', 'position'])
export class AutopayRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('int')
  position: number;

  /** null: the organization's default method, whichever it is on the day. */
  @Column({ nullable: true, type: 'uuid' })
  paymentMethodId: string | null;

  @Column({ length: 24, type: 'varchar' })
  triggerType: AutopayTriggerType;

  @Column({ nullable: true, type: 'smallint' })
  triggerDays: number | null;

  @Column({ nullable: true, type: 'smallint' })
  triggerDayOfMonth: number | null;

  @Column({ nullable: true, transformer: bigintMoney, type: 'bigint' })
  maxAmount: number | null;

  @Column({ array: true, default: () => "'{}'", type: 'text' })
  terms: string[];

  @Column({ array: true, default: () => "'{}'", type: 'text' })
  sources: string[];

  @Column({ length: 8, type: 'varchar' })
  approval: AutopayApproval;

  @Column({ nullable: true, transformer: bigintMoney, type: 'bigint' })
  approvalThreshold: number | null;

  @Column({ default: true })
  enabled: boolean;

  /** Contacts may see a locked rule but not change it. */
  @Column({ default: false })
  locked: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
