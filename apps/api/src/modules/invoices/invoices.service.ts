import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  agingBuckets,
  AgingBuckets,
  AutopayInvoiceInput,
  invoiceBalance,
  isAwaitingAccounting,
  isPastDue,
  todayIn,
} from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { PortalScope } from '../../common/portal-scope';
import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { FieldError } from '../../common/errors/problem';
import { Upserted } from '../../common/upserted';
import { AuditService } from '../audit';
import { OrganizationBalanceResponseDto, OrganizationsService } from '../organizations';
import { SettingsService } from '../settings';
import { BalancesService } from './balances.service';
import { CreditsRepository } from './credits.repository';
import {
  BulkInvoiceDto,
  BulkInvoicesDto,
  BulkInvoicesResponseDto,
  CreditListResponseDto,
  InvoiceResponseDto,
  InvoiceSortField,
  ListInvoicesQueryDto,
  PortalBalanceResponseDto,
  PortalInvoiceResponseDto,
  PortalListInvoicesQueryDto,
  UpsertInvoiceDto,
} from './dto/invoice.dto';
import { InvoiceStatus } from './invoice.entity';
import {
  InvoiceForPayment,
  InvoiceRow,
  InvoicesRepository,
  InvoiceUpsertRow,
  NoticeCandidateWindow,
} from './invoices.repository';
import { OrganizationStatement, toStatements } from './organization-statement';

/** An open invoice as the notice job sees it. */
export interface NoticeCandidate {
  id: string;
  organizationId: string;
  organizationName: string;
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  total: number;
  openBalance: number;
  /** The MSP-calendar day it was created in Settle. */
  arrivedOn: string;
}

/** A change to what Settle holds on an invoice: positive when a payment takes, negative when it gives back. */
export interface SettlePendingChange {
  invoiceId: string;
  amount: number;
}

