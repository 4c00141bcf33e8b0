import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { daysBetween } from '@settle/domain';
import { DataSource } from 'typeorm';

import { AppException } from '../../common/errors/app.exception';
import { SettingsService } from '../settings/settings.service';
import {
  AttentionCountsDto,
  CalendarDayDto,
  PaymentsCalendarQueryDto,
  PaymentsCalendarResponseDto,
} from './dto/payment-reports.dto';
import { paymentNumber } from './payment-ledger';

const MAX_CALENDAR_DAYS = 62;

@Injectable()
export class PaymentReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
  ) {}

  /** Scheduled payments on their date, and payments made on the day they were made (MSP time zone). */
  async calendar(query: PaymentsCalendarQueryDto): Promise<PaymentsCalendarResponseDto> {
    if (query.to < query.from) throw AppException.invalidField('to', 'must not be before from');
    if (daysBetween(query.from, query.to) > MAX_CALENDAR_DAYS)
      throw AppException.invalidField('to', `must be at most ${MAX_CALENDAR_DAYS} days after from`);
    const { timeZone } = await this.settings.mspCalendar();
    const rows: Record<string, string>[] = await this.dataSource.query(
      `SELECT day::text AS day, p.id, p.sequence, p.organization_id, o.name AS organization_name,
              p.total, p.currency, p.status, (p.scheduled_for IS NOT NULL) AS scheduled
         FROM payments p JOIN organizations o ON o.id = p.organization_id,
              LATERAL (SELECT coalesce(p.scheduled_for, (p.created_at AT TIME ZONE $3)::date) AS day) d
        WHERE day BETWEEN $1::date AND $2::date AND p.status <> 'cancelled'
        ORDER BY day, p.sequence`,
      [query.from, query.to, timeZone],
    );
    const days = new Map<string, CalendarDayDto>();
    for (const row of rows) {
      const day = days.get(row.day) ?? { count: 0, date: row.day, payments: [], total: 0 };
      day.count += 1;
      day.total += Number(row.total);
      day.payments.push({
        currency: row.currency,
        id: row.id,
        kind: row.scheduled ? 'scheduled' : 'made',
        number: paymentNumber(Number(row.sequence)),
        organizationId: row.organization_id,
        organizationName: row.organization_name,
        status: row.status as never,
        total: Number(row.total),
      });
      days.set(row.day, day);
    }
    return { days: [...days.values()], from: query.from, to: query.to };
  }

  async attention(): Promise<AttentionCountsDto> {
    const [row] = await this.dataSource.query(
      `SELECT
         (SELECT count(*) FROM ach_returns WHERE status = 'unresolved')::int AS unresolved_ach_returns,
         (SELECT count(*) FROM payment_methods WHERE status = 'locked' AND removed_at IS NULL)::int AS locked_payment_methods,
         (SELECT count(DISTINCT a.payment_id) FROM payment_attempts a JOIN payments p ON p.id = a.payment_id
           WHERE p.status = 'processing' AND a.state IN ('unknown', 'pending'))::int AS awaiting,
         (SELECT count(*) FROM payments WHERE status = 'failed' AND updated_at > now() - interval '7 days')::int AS failed`,
    );
    return {
      failedPaymentsLast7Days: row.failed,
      lockedPaymentMethods: row.locked_payment_methods,
      paymentsAwaitingGateway: row.awaiting,
      unresolvedAchReturns: row.unresolved_ach_returns,
    };
  }
}
