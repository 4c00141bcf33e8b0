import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { agingBuckets } from '@settle/domain';
import { DataSource } from 'typeorm';

import { pageOffset, parseSort } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { BalancesService } from '../invoices/balances.service';
import { SettingsService } from '../settings/settings.service';
import { arOverviewQueries, SqlQuery } from './ar-overview.queries';
import {
  AgingQueryDto,
  AgingResponseDto,
  ArOverviewQueryDto,
  ArOverviewResponseDto,
  ArSortField,
} from './dto/ar-overview.dto';

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
    const sql = arOverviewQueries({
      currency,
      limit: query.pageSize,
      offset: pageOffset(query),
      q: query.q,
      sort: parseSort<ArSortField>(query.sort, '-balance'),
    });
    const run = ({ text, values }: SqlQuery) => this.dataSource.query(text, values);
    const [totals, [{ total }], rows, highest]: [
      { balance: string; past_due: string; open_invoices: number; companies: number }[],
      { total: number }[],
      CompanyRow[],
      CompanyRow[],
    ] = await Promise.all([run(sql.totals), run(sql.count), run(sql.page), run(sql.highest)]);
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
