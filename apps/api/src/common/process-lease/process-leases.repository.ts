import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface LeaseHolder {
  id: string;
  hostname: string;
  pid: number;
  role: string;
}

/** The process_leases table. */
@Injectable()
export class ProcessLeasesRepository {
  /** Creates or renews the lease; a lease reaped while this process was slow comes back. */
  async renew(manager: EntityManager, holder: LeaseHolder, ttlMs: number): Promise<void> {
    await manager.query(
      `INSERT INTO process_leases (id, hostname, pid, role, started_at, expires_at)
       VALUES ($1, $2, $3, $4, now(), now() + make_interval(secs => $5))
       ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at`,
      [holder.id, holder.hostname, holder.pid, holder.role, ttlMs / 1000],
    );
  }

  /** Live leases of other processes on this host, to check whether their pid still runs. */
  async othersOnHost(manager: EntityManager, holder: LeaseHolder): Promise<LeaseHolder[]> {
    return manager.query(
      `SELECT id, hostname, pid, role FROM process_leases
        WHERE hostname = $1 AND id <> $2 AND expires_at > now()`,
      [holder.hostname, holder.id],
    );
  }

  /** Ends leases at once: their processes are known to be gone. */
  async end(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await manager.query('DELETE FROM process_leases WHERE id = ANY($1)', [ids]);
  }

  /** Leases long expired are only history; the work they stamped already counts as orphaned. */
  async forgetExpired(manager: EntityManager, olderThanMs: number): Promise<void> {
    await manager.query(
      'DELETE FROM process_leases WHERE expires_at < now() - make_interval(secs => $1)',
      [olderThanMs / 1000],
    );
  }
}

/**
 * SQL condition, for the owners of stamped work: true when the lease `column` names is not live.
 * Work with no lease (written before leases existed) counts as orphaned too.
 */
export function leaseIsGone(column: string): string {
  return `NOT EXISTS (SELECT 1 FROM process_leases l WHERE l.id = ${column} AND l.expires_at > now())`;
}
