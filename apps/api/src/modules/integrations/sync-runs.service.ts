import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bull';
import { DataSource, EntityManager } from 'typeorm';

import { AuthContext, SystemActor } from '../../common/auth-context';
import { Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { ENQUEUE_TIMEOUT_MS, withTimeout } from '../../common/with-timeout';
import { JOB_OPTIONS, JobName, QueueName } from '../../queues/queues';
import { AuditService } from '../audit';
import { ContactsService } from '../contacts';
import { BulkInvoiceDto, InvoicesService } from '../invoices';
import { OrganizationsService } from '../organizations';
import { OutboxService } from '../outbox';
import { AccountingSyncService } from '../payments';
import { SettingsService } from '../settings';
import { AccountingPushService } from './accounting-push.service';
import {
  SourceAdapter,
  SourceAuthError,
  SourceCompany,
  SourceContact,
  SourceInvoice,
  SourcePage,
  SourceRecord,
  SourceRecordType,
} from './adapters/source-adapter';
import { ListSyncRunsQueryDto, StartSyncRunDto, SyncRunResponseDto } from './dto/sync-run.dto';
import { toSyncRunResponse } from './dto/sync-run.mapper';
import { ExternalEntitiesRepository, ExternalEntityRow } from './external-entities.repository';
import { Integration, IntegrationSettings, SyncSchedule } from './integration.entity';
import { IntegrationsService, invoicePdfPath } from './integrations.service';
import { SyncAlertsService } from './sync-alerts.service';
import { SyncRun } from './sync-run.entity';
import { SyncRunsRepository } from './sync-runs.repository';

/** Kinds whose records are the books: they link to a PSA's organizations and invoices. */
const ACCOUNTING_KINDS = new Set<string>(['quickbooks']);
/** The order matters: contacts and invoices find their organization through their company. */
const RECORD_TYPES: SourceRecordType[] = ['company', 'contact', 'invoice'];
/** Deletions are only found by listing every id; a scheduled run does that once a day. */
const FULL_SYNC_EVERY_MS = 24 * 60 * 60 * 1000;
const PROGRESS_EVERY_MS = 1000;
/** Invoice pages written at once (each its own transaction and connection); see syncType. */
const PAGES_WRITTEN_AT_ONCE = 2;
const SCHEDULE_MS: Record<SyncSchedule, number | null> = {
  daily: 24 * 60 * 60 * 1000,
  every_15_minutes: 15 * 60 * 1000,
  hourly: 60 * 60 * 1000,
  off: null,
};

type Counts = Pick<SyncRun, 'created' | 'deleted' | 'failed' | 'unchanged' | 'updated'>;

interface RunState {
  counts: Counts;
  /** Organizations whose invoices changed: their balances are refreshed when the run ends. */
  touched: Set<string>;
  timings: { fetchMs: number; writeMs: number };
  progress: Record<string, number>;
  runId: string;
}

/**
 * Sync runs: one queued or running per integration (the database decides, across processes),
 * executed by a worker on the sync queue. A run streams the source page by page; each page is
 * one transaction of set-based upserts that write only what differs, so a run over unchanged
 * data writes next to nothing.
 */
@Injectable()
export class SyncRunsService {
  private readonly logger = new Logger(SyncRunsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.sync) private readonly queue: Queue,
    private readonly runs: SyncRunsRepository,
    private readonly entities: ExternalEntitiesRepository,
    private readonly integrations: IntegrationsService,
    private readonly organizations: OrganizationsService,
    private readonly invoices: InvoicesService,
    private readonly contacts: ContactsService,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
    private readonly alerts: SyncAlertsService,
    private readonly outbox: OutboxService,
    private readonly pushes: AccountingPushService,
    private readonly accountingSync: AccountingSyncService,
  ) {}

  /** "Sync now": a queued run, or the one already queued or running (202 either way). */
  async start(
    actor: AuthContext | SystemActor,
    integrationId: string,
    dto: StartSyncRunDto,
  ): Promise<SyncRunResponseDto> {
    const { runId, started } = await this.dataSource.transaction(async (manager) => {
      const integration = await this.integrations.findOrFail(manager, integrationId);
      if (integration.status === 'disconnected')
        throw AppException.rule('The integration is disconnected; connect it before syncing');
      const created = await this.runs.insertQueued(manager, {
        full: dto.full ?? false,
        integrationId,
        trigger: 'manual',
      });
      if (!created) {
        const active = await this.runs.active(manager, integrationId);
        if (active) return { runId: active.id, started: false };
        throw AppException.conflict('A sync of this integration just ended; try again');
      }
      await this.audit.record(manager, actor, {
        action: 'sync_run.started',
        after: { full: dto.full ?? false },
        entityId: integrationId,
        entityLabel: integration.name,
        entityType: 'integration',
      });
      return { runId: created, started: true };
    });
    if (started) await this.enqueue(runId);
    return this.get(runId);
  }

  async list(query: ListSyncRunsQueryDto): Promise<Page<SyncRunResponseDto>> {
    const { runs, total } = await this.runs.page(this.dataSource.manager, {
      integrationId: query.integrationId,
      limit: query.pageSize,
      offset: pageOffset(query),
    });
    return toPage(runs.map(toSyncRunResponse), total, query);
  }

  async get(id: string): Promise<SyncRunResponseDto> {
    const run = await this.runs.find(this.dataSource.manager, id);
    if (!run) throw AppException.notFound('Sync run');
    return toSyncRunResponse(run);
  }

  /**
   * The scheduler's tick: a run for each connected integration whose schedule is due; then the
   * check for integrations that have not synced for 48 hours.
   */
  async tick(now = new Date()): Promise<number> {
    let started = 0;
    const latest = await this.runsLatest();
    for (const integration of await this.integrations.all()) {
      const every = SCHEDULE_MS[integration.schedule];
      if (every === null || integration.status !== 'connected') continue;
      const last = latest.get(integration.id);
      if (last && now.getTime() - last.createdAt.getTime() < every) continue;
      const full =
        !integration.lastFullSyncAt ||
        now.getTime() - integration.lastFullSyncAt.getTime() >= FULL_SYNC_EVERY_MS;
      const runId = await this.runs.insertQueued(this.dataSource.manager, {
        full,
        integrationId: integration.id,
        trigger: 'schedule',
      });
      if (runId) {
        await this.enqueue(runId);
        started++;
      }
    }
    await this.alerts.checkNotRunning(now);
    return started;
  }

  async registerRecurring(): Promise<void> {
    await this.queue.add(
      JobName.syncClock,
      {},
      { ...JOB_OPTIONS[JobName.syncClock], repeat: { cron: '*/5 * * * *' } },
    );
  }

  /** The job: one run, start to end. A run another worker has taken is left alone. */
  async execute(runId: string): Promise<Counts | null> {
    const manager = this.dataSource.manager;
    if (!(await this.runs.claim(manager, runId))) return null;
    const run = (await this.runs.find(manager, runId))!;
    const counts: Counts = { created: 0, deleted: 0, failed: 0, unchanged: 0, updated: 0 };
    const progress: Record<string, number> = {};
    const timings = { fetchMs: 0, writeMs: 0 };
    const touched = new Set<string>();
    let today = '';
    try {
      const integration = await this.integrations.findOrFail(manager, run.integrationId);
      const adapter = this.integrations.adapterFor(integration);
      const full = run.full || !integration.lastFullSyncAt;
      const cursors = { ...integration.cursors };
      ({ today } = await this.settings.mspCalendar());
      for (const type of RECORD_TYPES) {
        const since = full ? null : (cursors[type] ?? null);
        // Deletions are looked for only among records Settle had before this pass: on the first
        // pass of a type there are none, and listing every id again would only cost time (a
        // record deleted during that pass is found by the next full pass or, for QuickBooks, CDC).
        const hadRecords = full && (await this.entities.hasLive(manager, integration.id, type));
        const newest = await this.syncType(adapter, integration, type, since, {
          counts,
          progress,
          runId,
          timings,
          touched,
        });
        if (newest && (!cursors[type] || newest > cursors[type])) cursors[type] = newest;
        if (hadRecords)
          counts.deleted += await this.reconcileDeletions(adapter, integration, type, {
            timings,
            touched,
          });
      }
      await this.invoices.refreshBalances([...touched], today);
      await this.dataSource.transaction(async (tx) => {
        await this.integrations.saveProgress(tx, integration.id, {
          cursors,
          ...(full ? { lastFullSyncAt: new Date() } : {}),
        });
        await this.runs.update(tx, runId, {
          ...counts,
          finishedAt: new Date(),
          full,
          progress,
          status: 'succeeded',
          timings: rounded(timings),
        });
      });
      if (integration.status === 'needs_attention')
        await this.integrations.markConnected(integration.id);
      await this.alerts.runSucceeded(integration.id);
      // What staff fixed in accounting since (a credit memo un-applied) can be pushed now.
      if (integration.kind === 'quickbooks' && (await this.pushes.recheckAfterSync()) > 0)
        await this.pushes.queuePush();
      this.logger.log({ integrationId: integration.id, runId, ...counts }, 'Sync run finished');
      return counts;
    } catch (error) {
      // What was written before the failure is kept, so its balances must follow it.
      if (touched.size)
        await this.invoices
          .refreshBalances([...touched], today)
          .catch((refreshError: unknown) =>
            this.logger.error({ err: refreshError, runId }, 'Could not refresh balances'),
          );
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof SourceAuthError)
        await this.integrations.markNeedsAttention(run.integrationId, message);
      await this.dataSource.transaction(async (tx) => {
        await this.runs.update(tx, runId, {
          ...counts,
          error: message.slice(0, 1000),
          finishedAt: new Date(),
          progress,
          status: 'failed',
          timings: rounded(timings),
        });
        const failed = await this.runs.find(tx, runId);
        // the webhook `sync_run.failed` carries the run as GET /sync-runs/{id} shows it
        if (failed)
          await this.outbox.add(
            tx,
            'sync_run.failed',
            { id: runId, type: 'sync_run' },
            { ...toSyncRunResponse(failed) },
          );
      });
      await this.alerts.runFailed(run.integrationId, message);
      this.logger.warn({ err: error, runId }, 'Sync run failed');
      // Not retried by Bull: the run is failed and shown; the next run starts from the cursors.
      return counts;
    }
  }

  /**
   * Reads every changed record of a type, page by page, asking for the next page while this one
   * is written; returns the newest change stamp seen. Invoice pages are written up to
   * PAGES_WRITTEN_AT_ONCE at a time, each in its own transaction on its own connection: their rows
   * are disjoint (a record is on one page), so they never wait on each other, and the database
   * works on two pages while this process reads the next.
   */
  private async syncType(
    adapter: SourceAdapter,
    integration: Integration,
    type: SourceRecordType,
    since: string | null,
    { counts, progress, runId, timings, touched }: RunState,
  ): Promise<string | null> {
    let newest: string | null = null;
    let sourceCursor: string | null = null;
    const pages = adapter.pages(type, since);
    const started = performance.now();
    const writeStarted = timings.writeMs;
    const writing = new BusyClock();
    const writes = new InFlight(type === 'invoice' ? PAGES_WRITTEN_AT_ONCE : 1);
    let progressSaved = -Infinity;
    const write = async ({ records, deletedIds }: SourcePage<SourceRecordType>) => {
      writing.start();
      try {
        await this.dataSource.transaction(async (tx) => {
          await this.runs.commitWithoutFlushWait(tx);
          await this.writePage(tx, integration, type, records, counts, touched);
          if (deletedIds?.length)
            counts.deleted += await this.markGone(tx, integration, type, deletedIds, touched);
        });
        for (const { updatedAt } of records)
          if (updatedAt && (!newest || updatedAt > newest)) newest = updatedAt;
        progress[type] = (progress[type] ?? 0) + records.length;
        // Progress is for people watching: a row update a second is enough, not one per page.
        if (performance.now() - progressSaved >= PROGRESS_EVERY_MS) {
          progressSaved = performance.now();
          timings.writeMs = writeStarted + writing.total();
          await this.runs.update(this.dataSource.manager, runId, {
            ...counts,
            progress,
            timings: rounded(timings),
          });
        }
      } finally {
        writing.end();
      }
    };
    try {
      for (let next = await pages.next(); !next.done;) {
        const following = pages.next();
        // a failed prefetch is thrown by the await below; until then it must not be unhandled
        following.catch(() => undefined);
        // pages come in order: the last one read carries the source's own next cursor
        if (next.value.cursor) sourceCursor = next.value.cursor;
        await writes.add(write(next.value));
        next = await following;
      }
    } finally {
      // what is in flight ends (committed or not) before the run goes on or fails
      await writes.settle();
      timings.writeMs = writeStarted + writing.total();
      // the source's share: the time no page was being written
      timings.fetchMs += performance.now() - started - writing.total();
    }
    await writes.settle({ rethrow: true });
    return sourceCursor ?? newest;
  }

  /** Writes one page of a source's records (one transaction; `counts` gains what it did). */
  async writePage(
    manager: EntityManager,
    integration: Integration,
    type: SourceRecordType,
    records: SourceRecord<SourceRecordType>[],
    counts: Counts,
    touched: Set<string>,
  ): Promise<void> {
    const settings = integration.settings;
    const rows = records.map((r) => toEntityRow(type, r, settings));
    // A contact or an invoice belongs to its company's organization, written with it.
    const upserted = await this.entities.upsert(
      manager,
      integration.id,
      type,
      rows,
      type !== 'company',
    );
    for (const { written } of upserted)
      if (written === 'created') counts.created++;
      else if (written === 'updated') counts.updated++;
      else counts.unchanged++;
    const organizationOfRecord = new Map<string, string>();
    const visible: SourceRecord<SourceRecordType>[] = [];
    upserted.forEach((entity, index) => {
      if (entity.organizationId) organizationOfRecord.set(entity.externalId, entity.organizationId);
      if (!entity.hidden) visible.push(records[index]);
    });
    if (type === 'company') {
      const companies = visible.map((r) => r.record as SourceCompany);
      const rows = companies.map(
        ({
          externalId,
          name,
          otherNames,
          addressLine1,
          addressLine2,
          city,
          region,
          postalCode,
          phone,
        }) => ({
          addressLine1,
          addressLine2,
          city,
          externalId,
          name,
          otherNames,
          phone,
          postalCode,
          region,
        }),
      );
      // An accounting package's customers join the PSA's organizations; they bring their own
      // only when no PSA is connected.
      const organizationOf = ACCOUNTING_KINDS.has(integration.kind)
        ? await this.organizations.syncFromAccounting(
            manager,
            integration.kind,
            rows,
            !(await this.integrations.psaConnected(manager)),
          )
        : await this.organizations.syncFromSource(manager, integration.kind, rows);
      await this.entities.setOrganizations(
        manager,
        integration.id,
        'company',
        companies.map((c) => ({
          externalId: c.externalId,
          organizationId: organizationOf.get(c.externalId) ?? null,
        })),
      );
      return;
    }
    if (type === 'contact')
      await this.contacts.syncFromSource(
        manager,
        visible
          .map((r) => r.record as SourceContact)
          .filter((c) => c.email && !c.inactive && c.companyExternalId)
          .flatMap((c) => {
            const organizationId = organizationOfRecord.get(c.externalId);
            return organizationId
              ? [
                  {
                    email: c.email!,
                    firstName: c.firstName,
                    lastName: c.lastName,
                    organizationId,
                    phone: c.phone,
                  },
                ]
              : [];
          }),
      );
    if (type === 'invoice') {
      for (const id of await this.syncInvoices(
        manager,
        integration,
        visible
          .map((r) => r.record as SourceInvoice)
          .filter((i) => !i.creditMemo && organizationOfRecord.has(i.externalId))
          .map((i) => toInvoiceRow(integration, i, organizationOfRecord.get(i.externalId)!)),
      ))
        touched.add(id);
      await this.invoices.upsertCredits(
        (
          await this.withoutSettlePayments(
            manager,
            visible
              .map((r) => r.record as SourceInvoice)
              .filter((i) => i.creditMemo && organizationOfRecord.has(i.externalId)),
          )
        ).map((i) => toCreditRow(integration, i, organizationOfRecord.get(i.externalId)!)),
        manager,
      );
    }
  }

  /**
   * Credits less the unapplied payments that are Settle's own pushes (known by their id, should
   * staff have edited the note that marks them): those are failing pushes, not the customer's
   * money on account, and counting them would count it twice.
   */
  private async withoutSettlePayments(
    manager: EntityManager,
    credits: SourceInvoice[],
  ): Promise<SourceInvoice[]> {
    const ids = credits.flatMap((c) => (c.unappliedPayment ? [c.unappliedPayment.id] : []));
    if (ids.length === 0) return credits;
    const pushed = await this.accountingSync.pushedAmong(manager, ids);
    return credits.filter((c) => !c.unappliedPayment || !pushed.has(c.unappliedPayment.id));
  }

  /**
   * One record read again from its source and written as a sync would; a record the source no
   * longer has is marked deleted (an invoice is voided). Returns false when it is gone.
   */
  async resyncOne(
    integration: Integration,
    type: SourceRecordType,
    externalId: string,
  ): Promise<boolean> {
    const { today } = await this.settings.mspCalendar();
    const found = await this.integrations.adapterFor(integration).one(type, externalId);
    const counts: Counts = { created: 0, deleted: 0, failed: 0, unchanged: 0, updated: 0 };
    const touched = new Set<string>();
    await this.dataSource.transaction(async (manager) => {
      if (found) await this.writePage(manager, integration, type, [found], counts, touched);
      else await this.markGone(manager, integration, type, [externalId], touched);
      await this.invoices.refreshBalances([...touched], today, manager);
    });
    return found !== null;
  }

  /**
   * Lists every id of the type; what the source no longer has is marked deleted (invoices
   * voided). The ids go page by page into a temporary table of one connection, never all into
   * this process: memory stays flat however many records the source has.
   */
  private async reconcileDeletions(
    adapter: SourceAdapter,
    integration: Integration,
    type: SourceRecordType,
    { timings, touched }: Pick<RunState, 'timings' | 'touched'>,
  ): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await this.entities.startSeen(runner.manager);
      const listing = adapter.ids(type);
      let waited = performance.now();
      for (let next = await listing.next(); !next.done;) {
        timings.fetchMs += performance.now() - waited;
        const following = listing.next();
        // a failed prefetch is thrown by the await below; until then it must not be unhandled
        following.catch(() => undefined);
        await this.entities.addSeen(runner.manager, next.value);
        waited = performance.now();
        next = await following;
      }
      timings.fetchMs += performance.now() - waited;
      await runner.startTransaction();
      try {
        const gone = await this.entities.markUnseenDeleted(runner.manager, integration.id, type);
        await this.voidInvoices(runner.manager, integration, type, gone, touched);
        await runner.commitTransaction();
        return gone.length;
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await this.entities
        .endSeen(runner.manager)
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, 'Could not drop sync_seen_ids'),
        );
      await runner.release();
    }
  }

  private async markGone(
    manager: EntityManager,
    integration: Integration,
    type: SourceRecordType,
    externalIds: string[],
    touched: Set<string>,
  ): Promise<number> {
    const gone = await this.entities.markDeleted(manager, integration.id, type, externalIds);
    await this.voidInvoices(manager, integration, type, gone, touched);
    return gone.length;
  }

  /** Invoices the source deleted are voided in Settle (payments already made stay). */
  private async voidInvoices(
    manager: EntityManager,
    integration: Integration,
    type: SourceRecordType,
    gone: { data: Record<string, unknown>; organizationId: string | null }[],
    touched: Set<string>,
  ): Promise<void> {
    if (type !== 'invoice' || gone.length === 0) return;
    // a credit memo the source deleted (or a payment applied since) has nothing left to apply
    const credits = gone.filter(
      (g) => g.organizationId && (g.data as unknown as SourceInvoice).creditMemo,
    );
    const kept = new Set(
      await this.withoutSettlePayments(
        manager,
        credits.map((g) => g.data as unknown as SourceInvoice),
      ),
    );
    await this.invoices.upsertCredits(
      credits
        .filter((g) => kept.has(g.data as unknown as SourceInvoice))
        .map((g) => ({
          ...toCreditRow(integration, g.data as unknown as SourceInvoice, g.organizationId!),
          remaining: 0,
        })),
      manager,
    );
    const invoices = gone
      .map((g) => ({
        invoice: g.data as unknown as SourceInvoice,
        organizationId: g.organizationId,
      }))
      .filter((g) => g.organizationId && !g.invoice.creditMemo);
    const written = await this.syncInvoices(
      manager,
      integration,
      invoices.map((g) => ({
        ...toInvoiceRow(integration, g.invoice, g.organizationId!),
        voided: true,
      })),
    );
    for (const id of written) touched.add(id);
  }

  /** An accounting package's invoices may be a PSA's too (InvoicesService.syncFromAccounting). */
  syncInvoices(
    manager: EntityManager,
    integration: Integration,
    rows: BulkInvoiceDto[],
  ): Promise<string[]> {
    return ACCOUNTING_KINDS.has(integration.kind)
      ? this.invoices.syncFromAccounting(manager, integration.kind, rows)
      : this.invoices.syncFromSource(manager, rows);
  }

  private runsLatest() {
    return this.integrations.all().then((all) =>
      this.runs.latest(
        this.dataSource.manager,
        all.map((i) => i.id),
      ),
    );
  }

  /** Enqueue failures are logged: the run is queued in the database; the next tick finds it. */
  private async enqueue(runId: string): Promise<void> {
    try {
      await withTimeout(
        this.queue.add(
          JobName.syncRun,
          { runId },
          { ...JOB_OPTIONS[JobName.syncRun], jobId: `sync-run-${runId}` },
        ),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.error({ err: error, runId }, 'Could not enqueue the sync run');
    }
  }
}

