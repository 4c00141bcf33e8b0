import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One running Settle process. Work a process starts (a gateway call, an idempotent request) is
 * stamped with its lease id; a lease that stops being renewed, or whose process is known to be
 * gone, marks that work as orphaned so another process finishes it at once.
 */
@Entity('process_leases')
export class ProcessLease {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ length: 255 })
  hostname: string;

  @Column('integer')
  pid: number;

  @Column({ length: 16 })
  role: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  /** Renewed every few seconds; past this time the process counts as gone. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
