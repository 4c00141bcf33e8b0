import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectedOrExpected, daysBetween, isPaymentStatus } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { AppException } from '../../common/errors/app.exception';
import { SettingsService } from '../settings';
import {
  CalendarDayDto,
  CalendarPaymentDto,
  PaymentsCalendarQueryDto,
  PaymentsCalendarResponseDto,
} from './dto/payment-reports.dto';
import { paymentNumber } from './payment-ledger';
import { PaymentReadsRepository } from './payment-reads.repository';

const MAX_CALENDAR_DAYS = 62;

export interface PaymentDaySummary {
  currency: string;
  /** Minor units. */
  collected: number;
  succeeded: number;
  failed: number;
}

@Injectable()
export class PaymentReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: PaymentReadsRepository,
    private readonly settings: SettingsService,
  ) {}

  /**
   * Scheduled payments on their date, and payments made on the day they were made (MSP time zone),
   * with each day's collected and expected money per currency.
   */
  async calendar(query: PaymentsCalendarQueryDto): Promise<PaymentsCalendarResponseDto> {
    if (query.to < query.from) throw AppException.invalidField('to', 'must not be before from');
    if (daysBetween(query.from, query.to) > MAX_CALENDAR_DAYS)
      throw AppException.invalidField('to', `must be at most ${MAX_CALENDAR_DAYS} days after from`);
    const { timeZone } = await this.settings.mspCalendar();
    const rows = await this.reads.calendar(this.dataSource.manager, { ...query, timeZone });
    const days = new Map<string, CalendarDayDto>();
    for (const row of rows) {
      if (!isPaymentStatus(row.status)) continue;
      const payment: CalendarPaymentDto = {
        currency: row.currency,
        id: row.id,
        kind: row.scheduled ? 'scheduled' : 'made',
        number: paymentNumber(Number(row.sequence)),
        organizationId: row.organization_id,
        organizationName: row.organization_name,
        status: row.status,
        total: Number(row.total),
      };
      const day = days.get(row.day) ?? { count: 0, date: row.day, payments: [], totals: [] };
      day.count += 1;
      day.payments.push(payment);
      const counted = collectedOrExpected(payment.status);
      if (counted) {
        let sum = day.totals.find((t) => t.currency === payment.currency);
        if (!sum) {
          sum = { collected: 0, currency: payment.currency, expected: 0 };
          day.totals.push(sum);
        }
        sum[counted] += payment.total;
      }
      days.set(row.day, day);
    }
    return { days: [...days.values()], from: query.from, to: query.to };
  }

  /** Per currency, the money collected and the payments that succeeded or failed in a range. */
  async daySummary(
    manager: EntityManager,
    range: { from: Date; to: Date },
  ): Promise<PaymentDaySummary[]> {
    const rows = await this.reads.daySummary(manager, range);
    return rows.map((r) => ({
      collected: Number(r.collected),
      currency: r.currency,
      failed: r.failed,
      succeeded: r.succeeded,
    }));
  }

  /** The payments' part of the Overview's attention counts (the reports module adds the rest). */
  attention(): Promise<{
    unresolvedAchReturns: number;
    paymentsAwaitingGateway: number;
    failedPaymentsLast7Days: number;
  }> {
    return this.reads.attention(this.dataSource.manager);
  }
}
