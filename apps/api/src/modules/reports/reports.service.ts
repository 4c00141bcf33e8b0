import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toDecimalString } from '@settle/domain';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';

import { pageOffset, parseSort } from '../../common/dto/list.dto';
import { BalancesService, InvoicesService } from '../invoices';
import { EmailsService } from '../emails';
import { PaymentMethodsService } from '../payment-methods';
import { PaymentReportsService } from '../payments';
import { SettingsService } from '../settings';
import { AttentionCountsDto } from './dto/attention.dto';
import {
  AgingQueryDto,
  AgingResponseDto,
  ArOverviewQueryDto,
  ArOverviewResponseDto,
  ArSortField,
} from './dto/ar-overview.dto';
import {
  AgingOrganizationDto,
  AgingOrganizationsQueryDto,
  AgingOrganizationsResponseDto,
  AgingSortField,
} from './dto/aging.dto';
import { csvLine } from './csv';
import { AgingRow, ArOverviewRow, ReportsRepository } from './reports.repository';

const AGING_CSV_HEADER = [
  'Organization',
  'Organization ID',
  'Currency',
  'Current',
  '1-30 days',
  '31-60 days',
  '61-90 days',
  'Over 90 days',
  'Total',
];

@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsRepository,
    private readonly balances: BalancesService,
    private readonly invoices: InvoicesService,
    private readonly settings: SettingsService,
    private readonly paymentReports: PaymentReportsService,
    private readonly paymentMethods: PaymentMethodsService,
    private readonly emails: EmailsService,
  ) {}

  /** The Overview's attention cards, each count from the module that owns its table. */
  async attention(): Promise<AttentionCountsDto> {
    const [payments, lockedPaymentMethods, failedEmailsLast7Days, overAllocatedInvoices] =
      await Promise.all([
        this.paymentReports.attention(),
        this.paymentMethods.countLocked(),
        this.emails.countRecentFailures(),
        this.invoices.countOverAllocated(),
      ]);
    return { ...payments, failedEmailsLast7Days, lockedPaymentMethods, overAllocatedInvoices };
  }

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

  /** Each organization's open balance by age, from the per-organization totals. */
  async agingByOrganization(
    query: AgingOrganizationsQueryDto,
  ): Promise<AgingOrganizationsResponseDto> {
    const { currency, today } = await this.settings.mspCalendar();
    await this.balances.ensureCurrent(today);
    const { rows, total } = await this.reports.agingByOrganization(this.dataSource.manager, {
      currency,
      limit: query.pageSize,
      offset: pageOffset(query),
      q: query.q,
      sort: parseSort<AgingSortField>(query.sort, '-total'),
    });
    return {
      asOf: today,
      currency,
      data: rows.map(toAgingOrganization),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /**
   * The same report for every organization with an open balance, as CSV (amounts in major units,
   * by name), streamed from the database a batch at a time.
   */
  async agingExport(): Promise<StreamableFile> {
    const { currency, today } = await this.settings.mspCalendar();
    await this.balances.ensureCurrent(today);
    const batches = this.reports.agingOfAll(this.dataSource.manager, currency);
    async function* lines(): AsyncGenerator<string> {
      yield csvLine(AGING_CSV_HEADER);
      for await (const rows of batches)
        yield rows.map((row) => csvLine(agingCsvFields(row, currency))).join('');
    }
    return new StreamableFile(Readable.from(lines()), {
      disposition: `attachment; filename="aging-${today}.csv"`,
      type: 'text/csv; charset=utf-8',
    });
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

function toAgingOrganization(row: AgingRow): AgingOrganizationDto {
  return {
    current: Number(row.current),
    days1to30: Number(row.days1to30),
    days31to60: Number(row.days31to60),
    days61to90: Number(row.days61to90),
    days90plus: Number(row.days90plus),
    name: row.name,
    organizationId: row.organization_id,
    total: Number(row.balance),
  };
}

function agingCsvFields(row: AgingRow, currency: string): string[] {
  const { current, days1to30, days31to60, days61to90, days90plus, name, organizationId, total } =
    toAgingOrganization(row);
  // Balances are never negative, so no amount starts with a sign a spreadsheet would misread.
  const amounts = [current, days1to30, days31to60, days61to90, days90plus, total].map((minor) =>
    toDecimalString(minor, currency),
  );
  return [name, organizationId, currency, ...amounts];
}
