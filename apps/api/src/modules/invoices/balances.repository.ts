import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { OrganizationBalance } from './organization-balance.entity';

/** Any constant works; it only has to be the same in every Settle process. */
const PAST_DUE_REFRESH_LOCK = 724_391_002;
/** First key of the per-organization advisory lock around a balance refresh. */
const ORGANIZATION_BALANCE_LOCK = 724_391_003;

/**
 * Open balances by days past due on the day `today` names (an SQL date expression), counted as
 * libs/domain's agingBucket counts them: due on or after today is current, and day 90 is still
 * 61-90. Summed over invoices that are open with an open balance.
 */
function agingSums(today: string): string {
  const sum = (where: string) => `coalesce(sum(open_balance) FILTER (WHERE ${where}), 0)`;
  return `${sum(`due_date >= ${today}`)} AS current,
          ${sum(`due_date < ${today} AND due_date >= ${today} - 30`)} AS days1to30,
          ${sum(`due_date < ${today} - 30 AND due_date >= ${today} - 60`)} AS days31to60,
          ${sum(`due_date < ${today} - 60 AND due_date >= ${today} - 90`)} AS days61to90,
          ${sum(`due_date < ${today} - 90`)} AS days90plus`;
}

const AGING_COLUMNS = 'current, days1to30, days31to60, days61to90, days90plus';

/** The organization_balances table: per-organization A/R, recomputed from the invoices. */
@Injectable()
export class BalancesRepository {
  async refresh(manager: EntityManager, organizationIds: string[], today: string): Promise<void> {
    const ids = [...new Set(organizationIds)].sort();
    // Concurrent writers for one organization take turns here; each statement after the lock
    // sees the other's committed invoices (READ COMMITTED), so the last total written is right.
    await manager.query(
      `SELECT pg_advisory_xact_lock(${ORGANIZATION_BALANCE_LOCK}, hashtext(id)) FROM unnest($1::text[]) AS id`,
      [ids],
    );
    // One statement after the lock: currencies no longer owed go, the others are replaced.
    await manager.query(
      `WITH fresh AS (
         SELECT organization_id, currency, sum(open_balance) AS balance,
                coalesce(sum(open_balance) FILTER (WHERE due_date < $2::date), 0) AS past_due,
                count(*)::int AS open_invoices, min(due_date) AS oldest_due_date,
                ${agingSums('$2::date')}
           FROM invoices
          WHERE organization_id = ANY($1::uuid[]) AND status = 'open' AND open_balance > 0
          GROUP BY organization_id, currency
       ), gone AS (
         DELETE FROM organization_balances b
          WHERE b.organization_id = ANY($1::uuid[])
            AND NOT EXISTS (SELECT 1 FROM fresh f
                             WHERE f.organization_id = b.organization_id AND f.currency = b.currency)
       )
       INSERT INTO organization_balances (organization_id, currency, balance, past_due, open_invoices,
                                          oldest_due_date, ${AGING_COLUMNS}, as_of)
       SELECT organization_id, currency, balance, past_due, open_invoices, oldest_due_date,
              ${AGING_COLUMNS}, $2::date FROM fresh
       ON CONFLICT (organization_id, currency) DO UPDATE SET
         balance = excluded.balance, past_due = excluded.past_due,
         open_invoices = excluded.open_invoices, oldest_due_date = excluded.oldest_due_date,
         current = excluded.current, days1to30 = excluded.days1to30,
         days31to60 = excluded.days31to60, days61to90 = excluded.days61to90,
         days90plus = excluded.days90plus, as_of = excluded.as_of`,
      [ids, today],
    );
  }

  async anyStale(manager: EntityManager, today: string): Promise<boolean> {
    return manager
      .getRepository(OrganizationBalance)
      .createQueryBuilder('b')
      .where('b.as_of <> :today', { today })
      .getExists();
  }

  /**
   * Past due and the aging buckets depend on the day: recomputed for every row computed on
   * another day.
   */
  async refreshPastDue(manager: EntityManager, today: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [PAST_DUE_REFRESH_LOCK]);
    await manager.query(
      `UPDATE organization_balances b
          SET past_due = coalesce(agg.past_due, 0), current = coalesce(agg.current, 0),
              days1to30 = coalesce(agg.days1to30, 0), days31to60 = coalesce(agg.days31to60, 0),
              days61to90 = coalesce(agg.days61to90, 0), days90plus = coalesce(agg.days90plus, 0),
              as_of = $1::date
         FROM organization_balances b2
         LEFT JOIN (
              SELECT organization_id, currency,
                     coalesce(sum(open_balance) FILTER (WHERE due_date < $1::date), 0) AS past_due,
                     ${agingSums('$1::date')}
                FROM invoices
               WHERE status = 'open' AND open_balance > 0
               GROUP BY organization_id, currency
         ) agg ON agg.organization_id = b2.organization_id AND agg.currency = b2.currency
        WHERE b.organization_id = b2.organization_id AND b.currency = b2.currency
          AND b.as_of <> $1::date`,
      [today],
    );
  }
}
