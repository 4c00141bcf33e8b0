import { StaffRole } from '@settle/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An integrator credential. The secret is shown once; only its SHA-256 is kept. */
@Entity('api_keys')
@Index('UQ_api_keys_prefix', ['prefix'], { unique: true })
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ length: 120 })
  name: string;

  /** Public part of the key, e.g. `sk_3k9x2m7q`, used to find the row and shown in lists. */
  @Column({ length: 16 })
  prefix: string;

  @Column({ length: 64 })
  secretHash: string;

  @Column({ length: 16, type: 'varchar' })
  role: StaffRole;

  @Column({ nullable: true, type: 'uuid' })
  createdById: string | null;

  @Column({ nullable: true, type: 'timestamptz' })
  lastUsedAt: Date | null;

  @Column({ nullable: true, type: 'timestamptz' })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