/** Wall time during which at least one of overlapping tasks was running. */
class BusyClock {
  private running = 0;
  private since = 0;
  private busy = 0;

  start(): void {
    if (this.running++ === 0) this.since = performance.now();
  }

  end(): void {
    if (--this.running === 0) this.busy += performance.now() - this.since;
  }

  total(): number {
    return this.busy + (this.running > 0 ? performance.now() - this.since : 0);
  }
}

/**
 * At most `limit` tasks in flight: add() waits while the limit is reached. The first failure is
 * kept and thrown by add() (so no more tasks start) or by settle({ rethrow: true }).
 */
class InFlight {
  private readonly tasks = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit: number) {}

  async add(task: Promise<void>): Promise<void> {
    const tracked: Promise<void> = task
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.tasks.delete(tracked));
    this.tasks.add(tracked);
    while (this.tasks.size >= this.limit && !this.failure) await Promise.race(this.tasks);
    if (this.failure) throw this.failure.error;
  }

  /** Waits for every task in flight; with rethrow, throws the first failure. */
  async settle({ rethrow = false } = {}): Promise<void> {
    await Promise.all(this.tasks);
    if (rethrow && this.failure) throw this.failure.error;
  }
}

function rounded(timings: RunState['timings']): RunState['timings'] {
  return { fetchMs: Math.round(timings.fetchMs), writeMs: Math.round(timings.writeMs) };
}

