import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import {
  ListPaymentsQueryDto,
  PAYMENT_SORT_FIELDS,
  PaymentResponseDto,
  PaymentSummaryDto,
} from './dto/payment.dto';
import { paymentNumber } from './payment-ledger';

const SORT_COLUMNS: Record<(typeof PAYMENT_SORT_FIELDS)[number], string> = {
  amount: 'p.amount',
  createdAt: 'p.created_at',
  number: 'p.sequence',
  scheduledFor: 'p.scheduled_for',
};

const SUMMARY_COLUMNS = `
  p.id, p.sequence, p.organization_id, o.name AS organization_name, p.payment_method_id,
  m.type AS method_type, m.brand AS method_brand, m.last4 AS method_last4, m.friendly_name AS method_name,
  p.amount, p.fee, p.total, p.currency, p.status, p.failure_code, p.failure_message, p.return_code,
  p.scheduled_for::text AS scheduled_for, p.installment_plan_id, p.installment_number, p.installment_count,
  p.amount_refunded, p.origin, p.sync_state, p.created_by, p.created_at, p.processed_at, p.receipt_recipients`;
const SUMMARY_FROM = `
  FROM payments p
  JOIN organizations o ON o.id = p.organization_id
  JOIN payment_methods m ON m.id = p.payment_method_id`;

type SummaryRow = Record<string, string | number | Date | null | string[]>;

/** Reads of payments for the API: one payment in full, and filtered, paged lists. */
@Injectable()
export class PaymentQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<PaymentResponseDto> {
    const [row]: SummaryRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE p.id = $1`,
      [id],
    );
    if (!row) throw AppException.notFound('Payment');
    const [allocations, refunds, events] = await Promise.all([
      this.dataSource.query(
        `SELECT a.invoice_id, i.number, a.amount, a.requested_amount, a.amount_refunded
           FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id
          WHERE a.payment_id = $1 ORDER BY a.position`,
        [id],
      ),
      this.dataSource.query(
        `SELECT id, payment_id, amount, fee, status, failure_message, reason, created_at
           FROM refunds WHERE payment_id = $1 ORDER BY created_at`,
        [id],
      ),
      this.dataSource.query(
        `SELECT type, actor, summary, data, created_at FROM payment_events
          WHERE payment_id = $1 ORDER BY id`,
        [id],
      ),
    ]);
    return {
      ...toSummary(row),
      allocations: allocations.map((a: Record<string, string>) => ({
        amount: Number(a.amount),
        amountRefunded: Number(a.amount_refunded),
        invoiceId: a.invoice_id,
        invoiceNumber: a.number,
        requestedAmount: Number(a.requested_amount),
      })),
      receiptRecipients: (row.receipt_recipients as string[]) ?? [],
      refunds: refunds.map(toRefundResponse),
      timeline: events.map((e: Record<string, unknown>) => ({
        actor: e.actor as string,
        at: (e.created_at as Date).toISOString(),
        data: (e.data as Record<string, unknown> | null) ?? null,
        summary: e.summary as string,
        type: e.type as never,
      })),
    };
  }

  async list(query: ListPaymentsQueryDto): Promise<Page<PaymentSummaryDto>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.organizationId) add('p.organization_id = ?', query.organizationId);
    if (query.paymentMethodId) add('p.payment_method_id = ?', query.paymentMethodId);
    if (query.status) add('p.status = ?', query.status);
    if (query.invoiceId)
      add(
        'EXISTS (SELECT 1 FROM payment_allocations a WHERE a.payment_id = p.id AND a.invoice_id = ?)',
        query.invoiceId,
      );
    if (query.from) add('coalesce(p.scheduled_for, p.created_at::date) >= ?::date', query.from);
    if (query.to) add('coalesce(p.scheduled_for, p.created_at::date) <= ?::date', query.to);
    if (query.q) {
      params.push(`%${query.q}%`);
      const n = params.length;
      where.push(`(o.name ILIKE $${n} OR ('PAY-' || lpad(p.sequence::text, 6, '0')) ILIKE $${n})`);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [field, direction] = parseSort<(typeof PAYMENT_SORT_FIELDS)[number]>(
      query.sort,
      '-createdAt',
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total ${SUMMARY_FROM} ${whereSql}`,
      params,
    );
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} ${whereSql}
        ORDER BY ${SORT_COLUMNS[field]} ${direction} NULLS LAST, p.sequence DESC
        LIMIT ${query.pageSize} OFFSET ${pageOffset(query)}`,
      params,
    );
    return toPage(rows.map(toSummary), total, query);
  }
}

function toSummary(row: SummaryRow): PaymentSummaryDto {
  return {
    amount: Number(row.amount),
    amountRefunded: Number(row.amount_refunded),
    createdAt: (row.created_at as Date).toISOString(),
    createdBy: row.created_by as string,
    currency: row.currency as string,
    failureCode: row.failure_code as string | null,
    failureMessage: row.failure_message as string | null,
    fee: Number(row.fee),
    id: row.id as string,
    installment: row.installment_plan_id
      ? {
          count: Number(row.installment_count),
          number: Number(row.installment_number),
          planId: row.installment_plan_id as string,
        }
      : null,
    number: paymentNumber(Number(row.sequence)),
    organizationId: row.organization_id as string,
    organizationName: row.organization_name as string,
    origin: row.origin as never,
    paymentMethod: {
      brand: row.method_brand as string,
      friendlyName: row.method_name as string,
      id: row.payment_method_id as string,
      last4: row.method_last4 as string,
      type: row.method_type as never,
    },
    paymentMethodId: row.payment_method_id as string,
    processedAt: row.processed_at ? (row.processed_at as Date).toISOString() : null,
    returnCode: row.return_code as string | null,
    scheduledFor: row.scheduled_for as string | null,
    status: row.status as never,
    syncState: row.sync_state as never,
    total: Number(row.total),
  };
}

export function toRefundResponse(r: Record<string, unknown>) {
  return {
    amount: Number(r.amount),
    createdAt: (r.created_at as Date).toISOString(),
    failureMessage: (r.failure_message as string | null) ?? null,
    fee: Number(r.fee),
    id: r.id as string,
    paymentId: r.payment_id as string,
    reason: (r.reason as string | null) ?? null,
    status: r.status as never,
  };
}
