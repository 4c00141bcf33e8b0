import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';

import { containsPattern } from '../../database/like';
import { PortalScope } from '../../common/portal-scope';
import {
  ListPaymentsQueryDto,
  PAYMENT_SORT_FIELDS,
  PortalListPaymentsQueryDto,
} from './dto/payment.dto';
import { PaymentEventType } from './payment-event.entity';
import { Payment } from './payment.entity';

type PaymentSortField = (typeof PAYMENT_SORT_FIELDS)[number];

/** A payment as reconciliation compares it with accounting and the gateway. */
export interface ReconciliationPaymentRow {
  id: string;
  organization_id: string;
  organization_name: string;
  sequence: number;
  currency: string;
  status: 'processing' | 'succeeded' | 'refunded' | 'returned';
  gateway: string;
  gateway_payment_ref: string | null;
  amount: string;
  fee: string;
  amount_refunded: string;
  fee_refunded: string;
  paid_at: Date;
  accounting_sync_status: string;
  accounting_sync_action: string;
  accounting_external_id: string | null;
  accounting_sync_cause: string | null;
  accounting_sync_error: string | null;
  invoice_ids: string[];
}

/** A payment with its organization's name and its method's description, for lists and detail. */
export interface PaymentSummaryRow {
  id: string;
  autopay_rule_id: string | null;
  autopay_run_date: string | null;
  sequence: number;
  organization_id: string;
  organization_name: string;
  payment_method_id: string;
  method_type: string;
  method_brand: string;
  method_last4: string;
  method_name: string;
  amount: string;
  fee: string;
  total: string;
  currency: string;
  status: string;
  failure_code: string | null;
  failure_message: string | null;
  return_code: string | null;
  scheduled_for: string | null;
  installment_plan_id: string | null;
  installment_number: number | null;
  installment_count: number | null;
  amount_refunded: string;
  origin: string;
  accounting_sync_status: string;
  accounting_sync_action: string;
  accounting_external_id: string | null;
  accounting_sync_error: string | null;
  accounting_sync_cause: string | null;
  accounting_sync_attempts: number;
  accounting_sync_last_attempt_at: Date | null;
  accounting_sync_next_attempt_at: Date | null;
  hidden_from_portal: boolean;
  created_by: string;
  created_at: Date;
  processed_at: Date | null;
  receipt_recipients: string[];
  /** In the payer's order. */
  allocations: { invoice_id: string; number: string; amount: number }[];
}

/** A payment in full: its summary, allocations, refunds and timeline, read in one statement. */
export interface PaymentDetailRow extends PaymentSummaryRow {
  allocations: {
    invoice_id: string;
    number: string;
    amount: number;
    requested_amount: number;
    amount_refunded: number;
  }[];
  refunds: {
    id: string;
    payment_id: string;
    amount: number;
    fee: number;
    status: 'pending' | 'succeeded' | 'failed';
    failure_message: string | null;
    reason: string | null;
    created_at: string;
  }[];
  timeline: {
    type: string;
    actor: string;
    summary: string;
    data: Record<string, unknown> | null;
    at: string;
  }[];
}

/** One event of a payment allocated to an invoice, with what the payment puts toward it. */
export interface AwaitingApprovalRow {
  id: string;
  sequence: number;
  total: string;
  currency: string;
  organization_name: string;
  invoice_number: string | null;
  total_count: number;
}

export interface InvoiceActivityRow {
  type: PaymentEventType;
  summary: string;
  at: Date;
  payment_id: string;
  sequence: string;
  amount: string;
  allocated: string;
  currency: string;
}

export interface CalendarRow {
  day: string;
  id: string;
  sequence: number;
  organization_id: string;
  organization_name: string;
  total: string;
  currency: string;
  status: string;
  scheduled: boolean;
}

interface ListPage {
  sort: [PaymentSortField, 'ASC' | 'DESC'];
  offset: number;
}

