import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ACCOUNTING_SYNC_CAUSE_WORDS,
  AccountingSyncAction,
  AccountingSyncCause,
  AccountingSyncStatus,
  AutopayExistingPayment,
  isAccountingSyncCause,
} from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { PortalScope } from '../../common/portal-scope';
import {
  ListPaymentsQueryDto,
  PAYMENT_SORT_FIELDS,
  PaymentResponseDto,
  PaymentSummaryDto,
  PortalListPaymentsQueryDto,
  PortalPaymentResponseDto,
  PortalPaymentSummaryDto,
} from './dto/payment.dto';
import { formatAmount } from './format-amount';
import { paymentNumber } from './payment-ledger';
import {
  PaymentDetailRow,
  PaymentReadsRepository,
  ReconciliationPaymentRow,
  PaymentSummaryRow,
} from './payment-reads.repository';

/** A payment as reconciliation reads it (minor units; paidAt when the money moved). */
export interface ReconciliationPayment {
  id: string;
  organizationId: string;
  organizationName: string;
  reference: string;
  currency: string;
  status: ReconciliationPaymentRow['status'];
  gateway: string;
  gatewayRef: string | null;
  amount: number;
  fee: number;
  amountRefunded: number;
  feeRefunded: number;
  paidAt: Date;
  syncStatus: AccountingSyncStatus;
  syncAction: AccountingSyncAction;
  accountingExternalId: string | null;
  syncCause: AccountingSyncCause | null;
  syncError: string | null;
  invoiceIds: string[];
}

function toReconciliationPayment(row: ReconciliationPaymentRow): ReconciliationPayment {
  return {
    accountingExternalId: row.accounting_external_id,
    amount: Number(row.amount),
    amountRefunded: Number(row.amount_refunded),
    currency: row.currency,
    fee: Number(row.fee),
    feeRefunded: Number(row.fee_refunded),
    gateway: row.gateway,
    gatewayRef: row.gateway_payment_ref,
    id: row.id,
    invoiceIds: row.invoice_ids,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    paidAt: new Date(row.paid_at),
    reference: paymentNumber(Number(row.sequence)),
    status: row.status,
    syncAction: row.accounting_sync_action as AccountingSyncAction,
    syncCause: isAccountingSyncCause(row.accounting_sync_cause) ? row.accounting_sync_cause : null,
    syncError: row.accounting_sync_error,
    syncStatus: row.accounting_sync_status as AccountingSyncStatus,
  };
}

