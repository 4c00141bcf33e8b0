import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';

import { containsPattern } from '../../database/like';
import { PortalScope } from '../../common/portal-scope';
import {
  InvoiceSortField,
  ListInvoicesQueryDto,
  PortalListInvoicesQueryDto,
} from './dto/invoice.dto';
import { Invoice, InvoiceStatus } from './invoice.entity';
import { StatementInvoiceRow } from './organization-statement';

/** A column an accounting-linked invoice keeps when its PSA's sync writes it. */
const ACCOUNTING_KEEPS = (column: string) =>
  `CASE WHEN invoices.accounting_external_id IS NULL THEN excluded.${column} ELSE invoices.${column} END`;

export interface InvoiceRow {
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
  over_allocated: string;
  status: InvoiceStatus;
  source: string;
  external_id: string;
  pdf_url: string | null;
  created_at: Date;
  updated_at: Date;
}

/** An invoice as a money-moving use case sees it, read (and usually locked) in its transaction. */
export interface InvoiceForPayment {
  id: string;
  organizationId: string;
  number: string;
  currency: string;
  status: InvoiceStatus;
  sourceBalance: number;
  settlePending: number;
  openBalance: number;
}

/** One invoice row of an upsert, with its computed status and balances. */
export interface InvoiceUpsertRow {
  organizationId: string;
  number: string;
  issueDate: string;
  dueDate: string;
  terms: string | null;
  poNumber: string | null;
  currency: string;
  total: number;
  sourceBalance: number;
  openBalance: number;
  overAllocated: number;
  status: InvoiceStatus;
  source: string;
  externalId: string;
  pdfUrl: string | null;
}

const SORT_COLUMNS: Record<InvoiceSortField, string> = {
  dueDate: 'i.due_date',
  issueDate: 'i.issue_date',
  number: 'i.number',
  openBalance: 'i.open_balance',
  total: 'i.total',
};

const INVOICE_COLUMNS = [
  'i.id AS id',
  'i.organization_id AS organization_id',
  'o.name AS organization_name',
  'i.number AS number',
  'i.issue_date::text AS issue_date',
  'i.due_date::text AS due_date',
  'i.terms AS terms',
  'i.po_number AS po_number',
  'i.currency AS currency',
  'i.total AS total',
  'i.source_balance AS source_balance',
  'i.open_balance AS open_balance',
  'i.over_allocated AS over_allocated',
  'i.status AS status',
  'i.source AS source',
  'i.external_id AS external_id',
  'i.pdf_url AS pdf_url',
  'i.created_at AS created_at',
  'i.updated_at AS updated_at',
];

/** Bounds of the invoices a notice can be due for; null where that kind of notice is off. */
export interface NoticeCandidateWindow {
  timeZone: string;
  today: string;
  /** Due on or before this day: past due by at least the first past-due step. */
  pastDueOnOrBefore: string | null;
  /** Due from today through this day: inside the longest due-soon step. */
  dueSoonOnOrBefore: string | null;
  /** Created at or after this instant: recent enough to announce. */
  arrivedSince: Date | null;
}

export interface NoticeCandidateRow {
  id: string;
  organization_id: string;
  organization_name: string;
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  total: string;
  open_balance: string;
  arrived_on: string;
}

/** Sorts before every other UUID: where a keyset page in id order starts. */
const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

interface ForPaymentRow {
  id: string;
  organization_id: string;
  number: string;
  currency: string;
  status: InvoiceStatus;
  source_balance: string;
  settle_pending: string;
  open_balance: string;
}

interface ListContext {
  today: string;
  sort: [InvoiceSortField, 'ASC' | 'DESC'];
  offset: number;
}

/** The invoices table. */
export interface AutopayInvoiceRow {
  id: string;
  organization_id: string;
  number: string;
  status: string;
  issue_date: string;
  due_date: string;
  currency: string;
  open_balance: string;
  terms: string | null;
  source: string;
  created_at: Date;
}