const SORT_COLUMNS: Record<PaymentSortField, string> = {
  amount: 'p.amount',
  createdAt: 'p.created_at',
  number: 'p.sequence',
  scheduledFor: 'p.scheduled_for',
};

const SUMMARY_COLUMNS = [
  'p.id AS id',
  'p.sequence AS sequence',
  'p.organization_id AS organization_id',
  'o.name AS organization_name',
  'p.payment_method_id AS payment_method_id',
  'm.type AS method_type',
  'm.brand AS method_brand',
  'm.last4 AS method_last4',
  'm.friendly_name AS method_name',
  'p.amount AS amount',
  'p.fee AS fee',
  'p.total AS total',
  'p.currency AS currency',
  'p.status AS status',
  'p.failure_code AS failure_code',
  'p.failure_message AS failure_message',
  'p.return_code AS return_code',
  'p.scheduled_for::text AS scheduled_for',
  'p.installment_plan_id AS installment_plan_id',
  'p.installment_number AS installment_number',
  'p.installment_count AS installment_count',
  'p.amount_refunded AS amount_refunded',
  'p.origin AS origin',
  'p.autopay_rule_id AS autopay_rule_id',
  'p.autopay_run_date::text AS autopay_run_date',
  'p.accounting_sync_status AS accounting_sync_status',
  'p.accounting_sync_action AS accounting_sync_action',
  'p.accounting_external_id AS accounting_external_id',
  'p.accounting_sync_error AS accounting_sync_error',
  'p.accounting_sync_cause AS accounting_sync_cause',
  'p.accounting_sync_attempts AS accounting_sync_attempts',
  'p.accounting_sync_last_attempt_at AS accounting_sync_last_attempt_at',
  'p.accounting_sync_next_attempt_at AS accounting_sync_next_attempt_at',
  'p.hidden_from_portal AS hidden_from_portal',
  'p.created_by AS created_by',
  'p.created_at AS created_at',
  'p.processed_at AS processed_at',
  'p.receipt_recipients AS receipt_recipients',
];

/** Each listed payment's allocations, in the same statement as the page: no query per row. */
const ALLOCATION_SUMMARIES = `(SELECT coalesce(json_agg(json_build_object(
         'invoice_id', a.invoice_id, 'number', i.number, 'amount', a.amount
       ) ORDER BY a.position), '[]')
   FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id
  WHERE a.payment_id = p.id)`;

export interface InvoicePaymentRow {
  invoice_id: string;
  id: string;
  autopay_run_date: string | null;
  failure_code: string | null;
  status: string;
  amount: string;
  scheduled_for: string | null;
}

/**
 * Read models of the payments module. They join the organizations and payment methods tables
 * (other modules') read-only, for the names and descriptions a screen shows.
 */
@Injectable()
export class PaymentReadsRepository {
  detail(manager: EntityManager, id: string): Promise<PaymentDetailRow | null> {
    return this.detailWhere(manager, 'p.id = :id', { id });
  }

  /**
   * The payment if it is the scope's organization's and staff did not hide it; another
   * organization's is never read.
   */
  detailForPortal(
    manager: EntityManager,
    scope: PortalScope,
    id: string,
  ): Promise<PaymentDetailRow | null> {
    return this.detailWhere(
      manager,
      'p.id = :id AND p.organization_id = :scopeOrg AND NOT p.hidden_from_portal',
      { id, scopeOrg: scope.organizationId },
    );
  }

