import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditActorType = 'user' | 'apiKey' | 'system' | 'contact';

@Entity('audit_log')
@Index('IDX_audit_log_occurred_at', ['occurredAt'])
@Index('IDX_audit_log_entity', ['entityType', 'entityId', 'occurredAt'])
@Index('IDX_audit_log_actor', ['actorId', 'occurredAt'])
@Index('IDX_audit_log_organization', ['organizationId', 'occurredAt'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ length: 16, type: 'varchar' })
  actorType: AuditActorType;

  @Column({ nullable: true, type: 'uuid' })
  actorId: string | null;

  /** Email or key name at the time, so the entry still reads well after the actor is gone. */
  @Column({ length: 254, nullable: true, type: 'varchar' })
  actorLabel: string | null;

  @Column({ length: 80 })
  action: string;

  @Column({ length: 60 })
  entityType: string;

  @Column({ nullable: true, type: 'varchar', length: 80 })
  entityId: string | null;

  /**
   * What a reader calls the entity (a payment number, an organization's name, a user's email, a
   * key's name), as it was when the entry was written: the log is history, and stays readable
   * after the entity is renamed or gone.
   */
  @Column({ length: 254, nullable: true, type: 'varchar' })
  entityLabel: string | null;

  /** The organization the change concerns, when it concerns one. */
  @Column({ nullable: true, type: 'uuid' })
  organizationId: string | null;

  /** That organization's name when the entry was written. */
  @Column({ length: 200, nullable: true, type: 'varchar' })
  organizationName: string | null;

  @Column({ nullable: true, type: 'jsonb' })
  before: Record<string, unknown> | null;

  @Column({ nullable: true, type: 'jsonb' })
  after: Record<string, unknown> | null;

  @Column({ length: 64, nullable: true, type: 'varchar' })
  requestId: string | null;
}
