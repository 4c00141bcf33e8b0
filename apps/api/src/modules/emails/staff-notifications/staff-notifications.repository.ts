import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface FailedEmailRow {
  id: string;
  to: string[];
  subject: string;
  last_error: string | null;
  /** The id of its last `failed` event: what orders failures and names a digest. */
  failed_event_id: string;
}

/**
 * How long an email can take from being written to failing for good (its retries back off for
 * about an hour); lets the failure queries start from the emails' status and creation index.
 */
const LONGEST_DELIVERY = "interval '1 day'";

/** The staff notifications' reads of the emails tables. */
@Injectable()
export class StaffNotificationsRepository {
  /**
   * Emails that failed for good after `since` (by their last failed event), oldest first; the
   * failures digest itself is left out, so a digest that cannot be delivered never reports itself.
   */
  failedSince(manager: EntityManager, since: Date, limit: number): Promise<FailedEmailRow[]> {
    return manager.query(
      `SELECT e.id, e."to", e.subject, e.last_error, f.id AS failed_event_id
         FROM emails e
         JOIN LATERAL (SELECT max(ev.id) AS id, max(ev.at) AS at FROM email_events ev
                        WHERE ev.email_id = e.id AND ev.type = 'failed') f ON true
        WHERE e.status = 'failed' AND e.type <> 'staff_email_failures'
          AND e.created_at > $1::timestamptz - ${LONGEST_DELIVERY}
          AND f.at > $1
        ORDER BY f.id
        LIMIT $2`,
      [since, limit],
    );
  }

  /** How many emails failed for good between two instants (the failures digest not counted). */
  async countFailed(manager: EntityManager, range: { from: Date; to: Date }): Promise<number> {
    const [row]: { count: number }[] = await manager.query(
      `SELECT count(*)::int AS count
         FROM emails e
        WHERE e.status = 'failed' AND e.type <> 'staff_email_failures'
          AND e.created_at > $1::timestamptz - ${LONGEST_DELIVERY} AND e.created_at < $2
          AND EXISTS (SELECT 1 FROM email_events ev WHERE ev.email_id = e.id AND ev.type = 'failed'
                         AND ev.at >= $1 AND ev.at < $2)`,
      [range.from, range.to],
    );
    return row.count;
  }

  /** When the last failures digest (to anyone) was written, if that was after `after`. */
  async lastDigestAfter(manager: EntityManager, after: Date): Promise<Date | null> {
    const [row]: { at: Date | null }[] = await manager.query(
      `SELECT max(created_at) AS at FROM emails
        WHERE type = 'staff_email_failures' AND created_at > $1`,
      [after],
    );
    return row.at;
  }
}
