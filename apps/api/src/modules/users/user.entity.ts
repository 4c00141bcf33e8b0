import { StaffRole } from '@settle/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('users')
@Index('UQ_users_email', ['email'], { unique: true })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased so that the unique index is case-insensitive. */
  @Column({ length: 254 })
  email: string;

  @Column({ length: 120 })
  name: string;

  @Column({ length: 16, type: 'varchar' })
  role: StaffRole;

  @Column({ select: false, type: 'text' })
  passwordHash: string;

  @Column({ default: false })
  disabled: boolean;

  @Column({ nullable: true, type: 'timestamptz' })
  lastLoginAt: Date | null;

  /** The TOTP secret sealed with SecretBox, once two-factor sign-in is on. */
  @Column({ nullable: true, select: false, type: 'text' })
  twoFactorSecret: string | null;

  /** A secret handed out by setup and not yet confirmed with a code (sealed). */
  @Column({ nullable: true, select: false, type: 'text' })
  twoFactorPendingSecret: string | null;

  @Column({ nullable: true, type: 'timestamptz' })
  twoFactorEnabledAt: Date | null;

  /** The last TOTP time step accepted: that code and every earlier one is refused. */
  @Column({ nullable: true, select: false, type: 'bigint' })
  twoFactorLastStep: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
