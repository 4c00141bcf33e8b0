import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a contact may do in the portal for one organization. */
@Entity('access_profiles')
@Index('UQ_access_profiles_name', ['name'], { unique: true })
export class AccessProfile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ length: 80 })
  name: string;

  @Column({ default: true })
  canViewInvoices: boolean;

  @Column({ default: false })
  canPay: boolean;

  @Column({ default: false })
  canManagePaymentMethods: boolean;

  @Column({ default: false })
  canManageAutopay: boolean;

  @Column({ default: false })
  canViewCredits: boolean;

  @Column({ default: false })
  canViewUnappliedPayments: boolean;

  @Column({ default: false })
  receivesAccountEmails: boolean;

  /** Seeded profiles ("Billing Admin", "User") may be edited but not deleted. */
  @Column({ default: false })
  isSystem: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
