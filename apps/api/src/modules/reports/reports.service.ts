import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { pageOffset, parseSort } from '../../common/dto/list.dto';
import { BalancesService, InvoicesService } from '../invoices';
import { SettingsService } from '../settings';
import {
  AgingQueryDto,
  AgingResponseDto,
  ArOverviewQueryDto,
  ArOverviewResponseDto,
  ArSortField,
} from './dto/ar-overview.dto';
import { ArOverviewRow, ReportsRepository } from './reports.repository';

@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsRepository,
    private readonly balances: BalancesService,
    private readonly invoices: InvoicesService,
    private readonly settings: SettingsService,
  ) {}

  /** Seed 000's "A/R by Company": totals over everyone, a searchable list, the top six. */
  async arOverview(query: ArOverviewQueryDto): Promise<ArOverviewResponseDto> {
    const { currency, today } = await this.settings.mspCalendar();
    await this.balances.ensureCurrent(today);
    const { highest, page, total, totals } = await this.reports.arOverview(
      this.dataSource.manager,
      {
        currency,
        limit: query.pageSize,
        offset: pageOffset(query),
        q: query.q,
        sort: parseSort<ArSortField>(query.sort, '-balance'),
      },
    );
    return {
      companies: { data: page.map(toCompany), page: query.page, pageSize: query.pageSize, total },
      highestBalances: highest.map(({ balance, name, organization_id, past_due }) => ({
        balance: Number(balance),
        name,
        organizationId: organization_id,
        pastDue: Number(past_due),
      })),
      totals: {
        companies: totals.companies,
        currency,
        openInvoices: totals.open_invoices,
        totalBalance: Number(totals.balance),
        totalPastDue: Number(totals.past_due),
      },
    };
  }

  async aging(query: AgingQueryDto): Promise<AgingResponseDto> {
    const { currency, today } = await this.settings.mspCalendar();
    const buckets = await this.invoices.aging(currency, today, query.organizationId);
    return { ...buckets, asOf: today, currency };
  }
}

function toCompany(row: ArOverviewRow) {
  return {
    balance: Number(row.balance),
    name: row.name,
    openInvoices: row.open_invoices,
    organizationId: row.organization_id,
    pastDue: Number(row.past_due),
  };
}