@Injectable()
export class InvoicesRepository {
  async list(
    manager: EntityManager,
    query: ListInvoicesQueryDto,
    context: ListContext,
  ): Promise<{ rows: InvoiceRow[]; total: number }> {
    const builder = this.withOrganizationName(manager);
    if (query.organizationId)
      builder.andWhere('i.organization_id = :organizationId', {
        organizationId: query.organizationId,
      });
    return this.page(builder, query, context);
  }

  /** A portal contact's list: the scope's organization, always, whatever the filters say. */
  listForPortal(
    manager: EntityManager,
    scope: PortalScope,
    query: PortalListInvoicesQueryDto,
    context: ListContext,
  ): Promise<{ rows: InvoiceRow[]; total: number }> {
    const builder = this.withOrganizationName(manager).where('i.organization_id = :scopeOrg', {
      scopeOrg: scope.organizationId,
    });
    return this.page(builder, query, context);
  }

  async findRow(manager: EntityManager, id: string): Promise<InvoiceRow | null> {
    const row = await this.withOrganizationName(manager)
      .select(INVOICE_COLUMNS)
      .where('i.id = :id', { id })
      .getRawOne<InvoiceRow>();
    return row ?? null;
  }

  /** The invoice if it is the scope's organization's; another organization's is never read. */
  async findRowForPortal(
    manager: EntityManager,
    scope: PortalScope,
    id: string,
  ): Promise<InvoiceRow | null> {
    const row = await this.withOrganizationName(manager)
      .select(INVOICE_COLUMNS)
      .where('i.id = :id AND i.organization_id = :scopeOrg', {
        id,
        scopeOrg: scope.organizationId,
      })
      .getRawOne<InvoiceRow>();
    return row ?? null;
  }

  /** The filters staff and portal lists share, then one page in the requested order. */
  private async page(
    builder: SelectQueryBuilder<Invoice>,
    query: PortalListInvoicesQueryDto & Pick<ListInvoicesQueryDto, 'overAllocated'>,
    context: ListContext,
  ): Promise<{ rows: InvoiceRow[]; total: number }> {
    if (query.id) builder.andWhere('i.id IN (:...ids)', { ids: query.id });
    if (query.status) builder.andWhere('i.status = :status', { status: query.status });
    // The domain's isPayable, in SQL.
    if (query.payable !== undefined)
      builder.andWhere(`${query.payable ? '' : 'NOT '}(i.status = 'open' AND i.open_balance > 0)`);
    if (query.pastDue !== undefined)
      builder.andWhere(
        `${query.pastDue ? '' : 'NOT '}(i.status = 'open' AND i.open_balance > 0 AND i.due_date < :today)`,
        { today: context.today },
      );
    if (query.overAllocated !== undefined)
      builder.andWhere(`i.over_allocated ${query.overAllocated ? '>' : '='} 0`);
    if (query.dueFrom) builder.andWhere('i.due_date >= :dueFrom', { dueFrom: query.dueFrom });
    if (query.dueTo) builder.andWhere('i.due_date <= :dueTo', { dueTo: query.dueTo });
    if (query.issuedFrom)
      builder.andWhere('i.issue_date >= :issuedFrom', { issuedFrom: query.issuedFrom });
    if (query.issuedTo) builder.andWhere('i.issue_date <= :issuedTo', { issuedTo: query.issuedTo });
    if (query.q)
      builder.andWhere('(i.number ILIKE :q OR i.po_number ILIKE :q)', {
        q: containsPattern(query.q),
      });
    const total = await builder.getCount();
    const [field, direction] = context.sort;
    const rows = await builder
      .select(INVOICE_COLUMNS)
      .orderBy(SORT_COLUMNS[field], direction)
      .addOrderBy('i.id')
      .offset(context.offset)
      .limit(query.pageSize)
      .getRawMany<InvoiceRow>();
    return { rows, total };
  }

