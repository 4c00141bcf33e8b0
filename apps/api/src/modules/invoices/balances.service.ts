import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Any constant works; it only has to be the same in every Settle process. */
const PAST_DUE_REFRESH_LOCK = 724_391_002;
/** First key of the per-organization advisory lock around a balance refresh. */
const ORGANIZATION_BALANCE_LOCK = 724_391_003;
const VERIFIED_FOR_MS = 60_000;

/**
 * Keeps organization_balances equal to what the open invoices say. Invoice writers call
 * `refreshOrganizations` inside their transaction; readers call `ensureCurrent` so that past-due
 * amounts move with the calendar.
 */
@Injectable()
export class BalancesService {
  /**
   * The day this process last found every row current. Re-checked after a minute, so a row
   * written by a process whose clock was still on yesterday cannot stay stale for long.
   */
  private verified: { day: string; at: number } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async refreshOrganizations(
    manager: EntityManager,
    organizationIds: string[],
    today: string,
  ): Promise<void> {
    if (organizationIds.length === 0) return;
    const ids = [...new Set(organizationIds)].sort();
    // Concurrent writers for one organization take turns here; each statement after the lock
    // sees the other's committed invoices (READ COMMITTED), so the last total written is right.
    await manager.query(
      `SELECT pg_advisory_xact_lock(${ORGANIZATION_BALANCE_LOCK}, hashtext(id)) FROM unnest($1::text[]) AS id`,
      [ids],
    );
    await manager.query(
      'DELETE FROM organization_balances WHERE organization_id = ANY($1::uuid[])',
      [ids],
    );
    await manager.query(
      `INSERT INTO organization_balances (organization_id, currency, balance, past_due, open_invoices, oldest_due_date, as_of)
       SELECT organization_id, currency, sum(open_balance),
              coalesce(sum(open_balance) FILTER (WHERE due_date < $2::date), 0),
              count(*), min(due_date), $2::date
         FROM invoices
        WHERE organization_id = ANY($1::uuid[]) AND status = 'open' AND open_balance > 0
        GROUP BY organization_id, currency`,
      [ids, today],
    );
  }

  /** Recomputes past-due amounts once per MSP day; cheap no-op when already current. */
  async ensureCurrent(today: string): Promise<void> {
    if (this.verified?.day === today && Date.now() - this.verified.at < VERIFIED_FOR_MS) return;
    const [stale] = await this.dataSource.query(
      'SELECT 1 FROM organization_balances WHERE as_of <> $1::date LIMIT 1',
      [today],
    );
    if (stale) await this.refreshPastDue(today);
    this.verified = { at: Date.now(), day: today };
  }

  private async refreshPastDue(today: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [PAST_DUE_REFRESH_LOCK]);
      await manager.query(
        `UPDATE organization_balances b
            SET past_due = coalesce(agg.past_due, 0), as_of = $1::date
           FROM organization_balances b2
           LEFT JOIN (
                SELECT organization_id, currency, sum(open_balance) AS past_due
                  FROM invoices
                 WHERE status = 'open' AND open_balance > 0 AND due_date < $1::date
                 GROUP BY organization_id, currency
           ) agg ON agg.organization_id = b2.organization_id AND agg.currency = b2.currency
          WHERE b.organization_id = b2.organization_id AND b.currency = b2.currency
            AND b.as_of <> $1::date`,
        [today],
      );
    });
  }
}