  private async detailWhere(
    manager: EntityManager,
    where: string,
    parameters: Record<string, string>,
  ): Promise<PaymentDetailRow | null> {
    const row = await this.summaries(manager)
      .select(SUMMARY_COLUMNS)
      .addSelect(
        `(SELECT coalesce(json_agg(json_build_object(
                  'invoice_id', a.invoice_id, 'number', i.number, 'amount', a.amount,
                  'requested_amount', a.requested_amount, 'amount_refunded', a.amount_refunded
                ) ORDER BY a.position), '[]')
            FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id
           WHERE a.payment_id = p.id)`,
        'allocations',
      )
      .addSelect(
        `(SELECT coalesce(json_agg(json_build_object(
                  'id', r.id, 'payment_id', r.payment_id, 'amount', r.amount, 'fee', r.fee,
                  'status', r.status, 'failure_message', r.failure_message, 'reason', r.reason,
                  'created_at', r.created_at
                ) ORDER BY r.created_at), '[]')
            FROM refunds r WHERE r.payment_id = p.id)`,
        'refunds',
      )
      .addSelect(
        `(SELECT coalesce(json_agg(json_build_object(
                  'type', e.type, 'actor', e.actor, 'summary', e.summary, 'data', e.data,
                  'at', e.created_at
                ) ORDER BY e.id), '[]')
            FROM payment_events e WHERE e.payment_id = p.id)`,
        'timeline',
      )
      .where(where, parameters)
      .getRawOne<PaymentDetailRow>();
    return row ?? null;
  }

  async list(
    manager: EntityManager,
    query: ListPaymentsQueryDto,
    page: ListPage,
  ): Promise<{ rows: PaymentSummaryRow[]; total: number }> {
    const builder = this.summaries(manager);
    if (query.organizationId)
      builder.andWhere('p.organization_id = :organizationId', {
        organizationId: query.organizationId,
      });
    if (query.accountingSync)
      builder.andWhere('p.accounting_sync_status = :accountingSync', {
        accountingSync: query.accountingSync,
      });
    return this.page(builder, query, page);
  }

  /** A portal contact's list: the scope's organization, always, whatever the filters say. */
  listForPortal(
    manager: EntityManager,
    scope: PortalScope,
    query: PortalListPaymentsQueryDto,
    page: ListPage,
  ): Promise<{ rows: PaymentSummaryRow[]; total: number }> {
    const builder = this.summaries(manager).where(
      'p.organization_id = :scopeOrg AND NOT p.hidden_from_portal',
      { scopeOrg: scope.organizationId },
    );
    return this.page(builder, query, page);
  }

  /** AutoPay payments of one run date still waiting for approval, by organization name. */
  autopayAwaitingApproval(
    manager: EntityManager,
    runDate: string,
    limit: number,
  ): Promise<AwaitingApprovalRow[]> {
    return manager.query(
      `SELECT p.id, p.sequence, p.total::text AS total, p.currency,
              o.name AS organization_name, i.number AS invoice_number,
              count(*) OVER ()::int AS total_count
         FROM payments p
         JOIN organizations o ON o.id = p.organization_id
         LEFT JOIN invoices i ON i.id = p.autopay_invoice_id
        WHERE p.status = 'pending_approval' AND p.autopay_run_date = $1
        ORDER BY lower(o.name), i.number, p.id
        LIMIT $2`,
      [runDate, limit],
    );
  }

  /** What the AutoPay payments of a run date waiting for approval add up to, per currency. */
  autopayAwaitingApprovalTotals(
    manager: EntityManager,
    runDate: string,
  ): Promise<{ currency: string; total: string }[]> {
    return manager.query(
      `SELECT currency, sum(total)::text AS total FROM payments
        WHERE status = 'pending_approval' AND autopay_run_date = $1
        GROUP BY currency ORDER BY currency`,
      [runDate],
    );
  }

  /** Every payment allocated to these invoices, with the amount allocated to each. */
  ofInvoices(manager: EntityManager, invoiceIds: string[]): Promise<InvoicePaymentRow[]> {
    return manager.query(
      `SELECT a.invoice_id, p.id, p.status, a.amount::text AS amount,
              p.scheduled_for::text AS scheduled_for, p.autopay_run_date::text AS autopay_run_date,
              p.failure_code
         FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
        WHERE a.invoice_id = ANY($1::uuid[])`,
      [invoiceIds],
    );
  }