/** Reads of payments for the API: one payment in full, and filtered, paged lists. */
@Injectable()
export class PaymentQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: PaymentReadsRepository,
  ) {}

  /**
   * Every payment that moved money between two instants (by when it settled, else was processed),
   * a page at a time in the order the money moved, for reconciliation.
   */
  async *forReconciliation(
    window: { from: Date; to: Date; organizationId: string | null },
    pageSize = 2_000,
  ): AsyncGenerator<ReconciliationPayment[]> {
    let after: { paidAt: Date; id: string } | null = null;
    for (;;) {
      const rows = await this.reads.reconciliationPage(
        this.dataSource.manager,
        window,
        after,
        pageSize,
      );
      if (rows.length) yield rows.map(toReconciliationPayment);
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = { id: last.id, paidAt: last.paid_at };
    }
  }

  async get(id: string): Promise<PaymentResponseDto> {
    const payment = await this.find(this.dataSource.manager, id);
    if (!payment) throw AppException.notFound('Payment');
    return payment;
  }

  /** The payment in full, or null; read with the caller's manager (inside its transaction). */
  async find(manager: EntityManager, id: string): Promise<PaymentResponseDto | null> {
    const row = await this.reads.detail(manager, id);
    return row && toDetail(row);
  }

  /**
   * Each invoice's payments with the amount allocated to it, as AutoPay weighs them: scheduled
   * and pending ones are already promised, and AutoPay's own carry their run date. Read with the
   * caller's manager.
   */
  async ofInvoicesForAutopay(
    manager: EntityManager,
    invoiceIds: string[],
  ): Promise<Map<string, AutopayExistingPayment[]>> {
    const byInvoice = new Map<string, AutopayExistingPayment[]>(invoiceIds.map((id) => [id, []]));
    if (invoiceIds.length === 0) return byInvoice;
    for (const row of await this.reads.ofInvoices(manager, invoiceIds))
      byInvoice.get(row.invoice_id)?.push({
        amount: Number(row.amount),
        autopayRunDate: row.autopay_run_date,
        failureCode: row.failure_code,
        id: row.id,
        scheduledFor: row.scheduled_for,
        status: row.status,
      });
    return byInvoice;
  }

  /**
   * The AutoPay payments of a run date waiting for approval (the first `limit`, by organization),
   * with how many there are and their totals by currency, in the caller's transaction.
   */
  async autopayAwaitingApproval(
    manager: EntityManager,
    runDate: string,
    limit: number,
  ): Promise<{
    items: { organizationName: string; number: string; amount: string }[];
    count: number;
    totals: string;
  }> {
    const [rows, sums] = await Promise.all([
      this.reads.autopayAwaitingApproval(manager, runDate, limit),
      this.reads.autopayAwaitingApprovalTotals(manager, runDate),
    ]);
    return {
      count: rows[0]?.total_count ?? 0,
      items: rows.map((row) => ({
        amount: formatAmount(Number(row.total), row.currency),
        number: row.invoice_number ?? paymentNumber(row.sequence),
        organizationName: row.organization_name,
      })),
      totals: sums.map((s) => formatAmount(Number(s.total), s.currency)).join(' + '),
    };
  }

  async list(query: ListPaymentsQueryDto): Promise<Page<PaymentSummaryDto>> {
    const { rows, total } = await this.reads.list(this.dataSource.manager, query, {
      offset: pageOffset(query),
      sort: parseSort<(typeof PAYMENT_SORT_FIELDS)[number]>(query.sort, '-createdAt'),
    });
    return toPage(rows.map(toSummary), total, query);
  }

  /** One of the scope's organization's payments; another organization's is a 404. */
  async getForPortal(scope: PortalScope, id: string): Promise<PortalPaymentResponseDto> {
    scope.require('viewInvoices');
    const row = await this.reads.detailForPortal(this.dataSource.manager, scope, id);
    if (!row) throw AppException.notFound('Payment');
    return toPortalDetail(toDetail(row));
  }

  /** A page of the scope's organization's payments, with the staff list's filters. */
  async listForPortal(
    scope: PortalScope,
    query: PortalListPaymentsQueryDto,
  ): Promise<Page<PortalPaymentSummaryDto>> {
    scope.require('viewInvoices');
    const { rows, total } = await this.reads.listForPortal(this.dataSource.manager, scope, query, {
      offset: pageOffset(query),
      sort: parseSort<(typeof PAYMENT_SORT_FIELDS)[number]>(query.sort, '-createdAt'),
    });
    return toPage(
      rows.map((row) => {
        const {
          accountingSync: _a,
          hiddenFromPortal: _h,
          createdBy: _c,
          organizationName: _o,
          ...summary
        } = toSummary(row);
        return summary;
      }),
      total,
      query,
    );
  }
}

/** A payment as its organization's contacts see it (see PortalPaymentResponseDto). */
export function toPortalDetail(payment: PaymentResponseDto): PortalPaymentResponseDto {
  const {
    accountingSync: _accountingSync,
    hiddenFromPortal: _hiddenFromPortal,
    createdBy: _createdBy,
    organizationName: _organizationName,
    timeline: _timeline,
    ...visible
  } = payment;
  return visible;
}

function toDetail(row: PaymentDetailRow): PaymentResponseDto {
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
    autopayRuleId: row.autopay_rule_id,
    autopayRunDate: row.autopay_run_date,
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
    accountingSync: toAccountingSync(row),
    hiddenFromPortal: row.hidden_from_portal,
    total: Number(row.total),
  };
}

function toAccountingSync(row: PaymentSummaryRow): PaymentSummaryDto['accountingSync'] {
  const cause: AccountingSyncCause | null = isAccountingSyncCause(row.accounting_sync_cause)
    ? row.accounting_sync_cause
    : null;
  return {
    action: row.accounting_sync_action as PaymentSummaryDto['accountingSync']['action'],
    advice: cause ? { ...ACCOUNTING_SYNC_CAUSE_WORDS[cause] } : null,
    attempts: Number(row.accounting_sync_attempts),
    cause,
    error: row.accounting_sync_error,
    externalId: row.accounting_external_id,
    lastAttemptAt: row.accounting_sync_last_attempt_at?.toISOString() ?? null,
    nextAttemptAt: row.accounting_sync_next_attempt_at?.toISOString() ?? null,
    status: row.accounting_sync_status as PaymentSummaryDto['accountingSync']['status'],
  };
}
