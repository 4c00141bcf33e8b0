import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { User } from './user.entity';

/** A staff login. The cookie holds a random token; only its SHA-256 is stored. */
@Entity('sessions')
@Index('UQ_sessions_token_hash', ['tokenHash'], { unique: true })
@Index('IDX_sessions_user_id', ['userId'])
@Index('IDX_sessions_expires_at', ['expiresAt'])
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ length: 64 })
  tokenHash: string;

  /** Double-submit CSRF token; also sent as the readable settle_csrf cookie. */
  @Column({ length: 64 })
  csrfToken: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ length: 64, nullable: true, type: 'varchar' })
  ip: string | null;

  @Column({ length: 300, nullable: true, type: 'varchar' })
  userAgent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
