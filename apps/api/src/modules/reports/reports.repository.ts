import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { containsPattern } from '../../database/like';
import { ArSortField } from './dto/ar-overview.dto';

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
}