  /** The latest events of every payment allocated to the invoice, newest first. */
  invoiceActivity(
    manager: EntityManager,
    invoiceId: string,
    limit: number,
  ): Promise<InvoiceActivityRow[]> {
    return manager.query(
      `SELECT e.type, e.summary, e.created_at AS at, p.id AS payment_id, p.sequence, p.amount,
              a.amount AS allocated, p.currency
         FROM payment_allocations a
         JOIN payments p ON p.id = a.payment_id
         JOIN payment_events e ON e.payment_id = a.payment_id
        WHERE a.invoice_id = $1
        ORDER BY e.created_at DESC, e.id DESC
        LIMIT $2`,
      [invoiceId, limit],
    );
  }

  /** Scheduled payments on their date, others on the day they were made in the MSP's zone. */
  calendar(
    manager: EntityManager,
    range: { from: string; to: string; timeZone: string; organizationId?: string },
  ): Promise<CalendarRow[]> {
    return manager.query(
      `SELECT day::text AS day, p.id, p.sequence, p.organization_id, o.name AS organization_name,
              p.total, p.currency, p.status, (p.scheduled_for IS NOT NULL) AS scheduled
         FROM payments p JOIN organizations o ON o.id = p.organization_id,
              LATERAL (SELECT coalesce(p.scheduled_for, (p.created_at AT TIME ZONE $3)::date) AS day) d
        WHERE day BETWEEN $1::date AND $2::date AND p.status <> 'cancelled'
          AND ($4::uuid IS NULL OR p.organization_id = $4::uuid)
        ORDER BY day, p.sequence`,
      [range.from, range.to, range.timeZone, range.organizationId ?? null],
    );
  }

  /** What needs staff's eyes among payments: ACH returns, unknown outcomes, recent failures. */
  async attention(manager: EntityManager): Promise<{
    unresolvedAchReturns: number;
    paymentsAwaitingGateway: number;
    failedPaymentsLast7Days: number;
  }> {
    const [row]: { unresolved_ach_returns: number; awaiting: number; failed: number }[] =
      await manager.query(
        `SELECT
           (SELECT count(*) FROM ach_returns WHERE status = 'unresolved')::int AS unresolved_ach_returns,
           (SELECT count(DISTINCT a.payment_id) FROM payment_attempts a JOIN payments p ON p.id = a.payment_id
             WHERE p.status = 'processing' AND a.state IN ('unknown', 'pending'))::int AS awaiting,
           (SELECT count(*) FROM payments WHERE status = 'failed' AND updated_at > now() - interval '7 days')::int AS failed`,
      );
    return {
      failedPaymentsLast7Days: row.failed,
      paymentsAwaitingGateway: row.awaiting,
      unresolvedAchReturns: row.unresolved_ach_returns,
    };
  }

  /** The filters staff and portal lists share, then one page in the requested order. */
  private async page(
    builder: SelectQueryBuilder<Payment>,
    query: PortalListPaymentsQueryDto,
    page: ListPage,
  ): Promise<{ rows: PaymentSummaryRow[]; total: number }> {
    if (query.paymentMethodId)
      builder.andWhere('p.payment_method_id = :paymentMethodId', {
        paymentMethodId: query.paymentMethodId,
      });
    if (query.status) builder.andWhere('p.status = :status', { status: query.status });
    if (query.invoiceId)
      builder.andWhere(
        'EXISTS (SELECT 1 FROM payment_allocations a WHERE a.payment_id = p.id AND a.invoice_id IN (:...invoiceIds))',
        { invoiceIds: query.invoiceId },
      );
    if (query.from)
      builder.andWhere('coalesce(p.scheduled_for, p.created_at::date) >= :from', {
        from: query.from,
      });
    if (query.to)
      builder.andWhere('coalesce(p.scheduled_for, p.created_at::date) <= :to', { to: query.to });
    if (query.q)
      builder.andWhere("(o.name ILIKE :q OR ('PAY-' || lpad(p.sequence::text, 6, '0')) ILIKE :q)", {
        q: containsPattern(query.q),
      });
    const total = await builder.getCount();
    const [field, direction] = page.sort;
    const rows = await builder
      .select(SUMMARY_COLUMNS)
      .addSelect(ALLOCATION_SUMMARIES, 'allocations')
      .orderBy(SORT_COLUMNS[field], direction, 'NULLS LAST')
      .addOrderBy('p.sequence', 'DESC')
      .offset(page.offset)
      .limit(query.pageSize)
      .getRawMany<PaymentSummaryRow>();
    return { rows, total };
  }

