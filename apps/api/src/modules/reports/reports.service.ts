import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toDecimalString } from '@settle/domain';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';

import { pageOffset, parseSort } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { BalancesService, InvoicesService } from '../invoices';
import { EmailsService } from '../emails';
import { SyncAlertsService } from '../integrations';
import { PaymentMethodsService } from '../payment-methods';
import { AccountingSyncService, PaymentReportsService } from '../payments';
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
  AgingExportQueryDto,
  AgingOrganizationDto,
  AgingOrganizationsQueryDto,
  AgingOrganizationsResponseDto,
  AgingSortField,
} from './dto/aging.dto';
import { csvLine } from './csv';
import { AgingInput, AgingRow, ArOverviewRow, ReportsRepository } from './reports.repository';

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
    private readonly syncAlerts: SyncAlertsService,
    private readonly accountingSync: AccountingSyncService,
  ) {}

  /** The Overview's attention cards, each from the module that owns its table. */
  async attention(): Promise<AttentionCountsDto> {
    const [
      payments,
      lockedPaymentMethods,
      failedEmailsLast7Days,
      overAllocatedInvoices,
      syncAlerts,
      accounting,
    ] = await Promise.all([
      this.paymentReports.attention(),
      this.paymentMethods.countLocked(),
      this.emails.countRecentFailures(),
      this.invoices.countOverAllocated(),
      this.syncAlerts.list(),
      this.accountingSync.overview(),
    ]);
    return {
      ...payments,
      accountingSyncAlert: accounting.alert,
      paymentsFailingToSync: accounting.paymentsFailingToSync,
      failedEmailsLast7Days,
      lockedPaymentMethods,
      overAllocatedInvoices,
      syncAlerts,
    };
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

  /**
   * Each organization's open balance by age: today from the per-organization totals, on a past
   * day from the invoices issued by then that are still open.
   */
  async agingByOrganization(
    query: AgingOrganizationsQueryDto,
  ): Promise<AgingOrganizationsResponseDto> {
    const { asOf, input } = await this.agingInput(query.asOf);
    const { rows, total } = await this.reports.agingByOrganization(this.dataSource.manager, {
      ...input,
      limit: query.pageSize,
      offset: pageOffset(query),
      q: query.q,
      sort: parseSort<AgingSortField>(query.sort, '-total'),
    });
    return {
      asOf,
      currency: input.currency,
      data: rows.map(toAgingOrganization),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /**
   * The same report for every organization with an open balance, as CSV (amounts in major units,
   * by name), streamed from a database cursor.
   */
  async agingExport(query: AgingExportQueryDto): Promise<StreamableFile> {
    const { asOf, input } = await this.agingInput(query.asOf);
    const rows = await this.reports.agingOfAll(input);
    return csvFile(`aging-${asOf}.csv`, AGING_CSV_HEADER, rows, (row: AgingRow) =>
      agingCsvFields(row, input.currency),
    );
  }

  private async agingInput(asOf?: string): Promise<{ asOf: string; input: AgingInput }> {
    const { currency, today } = await this.settings.mspCalendar();
    if (asOf && asOf > today) throw AppException.invalidField('asOf', 'must not be after today');
    if (asOf && asOf < today) return { asOf, input: { currency, pastDay: asOf } };
    await this.balances.ensureCurrent(today);
    return { asOf: today, input: { currency, pastDay: null } };
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

/** About how much CSV text is gathered before it is handed to the socket. */
const CSV_CHUNK = 64 * 1024;

/**
 * A CSV download: the header, then one line per row of `rows` (an object stream from a database
 * cursor), sent in chunks of about 64 KiB as the rows arrive; backpressure from the socket pauses
 * the cursor, so memory stays flat whatever the size.
 */
export function csvFile<T>(
  filename: string,
  header: string[],
  rows: Readable,
  fields: (row: T) => string[],
): StreamableFile {
  async function* chunks(): AsyncGenerator<string> {
    let chunk = csvLine(header);
    try {
      for await (const row of rows) {
        chunk += csvLine(fields(row as T));
        if (chunk.length >= CSV_CHUNK) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    } finally {
      rows.destroy();
    }
  }
  return new StreamableFile(Readable.from(chunks()), {
    disposition: `attachment; filename="${filename}"`,
    type: 'text/csv; charset=utf-8',
  });
}