function toEntityRow(
  type: SourceRecordType,
  { record, updatedAt }: SourceRecord<SourceRecordType>,
  settings: IntegrationSettings,
): ExternalEntityRow {
  const base = {
    data: record as unknown as Record<string, unknown>,
    externalId: record.externalId,
    hidden: false,
    sourceUpdatedAt: updatedAt,
  };
  if (type === 'company') {
    const company = record as SourceCompany;
    const hiddenTypes = new Set((settings.hiddenCompanyTypes ?? []).map((t) => t.toLowerCase()));
    const hiddenStatuses = new Set(
      (settings.hiddenCompanyStatuses ?? []).map((s) => s.toLowerCase()),
    );
    return {
      ...base,
      hidden:
        company.deleted ||
        company.types.some((t) => hiddenTypes.has(t.toLowerCase())) ||
        (company.status !== null && hiddenStatuses.has(company.status.toLowerCase())),
      name: company.name.slice(0, 300),
      parentExternalId: null,
    };
  }
  if (type === 'contact') {
    const contact = record as {
      firstName: string;
      lastName: string;
      email: string | null;
      companyExternalId: string | null;
    };
    return {
      ...base,
      name: (
        `${contact.firstName} ${contact.lastName}`.trim() ||
        contact.email ||
        record.externalId
      ).slice(0, 300),
      parentExternalId: contact.companyExternalId,
    };
  }
  const invoice = record as SourceInvoice;
  return { ...base, name: invoice.number, parentExternalId: invoice.companyExternalId || null };
}