@Injectable()
export class InvoicesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoicesRepository,
    private readonly creditsRepository: CreditsRepository,
    private readonly balances: BalancesService,
    private readonly organizations: OrganizationsService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListInvoicesQueryDto): Promise<Page<InvoiceResponseDto>> {
    const { today } = await this.settings.mspCalendar();
    const { rows, total } = await this.invoices.list(this.dataSource.manager, query, {
      offset: pageOffset(query),
      sort: parseSort<InvoiceSortField>(query.sort, 'dueDate'),
      today,
    });
    return toPage(
      rows.map((row) => toInvoiceResponse(row, today)),
      total,
      query,
    );
  }

  async get(id: string): Promise<InvoiceResponseDto> {
    const { today } = await this.settings.mspCalendar();
    const row = await this.invoices.findRow(this.dataSource.manager, id);
    if (!row) throw AppException.notFound('Invoice');
    return toInvoiceResponse(row, today);
  }

  /** A page of the scope's organization's invoices, with the staff list's filters. */
  async listForPortal(
    scope: PortalScope,
    query: PortalListInvoicesQueryDto,
  ): Promise<Page<PortalInvoiceResponseDto>> {
    scope.require('viewInvoices');
    const { today } = await this.settings.mspCalendar();
    const { rows, total } = await this.invoices.listForPortal(
      this.dataSource.manager,
      scope,
      query,
      {
        offset: pageOffset(query),
        sort: parseSort<InvoiceSortField>(query.sort, 'dueDate'),
        today,
      },
    );
    return toPage(
      rows.map((row) => toPortalInvoice(row, today)),
      total,
      query,
    );
  }

  /** One of the scope's organization's invoices; another organization's is a 404. */
  async getForPortal(scope: PortalScope, id: string): Promise<PortalInvoiceResponseDto> {
    scope.require('viewInvoices');
    const { today } = await this.settings.mspCalendar();
    const row = await this.invoices.findRowForPortal(this.dataSource.manager, scope, id);
    if (!row) throw AppException.notFound('Invoice');
    return toPortalInvoice(row, today);
  }

  /**
   * The source system's PDF link of one of the scope's organization's invoices, with its number;
   * a 404 when the invoice is another organization's or has no PDF.
   */
  async pdfLinkForPortal(
    scope: PortalScope,
    id: string,
  ): Promise<{ number: string; pdfUrl: string }> {
    scope.require('viewInvoices');
    const row = await this.invoices.findRowForPortal(this.dataSource.manager, scope, id);
    if (!row?.pdf_url) throw AppException.notFound('Invoice PDF');
    return { number: row.number, pdfUrl: row.pdf_url };
  }

  /** The portal's balance panel; credits only for a profile that may view them. */
  async balanceForPortal(scope: PortalScope): Promise<PortalBalanceResponseDto> {
    scope.require('viewInvoices');
    const {
      creditsAvailable,
      unappliedPayments: _unapplied,
      ...balance
    } = await this.balanceOf(scope.organizationId);
    return {
      ...balance,
      creditsAvailable: scope.permissions.viewCredits ? creditsAvailable : null,
    };
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

  /**
   * A page of an integration's invoices, in the sync's transaction: only rows that differ are
   * written and what Settle holds on each is kept. The organizations whose balances must follow
   * are returned, not refreshed: a sync refreshes them once at its end (refreshBalances), not
   * once per page.
   */
  async syncFromSource(manager: EntityManager, rows: BulkInvoiceDto[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const locked = await this.invoices.lockExternal(manager, rows);
    const pendingOf = new Map(locked.map((l) => [refKey(l), l.settlePending]));
    const written = await this.invoices.upsert(
      manager,
      rows.map((row) => toUpsertRow(row, pendingOf.get(refKey(row)) ?? 0)),
      { onlyChanged: true },
    );
    if (written.length === 0) return [];
    const writtenKeys = new Set(written.map(refKey));
    const byKey = new Map(rows.map((r) => [refKey(r), r]));
    const surprises = written.filter((w) => w.settlePending !== (pendingOf.get(refKey(w)) ?? 0));
    if (surprises.length)
      await this.invoices.setSettlePending(
        manager,
        surprises.map((w) => {
          const row = byKey.get(refKey(w))!;
          return {
            id: w.id,
            settlePending: w.settlePending,
            ...invoiceBalance(row.sourceBalance, w.settlePending, statusOf(row) === 'open'),
          };
        }),
      );
    return [
      ...new Set([
        ...locked.filter((l) => writtenKeys.has(refKey(l))).map((l) => l.organizationId),
        ...written.map((w) => w.organizationId),
      ]),
    ];
  }

  /**
   * Recomputes these organizations' balances: in the caller's transaction when one is given,
   * otherwise a thousand per transaction.
   */
  async refreshBalances(
    organizationIds: string[],
    today: string,
    manager?: EntityManager,
  ): Promise<void> {
    if (manager) return this.balances.refreshOrganizations(manager, organizationIds, today);
    for (let i = 0; i < organizationIds.length; i += 1000)
      await this.dataSource.transaction((manager) =>
        this.balances.refreshOrganizations(manager, organizationIds.slice(i, i + 1000), today),
      );
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
    const manager = this.dataSource.manager;
    await this.organizations.findOrFail(manager, organizationId);
    const credits = await this.creditsRepository.ofOrganization(manager, organizationId);
    return {
      data: credits.map((c) => ({
        amount: c.amount,
        currency: c.currency,
        id: c.id,
        issueDate: c.issueDate,
        kind: c.kind,
        number: c.number,
        remaining: c.remaining,
      })),
    };
  }

  /**
   * A page of an accounting package's invoices, in the sync's transaction (issue 15): an invoice
   * of the same organization and number from another source (the PSA) is that invoice, so it is
   * linked and takes its balance and status from accounting (its PSA no longer writes them); the
   * rest are upserted as the accounting package's own. Returns the organizations touched.
   */
  async syncFromAccounting(
    manager: EntityManager,
    source: string,
    rows: BulkInvoiceDto[],
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    await this.invoices.linkAccounting(manager, source, rows);
    const linked = await this.invoices.lockAccounting(
      manager,
      source,
      rows.map((r) => r.externalId),
    );
    const byExternalId = new Map(rows.map((r) => [r.externalId, r]));
    const changed = new Set(
      await this.invoices.setAccountingBalances(
        manager,
        linked.map((l) => {
          const row = byExternalId.get(l.accountingExternalId)!;
          const status = statusOf(row);
          return {
            id: l.id,
            sourceBalance: row.sourceBalance,
            status,
            ...invoiceBalance(row.sourceBalance, l.settlePending, status === 'open'),
          };
        }),
      ),
    );
    const linkedIds = new Set(linked.map((l) => l.accountingExternalId));
    const own = await this.syncFromSource(
      manager,
      rows.filter((r) => !linkedIds.has(r.externalId)),
    );
    return [
      ...new Set([...own, ...linked.filter((l) => changed.has(l.id)).map((l) => l.organizationId)]),
    ];
  }

  /**
   * Credit memos and unapplied payments as the source has them (the source's ids are the keys);
   * in the caller's transaction when given one (a sync's page).
   */
  async upsertCredits(
    credits: Parameters<CreditsRepository['upsert']>[1],
    manager?: EntityManager,
  ): Promise<void> {
    if (credits.length === 0) return;
    if (manager) return this.creditsRepository.upsert(manager, credits);
    await this.dataSource.transaction((tx) => this.creditsRepository.upsert(tx, credits));
  }

  /** The profile's balance panel: total, past due, oldest invoice, aging; credits shown apart. */
  async organizationBalance(organizationId: string): Promise<OrganizationBalanceResponseDto> {
    await this.organizations.findOrFail(this.dataSource.manager, organizationId);
    return this.balanceOf(organizationId);
  }

  private async balanceOf(organizationId: string): Promise<OrganizationBalanceResponseDto> {
    const { currency, today } = await this.settings.mspCalendar();
    const manager = this.dataSource.manager;
    const [open, credits] = await Promise.all([
      this.invoices.openOf(manager, organizationId, currency),
      this.creditsRepository.remainingOf(manager, organizationId, currency),
    ]);
    const aging = agingBuckets(open, today);
    const oldest = open[0];
    return {
      aging,
      creditsAvailable: credits.creditMemos,
      currency,
      oldestInvoice: oldest
        ? { dueDate: oldest.dueDate, id: oldest.id, number: oldest.number }
        : null,
      openInvoices: open.length,
      pastDue: aging.total - aging.current,
      totalBalance: aging.total,
      unappliedPayments: credits.unappliedPayments,
    };
  }

  /** Open balances by days past due, over everyone or one organization. */
  async aging(currency: string, today: string, organizationId?: string): Promise<AgingBuckets> {
    const manager = this.dataSource.manager;
    if (organizationId) await this.organizations.findOrFail(manager, organizationId);
    return agingBuckets(
      await this.invoices.openByDueDate(manager, currency, organizationId),
      today,
    );
  }

  /**
   * A page of open invoices that may have a notice due (see the repository); the caller pages
   * on by the last id, so a large A/R is read a bounded batch at a time.
   */
  async noticeCandidates(
    manager: EntityManager,
    window: NoticeCandidateWindow,
    page: { afterId: string | null; limit: number },
  ): Promise<NoticeCandidate[]> {
    const rows = await this.invoices.noticeCandidates(manager, window, page);
    return rows.map((r) => ({
      arrivedOn: r.arrived_on,
      currency: r.currency,
      dueDate: r.due_date,
      id: r.id,
      issueDate: r.issue_date,
      number: r.number,
      openBalance: Number(r.open_balance),
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      total: Number(r.total),
    }));
  }

  /**
   * What the organization owes, one statement per currency it has open invoices in (none when it
   * owes nothing), as of the MSP's `today`; read in the caller's transaction.
   */
  /**
   * Each organization's open invoices as AutoPay judges them on the MSP's calendar (every id is
   * a key, with [] when it has none); `knownSince` is the day Settle first saw each one. One
   * query for the lot, read with the caller's manager.
   */
  async openForAutopay(
    manager: EntityManager,
    organizationIds: string[],
    timeZone: string,
  ): Promise<Map<string, AutopayInvoiceInput[]>> {
    const byOrganization = new Map<string, AutopayInvoiceInput[]>(
      organizationIds.map((id) => [id, []]),
    );
    if (organizationIds.length === 0) return byOrganization;
    for (const row of await this.invoices.openForAutopay(manager, organizationIds))
      byOrganization.get(row.organization_id)?.push({
        currency: row.currency,
        dueDate: row.due_date,
        id: row.id,
        issueDate: row.issue_date,
        knownSince: todayIn(timeZone, row.created_at),
        number: row.number,
        openBalance: Number(row.open_balance),
        source: row.source,
        status: row.status,
        terms: row.terms,
      });
    return byOrganization;
  }

  async statementFor(
    manager: EntityManager,
    organizationId: string,
    today: string,
  ): Promise<OrganizationStatement[]> {
    const organization = await this.organizations.findOrFail(manager, organizationId);
    const rows = await this.invoices.openForStatement(manager, organizationId);
    return toStatements(organization, rows, today);
  }

  countOverAllocated(): Promise<number> {
    return this.invoices.countOverAllocated(this.dataSource.manager);
  }

  /**
   * The invoices a payment names, in the caller's transaction; locked (in id order) when it is
   * about to move money, so that concurrent payments can never take an invoice below zero.
   */
  async forPayment(
    manager: EntityManager,
    ids: string[],
    options: { lock: boolean },
  ): Promise<Map<string, InvoiceForPayment>> {
    const rows = await this.invoices.forPayment(manager, ids, options);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The invoices' numbers and ids in an accounting source (QuickBooks), for those it holds. */
  async accountingRefs(
    manager: EntityManager,
    invoiceIds: string[],
    source: string,
  ): Promise<Map<string, { externalId: string; number: string }>> {
    const rows = await this.invoices.accountingRefs(manager, invoiceIds, source);
    return new Map(rows.map((r) => [r.id, { externalId: r.externalId, number: r.number }]));
  }

  /**
   * Accounting now counts a payment (pushed to it, or recorded there by hand): each invoice takes
   * the balance accounting shows (`sourceBalance`; when unknown, the current one less what is
   * released) and Settle stops holding `release` on it, in the caller's transaction, so the
   * payable amount counts the payment exactly once. A reversal releases nothing and only takes
   * accounting's balances back.
   */
  async applyAccountingBalances(
    manager: EntityManager,
    changes: { invoiceId: string; release: number; sourceBalance: number | null }[],
    today: string,
  ): Promise<void> {
    const moving = changes.filter((c) => c.release > 0 || c.sourceBalance !== null);
    if (moving.length === 0) return;
    const current = await this.forPayment(
      manager,
      moving.map((c) => c.invoiceId),
      { lock: true },
    );
    const rows = moving.flatMap((change) => {
      const invoice = current.get(change.invoiceId);
      if (!invoice || invoice.status === 'void') return [];
      const settlePending = Math.max(0, invoice.settlePending - change.release);
      const sourceBalance =
        change.sourceBalance ?? Math.max(0, invoice.sourceBalance - change.release);
      const status: InvoiceStatus = sourceBalance === 0 ? 'paid' : 'open';
      Object.assign(invoice, { settlePending, sourceBalance, status });
      return [
        {
          id: invoice.id,
          settlePending,
          sourceBalance,
          status,
          ...invoiceBalance(sourceBalance, settlePending, status === 'open'),
        },
      ];
    });
    await this.invoices.setAccountingBalancesAndHold(manager, rows);
    await this.balances.refreshOrganizations(
      manager,
      rows.map((row) => current.get(row.id)!.organizationId),
      today,
    );
  }

  /**
   * Moves money into (positive) or out of (negative) what Settle holds on invoices, inside the
   * caller's transaction; the open balances follow the domain's rule, and the organizations' A/R
   * totals are recomputed.
   */
  async shiftSettlePending(
    manager: EntityManager,
    changes: SettlePendingChange[],
    today: string,
    held?: Map<string, InvoiceForPayment>,
  ): Promise<void> {
    const moving = changes.filter((c) => c.amount !== 0);
    if (moving.length === 0) return;
    // Rows the caller read with forPayment({ lock: true }) in this transaction are current: they
    // are locked, and this method keeps them up to date when it writes.
    const current = moving.every((c) => held?.has(c.invoiceId))
      ? held!
      : await this.forPayment(
          manager,
          moving.map((c) => c.invoiceId),
          { lock: true },
        );
    const next = new Map<string, number>();
    for (const change of moving) {
      const invoice = current.get(change.invoiceId);
      if (!invoice) throw new Error(`Invoice ${change.invoiceId} vanished under a payment`);
      next.set(invoice.id, (next.get(invoice.id) ?? invoice.settlePending) + change.amount);
    }
    const rows = [...next].map(([id, settlePending]) => {
      const invoice = current.get(id)!;
      const balance = invoiceBalance(
        invoice.sourceBalance,
        settlePending,
        invoice.status === 'open',
      );
      Object.assign(invoice, { openBalance: balance.openBalance, settlePending });
      return { id, settlePending, ...balance };
    });
    await this.invoices.setSettlePending(manager, rows);
    await this.balances.refreshOrganizations(
      manager,
      rows.map((row) => current.get(row.id)!.organizationId),
      today,
    );
  }

  private async write(
    actor: Actor,
    rows: BulkInvoiceDto[],
    fieldPrefix: string,
  ): Promise<{ id: string; created: boolean }[]> {
    const { today } = await this.settings.mspCalendar();
    return this.dataSource.transaction(async (manager) => {
      await this.rejectBadRows(manager, rows, fieldPrefix);
      const locked = await this.invoices.lockExternal(manager, rows);
      const pendingOf = new Map(locked.map((l) => [refKey(l), l.settlePending]));
      const written = await this.invoices.upsert(
        manager,
        rows.map((row) => toUpsertRow(row, pendingOf.get(refKey(row)) ?? 0)),
      );
      // A row someone else created after lockExternal may already hold Settle money: recompute it.
      const surprises = written.filter((w) => w.settlePending !== (pendingOf.get(refKey(w)) ?? 0));
      if (surprises.length) {
        const byKey = new Map(rows.map((r) => [refKey(r), r]));
        await this.invoices.setSettlePending(
          manager,
          surprises.map((w) => {
            const row = byKey.get(refKey(w))!;
            return {
              id: w.id,
              settlePending: w.settlePending,
              ...invoiceBalance(row.sourceBalance, w.settlePending, statusOf(row) === 'open'),
            };
          }),
        );
      }
      const byKey = new Map(written.map((w) => [refKey(w), w]));
      const results = rows.map((row) => byKey.get(refKey(row))!);
      await this.balances.refreshOrganizations(
        manager,
        [...locked.map((l) => l.organizationId), ...written.map((w) => w.organizationId)],
        today,
      );
      await this.audit.record(
        manager,
        actor,
        rows.length === 1
          ? {
              action: 'invoice.upserted',
              after: { ...rows[0], created: results[0].created },
              entityId: results[0].id,
              entityLabel: rows[0].number,
              entityType: 'invoice',
              organizationId: rows[0].organizationId,
            }
          : {
              action: 'invoices.bulk_upserted',
              after: {
                created: results.filter((r) => r.created).length,
                ids: results.map((r) => r.id),
              },
              entityType: 'invoice',
              organizationId: onlyOrganization(rows),
            },
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
    const known = await this.organizations.existing(manager, [
      ...new Set(rows.map((r) => r.organizationId)),
    ]);
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
      const key = refKey(row);
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

/** The one organization all these invoices belong to, or null when there are several. */
function onlyOrganization(rows: { organizationId: string }[]): string | null {
  const ids = new Set(rows.map((row) => row.organizationId));
  return ids.size === 1 ? rows[0].organizationId : null;
}

function refKey(ref: { source: string; externalId: string }): string {
  return `${ref.source}\u0000${ref.externalId}`;
}

function statusOf(row: BulkInvoiceDto): InvoiceStatus {
  return row.voided ? 'void' : row.sourceBalance === 0 ? 'paid' : 'open';
}

function toUpsertRow(row: BulkInvoiceDto, settlePending: number): InvoiceUpsertRow {
  const status = statusOf(row);
  return {
    currency: row.currency,
    dueDate: row.dueDate,
    externalId: row.externalId,
    issueDate: row.issueDate,
    number: row.number,
    organizationId: row.organizationId,
    pdfUrl: row.pdfUrl ?? null,
    poNumber: row.poNumber ?? null,
    source: row.source,
    sourceBalance: row.sourceBalance,
    status,
    terms: row.terms ?? null,
    total: row.total,
    ...invoiceBalance(row.sourceBalance, settlePending, status === 'open'),
  };
}

function toInvoiceResponse(row: InvoiceRow, today: string): InvoiceResponseDto {
  const openBalance = Number(row.open_balance);
  const sourceBalance = Number(row.source_balance);
  const isOpen = row.status === 'open';
  return {
    awaitingAccounting: isAwaitingAccounting({ isOpen, openBalance, sourceBalance }),
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
    overAllocated: Number(row.over_allocated),
    pastDue: isOpen && isPastDue({ dueDate: row.due_date, openBalance }, today),
    pdfUrl: row.pdf_url,
    poNumber: row.po_number,
    source: row.source,
    sourceBalance,
    status: row.status,
    terms: row.terms,
    total: Number(row.total),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toPortalInvoice(row: InvoiceRow, today: string): PortalInvoiceResponseDto {
  const { overAllocated: _overAllocated, pdfUrl, ...invoice } = toInvoiceResponse(row, today);
  return { ...invoice, hasPdf: pdfUrl !== null };
}
