import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { daysBetween, toDecimalString } from '@settle/domain';
import { DataSource } from 'typeorm';

import { pageOffset } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { BalancesService } from '../invoices';
import { paymentNumber } from '../payments';
import { SettingsService } from '../settings';
import {
  AutopayEnrolmentQueryDto,
  AutopayEnrolmentResponseDto,
  MethodReportResponseDto,
  MethodReportRowDto,
  MonthlyResponseDto,
  PaymentMethodsExportQueryDto,
  PaymentMethodsReportQueryDto,
  PeriodQueryDto,
  PortalLoginRowDto,
  PortalLoginsQueryDto,
  PortalLoginsResponseDto,
  TransactionDto,
  TransactionsExportQueryDto,
  TransactionsQueryDto,
  TransactionsResponseDto,
} from './dto/activity.dto';
import {
  ActivityRepository,
  EnrolmentRow,
  MethodRow,
  Period,
  PortalLoginRow,
  TransactionRow,
} from './activity.repository';
import { csvLine } from './csv';
import { csvFile } from './reports.service';

const MAX_PERIOD_DAYS = 366;
const MAX_MONTHS = 36;

const TRANSACTIONS_CSV = [
  'Date',
  'Type',
  'Method',
  'Payment',
  'Payment ID',
  'Organization',
  'Organization ID',
  'Currency',
  'Amount',
];
const METHODS_CSV = [
  'Organization',
  'Organization ID',
  'Type',
  'Brand',
  'Last 4',
  'Expires on',
  'Status',
  'Locked reason',
  'Locked at',
];
const ENROLMENT_CSV = [
  'Organization',
  'Organization ID',
  'AutoPay',
  'Enabled rules',
  'Currency',
  'Open balance',
];
const PORTAL_LOGINS_CSV = ['Contact', 'Email', 'Organizations', 'Last sign-in', 'Sign-ins'];
const MONTHLY_CSV = ['Month', 'Currency', 'Due', 'Invoiced', 'Collected', 'A/R at end', 'DSO'];

/**
 * Transactions, collected vs due and DSO by month, AutoPay enrolment, payment methods to look at
 * and portal sign-ins, each as JSON and as a CSV streamed from a database cursor.
 */