/**
 * A credit memo (or a payment left unapplied) as a credit (amounts positive whatever sign the
 * source gives them).
 */
function toCreditRow(
  integration: Pick<Integration, 'kind'>,
  credit: SourceInvoice,
  organizationId: string,
) {
  return {
    amount: Math.abs(credit.total),
    currency: credit.currency,
    externalId: credit.externalId,
    issueDate: credit.issueDate,
    kind: credit.unappliedPayment ? ('unapplied_payment' as const) : ('credit_memo' as const),
    number: credit.number,
    organizationId,
    remaining: credit.closed ? 0 : Math.abs(credit.sourceBalance),
    source: integration.kind,
  };
}

export function toInvoiceRow(
  integration: Pick<Integration, 'id' | 'kind'>,
  invoice: SourceInvoice,
  organizationId: string,
): BulkInvoiceDto {
  return {
    pdfUrl: invoicePdfPath(integration.id, invoice.externalId),
    currency: invoice.currency,
    dueDate: invoice.dueDate,
    externalId: invoice.externalId,
    issueDate: invoice.issueDate,
    number: invoice.number,
    organizationId,
    poNumber: invoice.poNumber,
    source: integration.kind,
    sourceBalance: invoice.closed ? 0 : invoice.sourceBalance,
    terms: invoice.terms,
    total: invoice.total,
    ...(invoice.voided ? { voided: true } : {}),
  } as BulkInvoiceDto;
}
