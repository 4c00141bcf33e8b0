import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { daysBetween } from '@settle/domain';
import { Queue } from 'bull';
import { DataSource } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { ENQUEUE_TIMEOUT_MS, withTimeout } from '../../common/with-timeout';
import { JOB_OPTIONS, JobName, QueueName } from '../../queues/queues';
import { AuditService } from '../audit';
import { PaymentSettingsService } from '../gateways';
import { IntegrationsService } from '../integrations';
import { OrganizationsService } from '../organizations';
import {
  ListReconciliationDifferencesQueryDto,
  ListReconciliationOrganizationsQueryDto,
  ListReconciliationRunsQueryDto,
  MAX_RECONCILIATION_DAYS,
  ReconciliationDifferenceDto,
  ReconciliationOrganizationDto,
  ReconciliationRunResponseDto,
  StartReconciliationRunDto,
} from './dto/reconciliation.dto';
import {
  ReconciliationOrganizationSort,
  ReconciliationRepository,
} from './reconciliation.repository';
import { ReconciliationRun, ReconciliationSources } from './reconciliation-run.entity';
import { differenceWords } from './reconciliation-words';

/** Starting and reading reconciliation runs; the work itself is ReconciliationRunner's. */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.sync) private readonly queue: Queue,
    private readonly repository: ReconciliationRepository,
    private readonly organizations: OrganizationsService,
    private readonly integrations: IntegrationsService,
    private readonly paymentSettings: PaymentSettingsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * A run for the period (and organization), queued for a worker; while one with the same period
   * and organization is queued or running, that one (`created` false) instead of another.
   */
  async start(
    actor: AuthContext,
    dto: StartReconciliationRunDto,
  ): Promise<{ created: boolean; run: ReconciliationRunResponseDto }> {
    if (dto.to < dto.from) throw AppException.invalidField('to', 'must not be before from');
    if (daysBetween(dto.from, dto.to) >= MAX_RECONCILIATION_DAYS)
      throw AppException.invalidField(
        'to',
        `must be within ${MAX_RECONCILIATION_DAYS} days of from (the period includes both days)`,
      );
    const organizationId = dto.organizationId ?? null;
    const scope = `${dto.from}/${dto.to}/${organizationId ?? 'all'}`;
    const sources = await this.sources();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const organization = organizationId
        ? await this.organizations.findOrFail(manager, organizationId, { field: 'organizationId' })
        : null;
      const created = await this.repository.insertRun(manager, {
        organizationId,
        periodFrom: dto.from,
        periodTo: dto.to,
        requestedBy: actor.label,
        scope,
        sources,
      });
      if (!created)
        return { created: false, run: await this.repository.findActive(manager, scope) };
      await this.audit.record(manager, actor, {
        action: 'reconciliation.run_started',
        after: { from: dto.from, organizationId, to: dto.to },
        entityId: created.id,
        entityLabel: `${organization ? organization.name : 'all organizations'}, ${dto.from} to ${dto.to}`,
        entityType: 'reconciliation_run',
        organizationId,
      });
      return { created: true, run: created };
    });
    // The active run ended between the refused insert and the read: ask once more.
    if (!outcome.run) return this.start(actor, dto);
    // A queued run's job may have been lost (Redis unreachable when it was made): queue it again;
    // Bull keeps one job per id, so a job still waiting is not doubled.
    if (outcome.created || outcome.run.status === 'queued') await this.enqueue(outcome.run.id);
    return { created: outcome.created, run: await this.toResponse(outcome.run) };
  }

  async list(query: ListReconciliationRunsQueryDto): Promise<Page<ReconciliationRunResponseDto>> {
    const { runs, total } = await this.repository.page(this.dataSource.manager, {
      limit: query.pageSize,
      offset: pageOffset(query),
    });
    const names = await this.organizations.names(this.dataSource.manager, [
      ...new Set(runs.flatMap((r) => (r.organizationId ? [r.organizationId] : []))),
    ]);
    return toPage(
      runs.map((r) =>
        toRunResponse(r, r.organizationId ? (names.get(r.organizationId) ?? null) : null),
      ),
      total,
      query,
    );
  }

  async get(id: string): Promise<ReconciliationRunResponseDto> {
    return this.toResponse(await this.findOrFail(id));
  }

  async organizationsOf(
    id: string,
    query: ListReconciliationOrganizationsQueryDto,
  ): Promise<Page<ReconciliationOrganizationDto>> {
    await this.findOrFail(id);
    const { rows, total } = await this.repository.organizations(this.dataSource.manager, id, {
      limit: query.pageSize,
      offset: pageOffset(query),
      q: query.q,
      sort: parseSort<ReconciliationOrganizationSort>(query.sort, '-differenceCount'),
    });
    return toPage(
      rows.map((r) => ({
        accountingAmount: r.accountingAmount,
        currency: r.currency,
        differenceCount: r.differenceCount,
        gatewayAmount: r.gatewayAmount,
        name: r.name,
        organizationId: r.organizationId,
        settleAmount: r.settleAmount,
      })),
      total,
      query,
    );
  }

  async differences(
    id: string,
    query: ListReconciliationDifferencesQueryDto,
  ): Promise<Page<ReconciliationDifferenceDto>> {
    const run = await this.findOrFail(id);
    const { rows, total } = await this.repository.differences(this.dataSource.manager, id, {
      kind: query.kind,
      limit: query.pageSize,
      offset: pageOffset(query),
      organizationId: query.organizationId,
    });
    const sources = {
      accounting: run.sources.accounting ? 'QuickBooks' : null,
      gateway: run.sources.gateway.kind,
    };
    return toPage(
      rows.map((d) => ({
        accountingAmount: d.accountingAmount,
        accountingPaymentId: d.accountingPaymentId,
        currency: d.currency,
        gatewayAmount: d.gatewayAmount,
        gatewayChargeRef: d.gatewayChargeRef,
        id: d.id,
        kind: d.kind,
        occurredOn: d.occurredOn,
        organizationId: d.organizationId,
        organizationName: d.detail.organizationName ?? null,
        paymentId: d.paymentId,
        paymentReference: d.detail.paymentReference ?? null,
        settleAmount: d.settleAmount,
        ...differenceWords(d, sources),
      })),
      total,
      query,
    );
  }

  private async findOrFail(id: string): Promise<ReconciliationRun> {
    const run = await this.repository.find(this.dataSource.manager, id);
    if (!run) throw AppException.notFound('Reconciliation run');
    return run;
  }

  private async toResponse(run: ReconciliationRun): Promise<ReconciliationRunResponseDto> {
    const name = run.organizationId
      ? ((await this.organizations.names(this.dataSource.manager, [run.organizationId])).get(
          run.organizationId,
        ) ?? null)
      : null;
    return toRunResponse(run, name);
  }

  /** What the run compares Settle with: the connected accounting package, the current gateway. */
  private async sources(): Promise<ReconciliationSources> {
    const accounting = await this.integrations.connectedAccounting();
    const { gateway } = await this.paymentSettings.get();
    return {
      accounting: accounting
        ? { integrationId: accounting.id, kind: 'quickbooks', name: accounting.name }
        : null,
      gateway: { kind: gateway },
    };
  }

  /** Enqueue failures are logged: the run is queued in the database and the sweep finds it. */
  private async enqueue(runId: string): Promise<void> {
    try {
      await withTimeout(
        this.queue.add(
          JobName.reconciliationRun,
          { runId },
          { ...JOB_OPTIONS[JobName.reconciliationRun], jobId: `reconciliation-run-${runId}` },
        ),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.error({ err: error, runId }, 'Could not enqueue the reconciliation run');
    }
  }
}

function toRunResponse(
  run: ReconciliationRun,
  organizationName: string | null,
): ReconciliationRunResponseDto {
  return {
    createdAt: run.createdAt.toISOString(),
    error: run.error,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    from: run.periodFrom,
    id: run.id,
    organizationId: run.organizationId,
    organizationName,
    progress: run.progress,
    requestedBy: run.requestedBy,
    sources: {
      accounting: run.sources.accounting
        ? { kind: run.sources.accounting.kind, name: run.sources.accounting.name }
        : null,
      gateway: { kind: run.sources.gateway.kind },
    },
    startedAt: run.startedAt?.toISOString() ?? null,
    status: run.status,
    to: run.periodTo,
    totals: run.totals,
  };
}