@Injectable()
export class ActivityReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activity: ActivityRepository,
    private readonly balances: BalancesService,
    private readonly settings: SettingsService,
  ) {}

  async transactions(query: TransactionsQueryDto): Promise<TransactionsResponseDto> {
    const period = await this.period(query);
    const { rows, total, totals } = await this.activity.transactions(
      this.dataSource.manager,
      period,
      query,
      { limit: query.pageSize, offset: pageOffset(query) },
    );
    return {
      data: rows.map(toTransaction),
      from: query.from,
      page: query.page,
      pageSize: query.pageSize,
      to: query.to,
      total,
      totals: totals.map((t) => ({ ...t, amount: Number(t.amount) })),
    };
  }

  async transactionsExport(query: TransactionsExportQueryDto): Promise<StreamableFile> {
    const period = await this.period(query);
    const rows = await this.activity.streamTransactions(period, query);
    return csvFile(
      `transactions-${query.from}-to-${query.to}.csv`,
      TRANSACTIONS_CSV,
      rows,
      (row: TransactionRow) => {
        const t = toTransaction(row);
        return [
          t.occurredAt,
          t.type,
          t.method,
          t.paymentNumber,
          t.paymentId,
          t.organizationName,
          t.organizationId,
          t.currency,
          toDecimalString(t.amount, t.currency),
        ];
      },
    );
  }

  async monthly(query: PeriodQueryDto): Promise<MonthlyResponseDto> {
    const { currency, timeZone } = await this.settings.mspCalendar();
    if (query.to < query.from) throw AppException.invalidField('to', 'must not be before from');
    if (monthsBetween(query.from, query.to) >= MAX_MONTHS)
      throw AppException.invalidField('to', `must be within ${MAX_MONTHS} months of from`);
    const rows = await this.activity.monthly(this.dataSource.manager, {
      currency,
      from: query.from,
      timeZone,
      to: query.to,
    });
    return {
      currency,
      months: rows.map((r) => {
        const invoiced = Number(r.invoiced);
        const receivableAtEnd = Number(r.receivable_at_end);
        return {
          collected: Number(r.collected),
          due: Number(r.due),
          dso: invoiced > 0 ? Math.round((receivableAtEnd / invoiced) * r.days * 10) / 10 : null,
          invoiced,
          month: r.month,
          receivableAtEnd,
        };
      }),
    };
  }

  /** The monthly figures are a few dozen rows: built in full, then sent. */
  async monthlyExport(query: PeriodQueryDto): Promise<StreamableFile> {
    const { currency, months } = await this.monthly(query);
    const money = (minor: number) => toDecimalString(minor, currency);
    const text = [
      MONTHLY_CSV,
      ...months.map((m) => [
        m.month,
        currency,
        money(m.due),
        money(m.invoiced),
        money(m.collected),
        money(m.receivableAtEnd),
        m.dso === null ? '' : m.dso.toFixed(1),
      ]),
    ]
      .map(csvLine)
      .join('');
    return new StreamableFile(Buffer.from(text), {
      disposition: `attachment; filename="monthly-${query.from}-to-${query.to}.csv"`,
      type: 'text/csv; charset=utf-8',
    });
  }

  async paymentMethods(query: PaymentMethodsReportQueryDto): Promise<MethodReportResponseDto> {
    const { today } = await this.settings.mspCalendar();
    const { rows, total } = await this.activity.methods(this.dataSource.manager, {
      kind: query.kind,
      limit: query.pageSize,
      offset: pageOffset(query),
      q: query.q,
      today,
    });
    return {
      data: rows.map(toMethodRow),
      kind: query.kind,
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async paymentMethodsExport(query: PaymentMethodsExportQueryDto): Promise<StreamableFile> {
    const { today } = await this.settings.mspCalendar();
    const rows = await this.activity.streamMethods(query.kind, today);
    return csvFile(
      `payment-methods-${query.kind}-${today}.csv`,
      METHODS_CSV,
      rows,
      (row: MethodRow) => {
        const m = toMethodRow(row);
        return [
          m.organizationName,
          m.organizationId,
          m.type,
          m.brand,
          m.last4,
          m.expiresOn ?? '',
          m.status,
          m.lockedReason ?? '',
          m.lockedAt ?? '',
        ];
      },
    );
  }

  async autopayEnrolment(query: AutopayEnrolmentQueryDto): Promise<AutopayEnrolmentResponseDto> {
    const { currency, today } = await this.settings.mspCalendar();
    await this.balances.ensureCurrent(today);
    const { rows, total, totals } = await this.activity.enrolment(this.dataSource.manager, {
      currency,
      enrolled: query.enrolled === undefined ? undefined : query.enrolled === 'true',
      limit: query.pageSize,
      offset: pageOffset(query),
      q: query.q,
    });
    return {
      data: rows.map(toEnrolmentRow),
      page: query.page,
      pageSize: query.pageSize,
      total,
      totals: {
        coveredBalance: Number(totals.covered),
        currency,
        enrolled: totals.enrolled,
        openBalance: Number(totals.balance),
        organizations: totals.organizations,
      },
    };
  }

  async autopayEnrolmentExport(): Promise<StreamableFile> {
    const { currency, today } = await this.settings.mspCalendar();
    await this.balances.ensureCurrent(today);
    const rows = await this.activity.streamEnrolment(currency);
    return csvFile(`autopay-enrolment-${today}.csv`, ENROLMENT_CSV, rows, (row: EnrolmentRow) => {
      const e = toEnrolmentRow(row);
      return [
        e.name,
        e.organizationId,
        e.enrolled ? 'yes' : 'no',
        String(e.enabledRules),
        currency,
        toDecimalString(e.balance, currency),
      ];
    });
  }

  async portalLogins(query: PortalLoginsQueryDto): Promise<PortalLoginsResponseDto> {
    const period = await this.period(query);
    const { rows, signIns, total } = await this.activity.portalLogins(
      this.dataSource.manager,
      period,
      { limit: query.pageSize, offset: pageOffset(query) },
    );
    return {
      data: rows.map(toPortalLogin),
      from: query.from,
      page: query.page,
      pageSize: query.pageSize,
      signIns,
      to: query.to,
      total,
    };
  }

  async portalLoginsExport(query: PeriodQueryDto): Promise<StreamableFile> {
    const period = await this.period(query);
    const rows = await this.activity.streamPortalLogins(period);
    return csvFile(
      `portal-logins-${query.from}-to-${query.to}.csv`,
      PORTAL_LOGINS_CSV,
      rows,
      (row: PortalLoginRow) => {
        const l = toPortalLogin(row);
        return [l.name, l.email, l.organizations, l.lastSignInAt ?? '', String(l.signIns)];
      },
    );
  }

  private async period(query: { from: string; to: string }): Promise<Period> {
    if (query.to < query.from) throw AppException.invalidField('to', 'must not be before from');
    if (daysBetween(query.from, query.to) > MAX_PERIOD_DAYS)
      throw AppException.invalidField('to', `must be at most ${MAX_PERIOD_DAYS} days after from`);
    const { timeZone } = await this.settings.mspCalendar();
    return { from: query.from, timeZone, to: query.to };
  }
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

function toTransaction(row: TransactionRow): TransactionDto {
  return {
    amount: Number(row.amount),
    currency: row.currency,
    method: row.method,
    occurredAt: new Date(row.occurred_at).toISOString(),
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    paymentId: row.payment_id,
    paymentNumber: paymentNumber(Number(row.sequence)),
    type: row.type,
  };
}

function toMethodRow(row: MethodRow): MethodReportRowDto {
  return {
    brand: row.brand,
    expiresOn: row.expires_on,
    last4: row.last4,
    lockedAt: row.locked_at ? new Date(row.locked_at).toISOString() : null,
    lockedReason: row.locked_reason,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    paymentMethodId: row.payment_method_id,
    status: row.status,
    type: row.type,
  };
}

function toEnrolmentRow(row: EnrolmentRow) {
  return {
    balance: Number(row.balance),
    enabledRules: row.enabled_rules,
    enrolled: row.enabled_rules > 0,
    name: row.name,
    organizationId: row.organization_id,
  };
}

function toPortalLogin(row: PortalLoginRow): PortalLoginRowDto {
  return {
    contactId: row.contact_id,
    email: row.email,
    lastSignInAt: row.last_sign_in_at ? new Date(row.last_sign_in_at).toISOString() : null,
    name: row.name,
    organizations: row.organizations ?? '',
    signIns: row.sign_ins,
  };
}
