import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { containsPattern } from '../../database/like';
import { ArSortField } from './dto/ar-overview.dto';
import { AgingSortField } from './dto/aging.dto';

export interface SqlQuery {
  text: string;
  values: unknown[];
}

const SORT_COLUMNS: Record<ArSortField, string> = {
  balance: 'b.balance',
  name: 'lower(o.name)',
  openInvoices: 'b.open_invoices',
  pastDue: 'b.past_due',
};

export const HIGHEST_BALANCES = 6;

/**
 * The four reads behind GET /reports/ar-overview, on organization_balances (the invoices module's
 * table) joined to organization names, read-only. A plain function so that bench/ar-overview.mjs
 * times exactly the SQL the endpoint runs.
 */
export function arOverviewQueries(input: {
  currency: string;
  q?: string;
  sort: [ArSortField, 'ASC' | 'DESC'];
  limit: number;
  offset: number;
}): { totals: SqlQuery; count: SqlQuery; page: SqlQuery; highest: SqlQuery } {
  const values: unknown[] = [input.currency];
  const search = input.q ? `AND o.name ILIKE $${values.push(containsPattern(input.q))}` : '';
  const from = `FROM organization_balances b JOIN organizations o ON o.id = b.organization_id
               WHERE b.currency = $1 AND b.balance > 0 ${search}`;
  const [field, direction] = input.sort;
  return {
    count: { text: `SELECT count(*)::int AS total ${from}`, values },
    highest: {
      text: `SELECT b.organization_id, o.name, b.open_invoices, b.balance, b.past_due
               FROM organization_balances b JOIN organizations o ON o.id = b.organization_id
              WHERE b.currency = $1 AND b.balance > 0
              ORDER BY b.balance DESC, o.id LIMIT ${HIGHEST_BALANCES}`,
      values: [input.currency],
    },
    page: {
      text: `SELECT b.organization_id, o.name, b.open_invoices, b.balance, b.past_due ${from}
              ORDER BY ${SORT_COLUMNS[field]} ${direction}, o.id
              LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      values: [...values, input.limit, input.offset],
    },
    totals: {
      text: `SELECT coalesce(sum(balance), 0) AS balance, coalesce(sum(past_due), 0) AS past_due,
                    coalesce(sum(open_invoices), 0)::int AS open_invoices, count(*)::int AS companies
               FROM organization_balances WHERE currency = $1 AND balance > 0`,
      values: [input.currency],
    },
  };
}

export interface ArOverviewRow {
  organization_id: string;
  name: string;
  open_invoices: number;
  balance: string;
  past_due: string;
}

export interface ArTotalsRow {
  balance: string;
  past_due: string;
  open_invoices: number;
  companies: number;
}

export interface AgingRow {
  organization_id: string;
  name: string;
  current: string;
  days1to30: string;
  days31to60: string;
  days61to90: string;
  days90plus: string;
  balance: string;
}

const AGING_SORT_COLUMNS: Record<AgingSortField, string> = {
  current: 'b.current',
  days1to30: 'b.days1to30',
  days31to60: 'b.days31to60',
  days61to90: 'b.days61to90',
  days90plus: 'b.days90plus',
  name: 'lower(o.name)',
  total: 'b.balance',
};

const AGING_COLUMNS = `b.organization_id, o.name, b.current, b.days1to30, b.days31to60, b.days61to90,
                       b.days90plus, b.balance`;

/** How many organizations the CSV export reads at a time. */
const EXPORT_BATCH = 500;

/** Read models of the reports module. */
@Injectable()
export class ReportsRepository {
  async arOverview(
    manager: EntityManager,
    input: Parameters<typeof arOverviewQueries>[0],
  ): Promise<{
    totals: ArTotalsRow;
    total: number;
    page: ArOverviewRow[];
    highest: ArOverviewRow[];
  }> {
    const sql = arOverviewQueries(input);
    const run = ({ text, values }: SqlQuery) => manager.query(text, values);
    const [[totals], [{ total }], page, highest]: [
      ArTotalsRow[],
      { total: number }[],
      ArOverviewRow[],
      ArOverviewRow[],
    ] = await Promise.all([run(sql.totals), run(sql.count), run(sql.page), run(sql.highest)]);
    return { highest, page, total, totals };
  }

  /** Organizations with an open balance in `currency`, with their aging buckets; a page of them. */
  async agingByOrganization(
    manager: EntityManager,
    input: {
      currency: string;
      q?: string;
      sort: [AgingSortField, 'ASC' | 'DESC'];
      limit: number;
      offset: number;
    },
  ): Promise<{ rows: AgingRow[]; total: number }> {
    const values: unknown[] = [input.currency];
    const search = input.q ? `AND o.name ILIKE $${values.push(containsPattern(input.q))}` : '';
    const from = `FROM organization_balances b JOIN organizations o ON o.id = b.organization_id
                 WHERE b.currency = $1 AND b.balance > 0 ${search}`;
    const [field, direction] = input.sort;
    const [[{ total }], rows]: [{ total: number }[], AgingRow[]] = await Promise.all([
      manager.query(`SELECT count(*)::int AS total ${from}`, values),
      manager.query(
        `SELECT ${AGING_COLUMNS} ${from}
          ORDER BY ${AGING_SORT_COLUMNS[field]} ${direction}, o.id
          LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
        [...values, input.limit, input.offset],
      ),
    ]);
    return { rows, total };
  }

  /**
   * Every organization with an open balance in `currency`, by name, read a batch at a time
   * (keyset on name and id) so that an export of any size never holds more than a batch.
   */
  async *agingOfAll(manager: EntityManager, currency: string): AsyncGenerator<AgingRow[]> {
    let after: { name: string; id: string } | null = null;
    for (;;) {
      const values: unknown[] = [currency, EXPORT_BATCH];
      const keyset = after
        ? `AND (lower(o.name), o.id) > ($${values.push(after.name)}, $${values.push(after.id)}::uuid)`
        : '';
      const rows: (AgingRow & { sort_name: string })[] = await manager.query(
        `SELECT ${AGING_COLUMNS}, lower(o.name) AS sort_name
           FROM organization_balances b JOIN organizations o ON o.id = b.organization_id
          WHERE b.currency = $1 AND b.balance > 0 ${keyset}
          ORDER BY lower(o.name), o.id
          LIMIT $2`,
        values,
      );
      if (rows.length) yield rows;
      if (rows.length < EXPORT_BATCH) return;
      const last = rows[rows.length - 1];
      after = { id: last.organization_id, name: last.sort_name };
    }
  }
}