  /**
   * Per currency, what payments did between two instants: collected (succeeded, by when they were
   * processed) and how many failed.
   */
  daySummary(
    manager: EntityManager,
    range: { from: Date; to: Date },
  ): Promise<{ currency: string; collected: string; succeeded: number; failed: number }[]> {
    return manager.query(
      `SELECT currency,
              coalesce(sum(total) FILTER (WHERE status = 'succeeded'), 0) AS collected,
              (count(*) FILTER (WHERE status = 'succeeded'))::int AS succeeded,
              (count(*) FILTER (WHERE status = 'failed'))::int AS failed
         FROM payments
        WHERE coalesce(processed_at, updated_at) >= $1 AND coalesce(processed_at, updated_at) < $2
          AND status IN ('succeeded', 'failed')
        GROUP BY currency
        ORDER BY currency`,
      [range.from, range.to],
    );
  }

  private summaries(manager: EntityManager): SelectQueryBuilder<Payment> {
    return manager
      .getRepository(Payment)
      .createQueryBuilder('p')
      .innerJoin('organizations', 'o', 'o.id = p.organization_id')
      .innerJoin('payment_methods', 'm', 'm.id = p.payment_method_id');
  }

  /**
   * A page of the payments that moved money (processing, succeeded, refunded, returned) between two
   * instants, by when the money moved (settled, else processed), in (paid_at, id) order after the
   * cursor; with the invoice ids each pays.
   */
  async reconciliationPage(
    manager: EntityManager,
    window: { from: Date; to: Date; organizationId: string | null },
    after: { paidAt: Date; id: string } | null,
    limit: number,
  ): Promise<ReconciliationPaymentRow[]> {
    return manager.query(
      `SELECT p.id, p.organization_id, o.name AS organization_name, p.sequence, p.currency,
              p.status, p.gateway, p.gateway_payment_ref,
              p.amount::text AS amount, p.fee::text AS fee,
              p.amount_refunded::text AS amount_refunded, p.fee_refunded::text AS fee_refunded,
              coalesce(p.settled_at, p.processed_at, p.created_at) AS paid_at,
              p.accounting_sync_status, p.accounting_sync_action, p.accounting_external_id,
              p.accounting_sync_cause, p.accounting_sync_error,
              coalesce((SELECT array_agg(a.invoice_id ORDER BY a.position)
                          FROM payment_allocations a WHERE a.payment_id = p.id), '{}') AS invoice_ids
         FROM payments p
         JOIN organizations o ON o.id = p.organization_id
        WHERE p.status IN ('processing', 'succeeded', 'refunded', 'returned')
          AND coalesce(p.settled_at, p.processed_at, p.created_at) >= $1
          AND coalesce(p.settled_at, p.processed_at, p.created_at) < $2
          AND ($3::uuid IS NULL OR p.organization_id = $3)
          AND ($4::timestamptz IS NULL
               OR (coalesce(p.settled_at, p.processed_at, p.created_at), p.id) > ($4, $5::uuid))
        ORDER BY coalesce(p.settled_at, p.processed_at, p.created_at), p.id
        LIMIT $6`,
      [
        window.from,
        window.to,
        window.organizationId,
        after?.paidAt ?? null,
        after?.id ?? null,
        limit,
      ],
    );
  }
}
