import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A client's Idempotency-Key for one endpoint. The row is claimed (inserted) before any work or
 * gateway call; the unique index is what stops two requests with one key from both running.
 */
@Entity('idempotency_keys')
@Index('UQ_idempotency_keys_scope_endpoint_key', ['scope', 'endpoint', 'key'], { unique: true })
@Index('IDX_idempotency_keys_created', ['createdAt'])
export class IdempotencyKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The credential: `user:<id>` or `apiKey:<id>`. */
  @Column({ length: 80 })
  scope: string;

  @Column({ length: 80 })
  endpoint: string;

  @Column({ length: 255 })
  key: string;

  @Column({ length: 64 })
  requestHash: string;

  /** The resource the request created, set in the same transaction that creates it. */
  @Column({ nullable: true, type: 'uuid' })
  resourceId: string | null;

  @Column({ nullable: true, type: 'smallint' })
  responseStatus: number | null;

  @Column({ nullable: true, type: 'jsonb' })
  responseBody: unknown;

  /** While in flight, other requests with the key get a 409 until this time. */
  @Column({ type: 'timestamptz' })
  lockedUntil: Date;

  /** The process running the request: when its lease is gone, a retry takes the key over at once. */
  @Column({ nullable: true, type: 'uuid' })
  ownerProcessId: string | null;

  /**
   * New on every claim and take-over. The holder's writes name it, so a request whose key was
   * taken over (its process was thought gone) cannot commit a second resource under the key.
   */
  @Column({ nullable: true, type: 'uuid' })
  claimToken: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
