import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isPastDue } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { FieldError } from '../../common/errors/problem';
import { Upserted } from '../../common/upserted';
import { AuditService, escapeLike } from '../audit/audit.service';
import { SettingsService } from '../settings/settings.service';
import { BalancesService } from './balances.service';
import {
  BulkInvoiceDto,
  BulkInvoicesDto,
  BulkInvoicesResponseDto,
  CreditListResponseDto,
  InvoiceResponseDto,
  InvoiceSortField,
  ListInvoicesQueryDto,
  UpsertInvoiceDto,
} from './dto/invoice.dto';

const SORT_COLUMNS: Record<InvoiceSortField, string> = {
  dueDate: 'i.due_date',
  issueDate: 'i.issue_date',
  number: 'i.number',
  openBalance: 'i.open_balance',
  total: 'i.total',
};

interface InvoiceRow {
  id: string;
  organization_id: string;
  organization_name: string;
  number: string;
  issue_date: string;
  due_date: string;
  terms: string | null;
  po_number: string | null;
  currency: string;
  total: string;
  source_balance: string;
  open_balance: string;
  status: 'open' | 'paid' | 'void';
  source: string;
  external_id: string;
  pdf_url: string | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT_INVOICE = `
  SELECT i.id, i.organization_id, o.name AS organization_name, i.number,
         i.issue_date::text AS issue_date, i.due_date::text AS due_date, i.terms, i.po_number,
         i.currency, i.total, i.source_balance, i.open_balance, i.status, i.source, i.external_id,
         i.pdf_url, i.created_at, i.updated_at
    FROM invoices i JOIN organizations o ON o.id = i.organization_id`;

@Injectable()
export class InvoicesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly balances: BalancesService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListInvoicesQueryDto): Promise<Page<InvoiceResponseDto>> {
    const { today } = await this.settings.mspCalendar();
    const [field, direction] = parseSort<InvoiceSortField>(query.sort, 'dueDate');
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) =>
      where.push(sql.replace('?', `$${params.push(value)}`));
    if (query.organizationId) add('i.organization_id = ?', query.organizationId);
    if (query.status) add('i.status = ?', query.status);
    if (query.pastDue === true)
      add("i.status = 'open' AND i.open_balance > 0 AND i.due_date < ?::date", today);
    if (query.pastDue === false)
      add("NOT (i.status = 'open' AND i.open_balance > 0 AND i.due_date < ?::date)", today);
    if (query.dueFrom) add('i.due_date >= ?::date', query.dueFrom);
    if (query.dueTo) add('i.due_date <= ?::date', query.dueTo);
    if (query.issuedFrom) add('i.issue_date >= ?::date', query.issuedFrom);
    if (query.issuedTo) add('i.issue_date <= ?::date', query.issuedTo);
    if (query.q) {
      const n = params.push(`%${escapeLike(query.q)}%`);
      where.push(`(i.number ILIKE $${n} OR i.po_number ILIKE $${n})`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM invoices i ${filter}`,
      params,
    );
    const rows: InvoiceRow[] = await this.dataSource.query(
      `${SELECT_INVOICE} ${filter}
        ORDER BY ${SORT_COLUMNS[field]} ${direction}, i.id
        LIMIT $${params.push(query.pageSize)} OFFSET $${params.push(pageOffset(query))}`,
      params,
    );
    return toPage(
      rows.map((row) => toInvoiceResponse(row, today)),
      total,
      query,
    );
  }

  async get(id: string): Promise<InvoiceResponseDto> {
    const { today } = await this.settings.mspCalendar();
    const [row] = await this.dataSource.query(`${SELECT_INVOICE} WHERE i.id = $1`, [id]);
    if (!row) throw AppException.notFound('Invoice');
    return toInvoiceResponse(row, today);
  }

  async upsertExternal(
    actor: Actor,
    source: string,
    externalId: string,
    dto: UpsertInvoiceDto,
  ): Promise<Upserted<InvoiceResponseDto>> {
    const [result] = await this.write(actor, [{ ...dto, externalId, source }], '');
    return { body: await this.get(result.id), created: result.created };
  }

  /** Up to 1,000 invoices in one transaction: all written, or none with every bad row named. */
  async bulk(actor: Actor, dto: BulkInvoicesDto): Promise<BulkInvoicesResponseDto> {
    const results = await this.write(actor, dto.invoices, 'invoices.');
    const created = results.filter((r) => r.created).length;
    return {
      created,
      invoices: results.map((r, index) => ({ created: r.created, id: r.id, index })),
      updated: results.length - created,
    };
  }

  async credits(organizationId: string): Promise<CreditListResponseDto> {
    const [organization] = await this.dataSource.query(
      'SELECT 1 FROM organizations WHERE id = $1',
      [organizationId],
    );
    if (!organization) throw AppException.notFound('Organization');
    const rows: {
      id: string;
      kind: 'credit_memo' | 'unapplied_payment';
      number: string;
      issue_date: string;
      currency: string;
      amount: string;
      remaining: string;
    }[] = await this.dataSource.query(
      `SELECT id, kind, number, issue_date::text AS issue_date, currency, amount, remaining
           FROM credits WHERE organization_id = $1 ORDER BY issue_date DESC, id`,
      [organizationId],
    );
    return {
      data: rows.map((r) => ({
        amount: Number(r.amount),
        currency: r.currency,
        id: r.id,
        issueDate: r.issue_date,
        kind: r.kind,
        number: r.number,
        remaining: Number(r.remaining),
      })),
    };
  }

  private async write(
    actor: Actor,
    rows: BulkInvoiceDto[],
    fieldPrefix: string,
  ): Promise<{ id: string; created: boolean }[]> {
    const { today } = await this.settings.mspCalendar();
    return this.dataSource.transaction(async (manager) => {
      await this.rejectBadRows(manager, rows, fieldPrefix);
      const keys = rows.map((r) => `${r.source}\u0000${r.externalId}`);
      const previous: { organization_id: string }[] = await manager.query(
        `SELECT organization_id FROM invoices
          WHERE (source, external_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
          FOR UPDATE`,
        [rows.map((r) => r.source), rows.map((r) => r.externalId)],
      );
      const status = (r: BulkInvoiceDto) =>
        r.voided ? 'void' : r.sourceBalance === 0 ? 'paid' : 'open';
      const written: {
        id: string;
        created: boolean;
        source: string;
        external_id: string;
        organization_id: string;
      }[] = await manager.query(
        `INSERT INTO invoices (organization_id, number, issue_date, due_date, terms, po_number, currency,
                                 total, source_balance, open_balance, status, source, external_id, pdf_url)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::text[], $6::text[], $7::text[],
                                $8::bigint[], $9::bigint[], $10::bigint[], $11::text[], $12::text[], $13::text[], $14::text[])
           ON CONFLICT (source, external_id) DO UPDATE SET
             organization_id = excluded.organization_id, number = excluded.number,
             issue_date = excluded.issue_date, due_date = excluded.due_date, terms = excluded.terms,
             po_number = excluded.po_number, currency = excluded.currency, total = excluded.total,
             source_balance = excluded.source_balance,
             open_balance = CASE WHEN excluded.status = 'open'
                                 THEN greatest(excluded.source_balance - invoices.settle_pending, 0) ELSE 0 END,
             status = excluded.status, pdf_url = excluded.pdf_url, updated_at = now()
           RETURNING id, (xmax = 0) AS created, source, external_id, organization_id`,
        [
          rows.map((r) => r.organizationId),
          rows.map((r) => r.number),
          rows.map((r) => r.issueDate),
          rows.map((r) => r.dueDate),
          rows.map((r) => r.terms ?? null),
          rows.map((r) => r.poNumber ?? null),
          rows.map((r) => r.currency),
          rows.map((r) => r.total),
          rows.map((r) => r.sourceBalance),
          // A new invoice has no Settle payments yet; an update subtracts them above.
          rows.map((r) => (status(r) === 'open' ? r.sourceBalance : 0)),
          rows.map(status),
          rows.map((r) => r.source),
          rows.map((r) => r.externalId),
          rows.map((r) => r.pdfUrl ?? null),
        ],
      );
      const byKey = new Map(written.map((w) => [`${w.source}\u0000${w.external_id}`, w]));
      const results = keys.map((key) => byKey.get(key)!);
      const organizations = [
        ...previous.map((p) => p.organization_id),
        ...written.map((w) => w.organization_id),
      ];
      await this.balances.refreshOrganizations(manager, organizations, today);
      await this.audit.record(
        actor,
        rows.length === 1
          ? {
              action: 'invoice.upserted',
              after: { ...rows[0], created: results[0].created },
              entityId: results[0].id,
              entityType: 'invoice',
            }
          : {
              action: 'invoices.bulk_upserted',
              after: {
                created: results.filter((r) => r.created).length,
                ids: results.map((r) => r.id),
              },
              entityType: 'invoice',
            },
        manager,
      );
      return results.map(({ created, id }) => ({ created, id }));
    });
  }

  /** Checks what the DTO validators cannot: references, cross-field rules, duplicates in a batch. */
  private async rejectBadRows(
    manager: EntityManager,
    rows: BulkInvoiceDto[],
    prefix: string,
  ): Promise<void> {
    const errors: FieldError[] = [];
    const field = (index: number, name: string) => (prefix ? `${prefix}${index}.${name}` : name);
    const organizationIds = [...new Set(rows.map((r) => r.organizationId))];
    const found: { id: string }[] = await manager.query(
      'SELECT id FROM organizations WHERE id = ANY($1::uuid[])',
      [organizationIds],
    );
    const known = new Set(found.map((f) => f.id));
    const seen = new Map<string, number>();
    rows.forEach((row, index) => {
      if (!known.has(row.organizationId))
        errors.push({ field: field(index, 'organizationId'), message: 'does not exist' });
      if (row.sourceBalance > row.total)
        errors.push({
          field: field(index, 'sourceBalance'),
          message: 'must not be greater than total',
        });
      if (row.dueDate < row.issueDate)
        errors.push({ field: field(index, 'dueDate'), message: 'must not be before issueDate' });
      const key = `${row.source}\u0000${row.externalId}`;
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({
          field: field(index, 'externalId'),
          message: `repeats row ${first} (same source and externalId)`,
        });
      } else {
        seen.set(key, index);
      }
    });
    if (errors.length) {
      const rowsWithErrors = new Set(errors.map((e) => e.field.split('.').slice(0, 2).join('.')))
        .size;
      const detail = prefix
        ? `${rowsWithErrors} row(s) are invalid; nothing was written`
        : `Invalid invoice: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`;
      throw AppException.badRequest(detail, errors);
    }
  }
}

export function toInvoiceResponse(row: InvoiceRow, today: string): InvoiceResponseDto {
  const openBalance = Number(row.open_balance);
  return {
    createdAt: row.created_at.toISOString(),
    currency: row.currency,
    dueDate: row.due_date,
    externalId: row.external_id,
    id: row.id,
    issueDate: row.issue_date,
    number: row.number,
    openBalance,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    pastDue: row.status === 'open' && isPastDue({ dueDate: row.due_date, openBalance }, today),
    pdfUrl: row.pdf_url,
    poNumber: row.po_number,
    source: row.source,
    sourceBalance: Number(row.source_balance),
    status: row.status,
    terms: row.terms,
    total: Number(row.total),
    updatedAt: row.updated_at.toISOString(),
  };
}
