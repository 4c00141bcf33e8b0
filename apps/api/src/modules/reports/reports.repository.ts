import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';

import { containsPattern } from '../../database/like';
import { ArSortField } from './dto/ar-overview.dto';
import { AgingSortField } from './dto/aging.dto';
import { ReportStreams } from './report-streams.repository';

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

/**
 * Open balances by days past due on `day` (an SQL date expression), as libs/domain's agingBucket
 * counts them (the same sums the invoices module keeps in organization_balances).
 */
function agingSums(day: string): string {
  const sum = (where: string) => `coalesce(sum(open_balance) FILTER (WHERE ${where}), 0)`;
  return `${sum(`due_date >= ${day}`)} AS current,
          ${sum(`due_date < ${day} AND due_date >= ${day} - 30`)} AS days1to30,
          ${sum(`due_date < ${day} - 30 AND due_date >= ${day} - 60`)} AS days31to60,
          ${sum(`due_date < ${day} - 60 AND due_date >= ${day} - 90`)} AS days61to90,
          ${sum(`due_date < ${day} - 90`)} AS days90plus`;
}

/**
 * The aging of each organization on a past day, summed from the open invoices issued by then
 * (parameters: $1 currency, $2 the day). Reads the partial index IDX_invoices_open_aging only.
 */
const AGING_ON_DAY = `SELECT organization_id, sum(open_balance) AS balance, ${agingSums('$2::date')}
                        FROM invoices
                       WHERE currency = $1 AND status = 'open' AND open_balance > 0
                         AND issue_date <= $2::date
                       GROUP BY organization_id`;

export interface AgingInput {
  currency: string;
  /** The day to age on; `null`: today, read from organization_balances. */
  pastDay: string | null;
}

/** Read models of the reports module. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly streams: ReportStreams) {}

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
    input: AgingInput & {
      q?: string;
      sort: [AgingSortField, 'ASC' | 'DESC'];
      limit: number;
      offset: number;
    },
  ): Promise<{ rows: AgingRow[]; total: number }> {
    const values: unknown[] = input.pastDay ? [input.currency, input.pastDay] : [input.currency];
    const search = input.q ? `AND o.name ILIKE $${values.push(containsPattern(input.q))}` : '';
    const from = input.pastDay
      ? `FROM (${AGING_ON_DAY}) b JOIN organizations o ON o.id = b.organization_id
        WHERE true ${search}`
      : `FROM organization_balances b JOIN organizations o ON o.id = b.organization_id
        WHERE b.currency = $1 AND b.balance > 0 ${search}`;
    const [field, direction] = input.sort;
    // One pass: on a past day the sums are the expensive part, so the count rides along.
    const rows: (AgingRow & { total: number })[] = await manager.query(
      `SELECT ${AGING_COLUMNS}, count(*) OVER ()::int AS total ${from}
        ORDER BY ${AGING_SORT_COLUMNS[field]} ${direction}, o.id
        LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, input.limit, input.offset],
    );
    if (rows.length || input.offset === 0) return { rows, total: rows[0]?.total ?? 0 };
    const [{ total }]: { total: number }[] = await manager.query(
      `SELECT count(*)::int AS total ${from}`,
      values,
    );
    return { rows, total };
  }

  /**
   * Every organization with an open balance in `currency`, by name, streamed from one query
   * through a cursor, so that an export of any size holds only what the socket has not taken.
   */
  agingOfAll(input: AgingInput): Promise<Readable> {
    const from = input.pastDay
      ? `(${AGING_ON_DAY}) b JOIN organizations o ON o.id = b.organization_id`
      : `organization_balances b JOIN organizations o ON o.id = b.organization_id
         WHERE b.currency = $1 AND b.balance > 0`;
    return this.streams.open(
      `SELECT ${AGING_COLUMNS} FROM ${from} ORDER BY lower(o.name), o.id`,
      input.pastDay ? [input.currency, input.pastDay] : [input.currency],
    );
  }
}