  /** In id order, the order every writer locks invoices in, so that two writers cannot deadlock. */
  async forPayment(
    manager: EntityManager,
    ids: string[],
    options: { lock: boolean },
  ): Promise<InvoiceForPayment[]> {
    const rows: ForPaymentRow[] = await manager.query(
      `SELECT id, organization_id, number, currency, status, source_balance, settle_pending, open_balance
         FROM invoices WHERE id = ANY($1::uuid[]) ORDER BY id ${options.lock ? 'FOR UPDATE' : ''}`,
      [ids],
    );
    return rows.map((row) => ({
      currency: row.currency,
      id: row.id,
      number: row.number,
      openBalance: Number(row.open_balance),
      organizationId: row.organization_id,
      settlePending: Number(row.settle_pending),
      sourceBalance: Number(row.source_balance),
      status: row.status,
    }));
  }

  /** Each invoice's id and number in an accounting source, for those the source holds. */
  async accountingRefs(
    manager: EntityManager,
    ids: string[],
    source: string,
  ): Promise<{ id: string; number: string; externalId: string }[]> {
    if (ids.length === 0) return [];
    const rows: { id: string; number: string; external_id: string }[] = await manager.query(
      `SELECT id, number, external_id FROM (
         SELECT id, number, CASE WHEN accounting_source = $2 THEN accounting_external_id
                                 WHEN source = $2 THEN external_id END AS external_id
           FROM invoices WHERE id = ANY($1::uuid[])) i
        WHERE external_id IS NOT NULL`,
      [ids, source],
    );
    return rows.map((r) => ({ externalId: r.external_id, id: r.id, number: r.number }));
  }

