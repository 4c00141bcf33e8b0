import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { agingBuckets } from '@settle/domain';
import { DataSource } from 'typeorm';

import { pageOffset, parseSort } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { escapeLike } from '../audit/audit.service';
import { BalancesService } from '../invoices/balances.service';
import { SettingsService } from '../settings/settings.service';
import {
  AgingQueryDto,
  AgingResponseDto,
  ArOverviewQueryDto,
  ArOverviewResponseDto,
  ArSortField,
} from './dto/ar-overview.dto';

const SORT_COLUMNS: Record<ArSortField, string> = {
  balance: 'b.balance',
  name: 'lower(o.name)',
  openInvoices: 'b.open_invoices',
  pastDue: 'b.past_due',
};

const HIGHEST_BALANCES = 6;

interface CompanyRow {
  organization_id: string;
  name: string;
  open_invoices: number;
  balance: string;
  past_due: string;
}

@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly balances: BalancesService,
    private readonly settings: SettingsService,
  ) {}

  /** Seed 000's "A/R by Company": totals over everyone, a searchable list, the top six. */
  async arOverview(query: ArOverviewQueryDto): Promise<ArOverviewResponseDto> {
    const { currency, today } = await this.settings.mspCalendar();
    await this.balances.ensureCurrent(today);
    const [field, direction] = parseSort<ArSortField>(query.sort, '-balance');
    const params: unknown[] = [currency];
    const search = query.q ? `AND o.name ILIKE $${params.push(`%${escapeLike(query.q)}%`)}` : '';
    const from = `FROM organization_balances b JOIN organizations o ON o.id = b.organization_id
                 WHERE b.currency = $1 AND b.balance > 0 ${search}`;
    const [totals, [{ total }], rows, highest] = await Promise.all([
      this.dataSource.query(
        `SELECT coalesce(sum(balance), 0) AS balance, coalesce(sum(past_due), 0) AS past_due,
                coalesce(sum(open_invoices), 0)::int AS open_invoices, count(*)::int AS companies
           FROM organization_balances WHERE currency = $1 AND balance > 0`,
        [currency],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params),
      this.dataSource.query(
        `SELECT b.organization_id, o.name, b.open_invoices, b.balance, b.past_due ${from}
          ORDER BY ${SORT_COLUMNS[field]} ${direction}, o.id
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.pageSize, pageOffset(query)],
      ) as Promise<CompanyRow[]>,
      this.dataSource.query(
        `SELECT b.organization_id, o.name, b.open_invoices, b.balance, b.past_due
           FROM organization_balances b JOIN organizations o ON o.id = b.organization_id
          WHERE b.currency = $1 AND b.balance > 0
          ORDER BY b.balance DESC, o.id LIMIT ${HIGHEST_BALANCES}`,
        [currency],
      ) as Promise<CompanyRow[]>,
    ]);
    const [sums] = totals;
    return {
      companies: { data: rows.map(toCompany), page: query.page, pageSize: query.pageSize, total },
      highestBalances: highest.map(({ balance, name, organization_id, past_due }) => ({
        balance: Number(balance),
        name,
        organizationId: organization_id,
        pastDue: Number(past_due),
      })),
      totals: {
        companies: sums.companies,
        currency,
        openInvoices: sums.open_invoices,
        totalBalance: Number(sums.balance),
        totalPastDue: Number(sums.past_due),
      },
    };
  }

  async aging(query: AgingQueryDto): Promise<AgingResponseDto> {
    const { currency, today } = await this.settings.mspCalendar();
    const params: unknown[] = [currency];
    let scope = '';
    if (query.organizationId) {
      const [exists] = await this.dataSource.query('SELECT 1 FROM organizations WHERE id = $1', [
        query.organizationId,
      ]);
      if (!exists) throw AppException.notFound('Organization');
      scope = `AND organization_id = $${params.push(query.organizationId)}`;
    }
    // Grouped by due date first: the bucket rules then run over a few thousand rows at most.
    const byDueDate: { due_date: string; open_balance: string }[] = await this.dataSource.query(
      `SELECT due_date::text AS due_date, sum(open_balance) AS open_balance FROM invoices
        WHERE status = 'open' AND open_balance > 0 AND currency = $1 ${scope}
        GROUP BY due_date`,
      params,
    );
    const buckets = agingBuckets(
      byDueDate.map((row) => ({ dueDate: row.due_date, openBalance: Number(row.open_balance) })),
      today,
    );
    return { ...buckets, asOf: today, currency };
  }
}

function toCompany(row: CompanyRow) {
  return {
    balance: Number(row.balance),
    name: row.name,
    openInvoices: row.open_invoices,
    organizationId: row.organization_id,
    pastDue: Number(row.past_due),
  };
}
