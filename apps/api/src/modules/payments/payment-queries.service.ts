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
import { PaymentReadsRepository, PaymentSummaryRow } from './payment-reads.repository';

/** Reads of payments for the API: one payment in full, and filtered, paged lists. */
@Injectable()
export class PaymentQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: PaymentReadsRepository,
  ) {}

  async get(id: string): Promise<PaymentResponseDto> {
    const row = await this.reads.detail(this.dataSource.manager, id);
    if (!row) throw AppException.notFound('Payment');
    return {
      ...toSummary(row),
      allocations: row.allocations.map((a) => ({
        amount: Number(a.amount),
        amountRefunded: Number(a.amount_refunded),
        invoiceId: a.invoice_id,
        invoiceNumber: a.number,
        requestedAmount: Number(a.requested_amount),
      })),
      receiptRecipients: row.receipt_recipients ?? [],
      refunds: row.refunds.map((r) => ({
        amount: Number(r.amount),
        createdAt: new Date(r.created_at).toISOString(),
        failureMessage: r.failure_message,
        fee: Number(r.fee),
        id: r.id,
        paymentId: r.payment_id,
        reason: r.reason,
        status: r.status,
      })),
      timeline: row.timeline.map((e) => ({
        actor: e.actor,
        at: new Date(e.at).toISOString(),
        data: e.data,
        summary: e.summary,
        type: e.type as PaymentResponseDto['timeline'][number]['type'],
      })),
    };
  }

  async list(query: ListPaymentsQueryDto): Promise<Page<PaymentSummaryDto>> {
    const { rows, total } = await this.reads.list(this.dataSource.manager, query, {
      offset: pageOffset(query),
      sort: parseSort<(typeof PAYMENT_SORT_FIELDS)[number]>(query.sort, '-createdAt'),
    });
    return toPage(rows.map(toSummary), total, query);
  }
}

function toSummary(row: PaymentSummaryRow): PaymentSummaryDto {
  return {
    allocations: row.allocations.map((a) => ({
      amount: Number(a.amount),
      invoiceId: a.invoice_id,
      invoiceNumber: a.number,
    })),
    amount: Number(row.amount),
    amountRefunded: Number(row.amount_refunded),
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    currency: row.currency,
    failureCode: row.failure_code,
    failureMessage: row.failure_message,
    fee: Number(row.fee),
    id: row.id,
    installment: row.installment_plan_id
      ? {
          count: Number(row.installment_count),
          number: Number(row.installment_number),
          planId: row.installment_plan_id,
        }
      : null,
    number: paymentNumber(Number(row.sequence)),
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    origin: row.origin as PaymentSummaryDto['origin'],
    paymentMethod: {
      brand: row.method_brand,
      friendlyName: row.method_name,
      id: row.payment_method_id,
      last4: row.method_last4,
      type: row.method_type as PaymentSummaryDto['paymentMethod']['type'],
    },
    paymentMethodId: row.payment_method_id,
    processedAt: row.processed_at ? row.processed_at.toISOString() : null,
    returnCode: row.return_code,
    scheduledFor: row.scheduled_for,
    status: row.status as PaymentSummaryDto['status'],
    syncState: row.sync_state as PaymentSummaryDto['syncState'],
    total: Number(row.total),
  };
}