  /**
   * An accounting push's effect: the source's new balance and what Settle still holds, with the
   * balances and status computed from them.
   */
  async setAccountingBalancesAndHold(
    manager: EntityManager,
    rows: {
      id: string;
      sourceBalance: number;
      settlePending: number;
      openBalance: number;
      overAllocated: number;
      status: InvoiceStatus;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE invoices i
          SET source_balance = d.source_balance, settle_pending = d.settle_pending,
              open_balance = d.open_balance, over_allocated = d.over_allocated,
              status = d.status, updated_at = now()
         FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[])
              AS d(id, source_balance, settle_pending, open_balance, over_allocated, status)
        WHERE i.id = d.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.sourceBalance),
        rows.map((r) => r.settlePending),
        rows.map((r) => r.openBalance),
        rows.map((r) => r.overAllocated),
        rows.map((r) => r.status),
      ],
    );
  }

  /** Writes the Settle-held amounts and the balances computed from them. */
  async setSettlePending(
    manager: EntityManager,
    rows: { id: string; settlePending: number; openBalance: number; overAllocated: number }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE invoices i
          SET settle_pending = d.settle_pending, open_balance = d.open_balance,
              over_allocated = d.over_allocated, updated_at = now()
         FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[])
              AS d(id, settle_pending, open_balance, over_allocated)
        WHERE i.id = d.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.settlePending),
        rows.map((r) => r.openBalance),
        rows.map((r) => r.overAllocated),
      ],
    );
  }

  /**
   * Links accounting invoices to the invoices (of another source) of the same organization with
   * the same number that have no accounting link yet; answers the links made.
   *
   * Each accounting invoice looks its match up by a LATERAL probe: a plain join was planned, on
   * a table grown within the run and not yet analysed, as a scan of every invoice once per page
   * (quadratic over a first sync of 100,000 invoices).
   */
  async linkAccounting(
    manager: EntityManager,
    source: string,
    rows: { organizationId: string; number: string; externalId: string }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `WITH matches AS (
         SELECT DISTINCT ON (i.id) i.id, w.external_id
           FROM unnest($2::uuid[], $3::text[], $4::text[]) AS w(organization_id, number, external_id)
           CROSS JOIN LATERAL (
             SELECT id FROM invoices
              WHERE number = w.number AND organization_id = w.organization_id
                AND source <> $1 AND accounting_external_id IS NULL
           ) i
          WHERE NOT EXISTS (SELECT 1 FROM invoices x
                             WHERE (x.accounting_source = $1 AND x.accounting_external_id = w.external_id)
                                OR (x.source = $1 AND x.external_id = w.external_id))
          ORDER BY i.id, w.external_id)
       UPDATE invoices i SET accounting_source = $1, accounting_external_id = m.external_id,
              updated_at = now()
         FROM matches m
        WHERE i.id = m.id
          AND (SELECT count(*) FROM matches x WHERE x.external_id = m.external_id) = 1`,
      [
        source,
        rows.map((r) => r.organizationId),
        rows.map((r) => r.number),
        rows.map((r) => r.externalId),
      ],
    );
  }

  /** Locks the invoices linked to these accounting ids, in id order. */
  async lockAccounting(
    manager: EntityManager,
    source: string,
    externalIds: string[],
  ): Promise<
    { id: string; accountingExternalId: string; organizationId: string; settlePending: number }[]
  > {
    if (externalIds.length === 0) return [];
    const rows: {
      id: string;
      accounting_external_id: string;
      organization_id: string;
      settle_pending: string;
    }[] = await manager.query(
      `SELECT id, accounting_external_id, organization_id, settle_pending FROM invoices
        WHERE accounting_source = $1 AND accounting_external_id = ANY($2::text[])
        ORDER BY id FOR UPDATE`,
      [source, externalIds],
    );
    return rows.map((r) => ({
      accountingExternalId: r.accounting_external_id,
      id: r.id,
      organizationId: r.organization_id,
      settlePending: Number(r.settle_pending),
    }));
  }

  /** An accounting-linked invoice's balance and status, as accounting has them; the ids changed. */
  async setAccountingBalances(
    manager: EntityManager,
    rows: {
      id: string;
      sourceBalance: number;
      openBalance: number;
      overAllocated: number;
      status: string;
    }[],
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    const [changed]: [{ id: string }[], number] = await manager.query(
      `UPDATE invoices i SET source_balance = r.source_balance, open_balance = r.open_balance,
              over_allocated = r.over_allocated, status = r.status, updated_at = now()
         FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[])
              AS r(id, source_balance, open_balance, over_allocated, status)
        WHERE i.id = r.id
          AND (i.source_balance, i.open_balance, i.over_allocated, i.status)
              IS DISTINCT FROM (r.source_balance, r.open_balance, r.over_allocated, r.status)
       RETURNING i.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.sourceBalance),
        rows.map((r) => r.openBalance),
        rows.map((r) => r.overAllocated),
        rows.map((r) => r.status),
      ],
    );
    return changed.map((c) => c.id);
  }

  /**
   * Locks the invoices these external refs name, in id order; what Settle holds on each, and
   * its organization before the upsert (both organizations' totals change when one moves).
   */
  async lockExternal(
    manager: EntityManager,
    refs: { source: string; externalId: string }[],
  ): Promise<
    { source: string; externalId: string; organizationId: string; settlePending: number }[]
  > {
    const rows: {
      source: string;
      external_id: string;
      organization_id: string;
      settle_pending: string;
    }[] = await manager.query(
      `SELECT source, external_id, organization_id, settle_pending FROM invoices
          WHERE (source, external_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
          ORDER BY id FOR UPDATE`,
      [refs.map((r) => r.source), refs.map((r) => r.externalId)],
    );
    return rows.map((row) => ({
      externalId: row.external_id,
      organizationId: row.organization_id,
      settlePending: Number(row.settle_pending),
      source: row.source,
    }));
  }

  /**
   * Inserts or updates invoices by external ref. `settle_pending` is never written here; it comes
   * back so that a row created by someone else since lockExternal can be recomputed.
   */
  async upsert(
    manager: EntityManager,
    rows: InvoiceUpsertRow[],
    options: { onlyChanged?: boolean } = {},
  ): Promise<
    {
      id: string;
      created: boolean;
      source: string;
      externalId: string;
      organizationId: string;
      settlePending: number;
    }[]
  > {
    const written: {
      id: string;
      created: boolean;
      source: string;
      external_id: string;
      organization_id: string;
      settle_pending: string;
    }[] = await manager.query(
      `INSERT INTO invoices (organization_id, number, issue_date, due_date, terms, po_number, currency,
                             total, source_balance, open_balance, over_allocated, status, source,
                             external_id, pdf_url)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::text[], $6::text[],
                            $7::text[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[],
                            $12::text[], $13::text[], $14::text[], $15::text[])
       ON CONFLICT (source, external_id) DO UPDATE SET
         organization_id = excluded.organization_id, number = excluded.number,
         issue_date = excluded.issue_date, due_date = excluded.due_date, terms = excluded.terms,
         po_number = excluded.po_number, currency = excluded.currency, total = excluded.total,
         source_balance = ${ACCOUNTING_KEEPS('source_balance')},
         open_balance = ${ACCOUNTING_KEEPS('open_balance')},
         over_allocated = ${ACCOUNTING_KEEPS('over_allocated')},
         status = ${ACCOUNTING_KEEPS('status')},
         pdf_url = excluded.pdf_url, updated_at = now()
       ${
         options.onlyChanged
           ? `WHERE (invoices.organization_id, invoices.number, invoices.issue_date,
                    invoices.due_date, invoices.terms, invoices.po_number, invoices.currency,
                    invoices.total, invoices.source_balance, invoices.open_balance,
                    invoices.over_allocated, invoices.status, invoices.pdf_url)
                 IS DISTINCT FROM
                   (excluded.organization_id, excluded.number, excluded.issue_date,
                    excluded.due_date, excluded.terms, excluded.po_number, excluded.currency,
                    excluded.total, ${ACCOUNTING_KEEPS('source_balance')},
                    ${ACCOUNTING_KEEPS('open_balance')}, ${ACCOUNTING_KEEPS('over_allocated')},
                    ${ACCOUNTING_KEEPS('status')}, excluded.pdf_url)`
           : ''
       }
       RETURNING id, (xmax = 0) AS created, source, external_id, organization_id, settle_pending`,
      [
        rows.map((r) => r.organizationId),
        rows.map((r) => r.number),
        rows.map((r) => r.issueDate),
        rows.map((r) => r.dueDate),
        rows.map((r) => r.terms),
        rows.map((r) => r.poNumber),
        rows.map((r) => r.currency),
        rows.map((r) => r.total),
        rows.map((r) => r.sourceBalance),
        rows.map((r) => r.openBalance),
        rows.map((r) => r.overAllocated),
        rows.map((r) => r.status),
        rows.map((r) => r.source),
        rows.map((r) => r.externalId),
        rows.map((r) => r.pdfUrl),
      ],
    );
    return written.map((w) => ({
      created: w.created,
      externalId: w.external_id,
      id: w.id,
      organizationId: w.organization_id,
      settlePending: Number(w.settle_pending),
      source: w.source,
    }));
  }

  /** An organization's open invoices in one currency, oldest due first. */
  async openOf(
    manager: EntityManager,
    organizationId: string,
    currency: string,
  ): Promise<{ id: string; number: string; dueDate: string; openBalance: number }[]> {
    const rows = await manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .select([
        'i.id AS id',
        'i.number AS number',
        'i.due_date::text AS due_date',
        'i.open_balance AS open_balance',
      ])
      .where(
        "i.organization_id = :organizationId AND i.currency = :currency AND i.status = 'open' AND i.open_balance > 0",
        {
          currency,
          organizationId,
        },
      )
      .orderBy('i.due_date')
      .addOrderBy('i.issue_date')
      .addOrderBy('i.id')
      .getRawMany<{ id: string; number: string; due_date: string; open_balance: string }>();
    return rows.map((r) => ({
      dueDate: r.due_date,
      id: r.id,
      number: r.number,
      openBalance: Number(r.open_balance),
    }));
  }

  /** The organizations' open invoices with something to pay, as AutoPay weighs them. */
  openForAutopay(manager: EntityManager, organizationIds: string[]): Promise<AutopayInvoiceRow[]> {
    return manager.query(
      `SELECT id, organization_id, number, status, issue_date::text AS issue_date,
              due_date::text AS due_date, currency, open_balance::text AS open_balance, terms,
              source, created_at
         FROM invoices
        WHERE organization_id = ANY($1::uuid[]) AND status = 'open' AND open_balance > 0
        ORDER BY organization_id, due_date, id`,
      [organizationIds],
    );
  }

  /** An organization's open invoices in every currency, by currency, then due date and number. */
  async openForStatement(
    manager: EntityManager,
    organizationId: string,
  ): Promise<StatementInvoiceRow[]> {
    const rows: {
      id: string;
      number: string;
      currency: string;
      issue_date: string;
      due_date: string;
      total: string;
      open_balance: string;
    }[] = await manager.query(
      `SELECT id, number, currency, issue_date::text AS issue_date, due_date::text AS due_date,
              total, open_balance
         FROM invoices
        WHERE organization_id = $1 AND status = 'open' AND open_balance > 0
        ORDER BY currency, due_date, number, id`,
      [organizationId],
    );
    return rows.map((row) => ({
      currency: row.currency,
      dueDate: row.due_date,
      id: row.id,
      issueDate: row.issue_date,
      number: row.number,
      openBalance: Number(row.open_balance),
      total: Number(row.total),
    }));
  }

  /** Open balances summed per due date (a few thousand rows at most), for the aging buckets. */
  async openByDueDate(
    manager: EntityManager,
    currency: string,
    organizationId?: string,
  ): Promise<{ dueDate: string; openBalance: number }[]> {
    const builder = manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .select(['i.due_date::text AS due_date', 'sum(i.open_balance) AS open_balance'])
      .where("i.status = 'open' AND i.open_balance > 0 AND i.currency = :currency", { currency })
      .groupBy('i.due_date');
    if (organizationId) builder.andWhere('i.organization_id = :organizationId', { organizationId });
    const rows = await builder.getRawMany<{ due_date: string; open_balance: string }>();
    return rows.map((r) => ({ dueDate: r.due_date, openBalance: Number(r.open_balance) }));
  }

  /**
   * One page (in id order, after `afterId`) of open invoices that may have a notice due today:
   * due within the reminder window, past due by at least the first past-due step, or arrived
   * recently. The domain rule decides per invoice; this only keeps the rest of the table out.
   */
  async noticeCandidates(
    manager: EntityManager,
    window: NoticeCandidateWindow,
    page: { afterId: string | null; limit: number },
  ): Promise<NoticeCandidateRow[]> {
    return manager.query(
      `SELECT i.id, i.organization_id, o.name AS organization_name, i.number,
              i.issue_date::text AS issue_date, i.due_date::text AS due_date, i.currency,
              i.total, i.open_balance, (i.created_at AT TIME ZONE $1)::date::text AS arrived_on
         FROM invoices i JOIN organizations o ON o.id = i.organization_id
        WHERE i.status = 'open' AND i.open_balance > 0
          AND i.id > $2::uuid
          AND (i.due_date <= $3::date
               OR (i.due_date >= $4::date AND i.due_date <= $5::date)
               OR i.created_at >= $6::timestamptz)
        ORDER BY i.id
        LIMIT $7`,
      [
        window.timeZone,
        page.afterId ?? FIRST_UUID,
        window.pastDueOnOrBefore,
        window.today,
        window.dueSoonOnOrBefore,
        window.arrivedSince,
        page.limit,
      ],
    );
  }

  /** How many invoices hold more Settle money than is owed on them. */
  countOverAllocated(manager: EntityManager): Promise<number> {
    return manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .where('i.over_allocated > 0')
      .getCount();
  }

  private withOrganizationName(manager: EntityManager): SelectQueryBuilder<Invoice> {
    return manager.getRepository(Invoice).createQueryBuilder('i').innerJoin('i.organization', 'o');
  }
}
