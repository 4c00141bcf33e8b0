import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** An integrator's URL that receives the outbox events it subscribed to, signed with its secret. */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ length: 2000 })
  url: string;

  @Column({ default: '', length: 200 })
  description: string;

  /** Event types, e.g. payment.succeeded. */
  @Column({ array: true, type: 'text' })
  events: string[];

  /** The signing secret (whsec_…), sealed with SecretBox; shown once, when created or rotated. */
  @Column({ length: 500 })
  secret: string;

  @Column({ default: true })
  enabled: boolean;

  /** Why it was disabled, when Settle disabled it (failing for the whole retry window). */
  @Column({ length: 300, nullable: true, type: 'varchar' })
  disabledReason: string | null;

  @Column({ nullable: true, type: 'timestamptz' })
  disabledAt: Date | null;

  /** The first failed attempt since the last success; null while it is healthy. */
  @Column({ nullable: true, type: 'timestamptz' })
  failingSince: Date | null;

  @Column({ length: 200 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
