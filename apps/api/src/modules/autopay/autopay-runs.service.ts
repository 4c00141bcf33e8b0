import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { autopayChargeOn, CalendarDate, orderedRules, hourIn } from '@settle/domain';
import { Queue } from 'bull';
import { DataSource } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { IdempotencyService, StoredResponse } from '../../common/idempotency/idempotency.service';
import { AppConfig } from '../../config/app-config';
import { ENQUEUE_TIMEOUT_MS, withTimeout } from '../../common/with-timeout';
import { JOB_OPTIONS, JobName, QueueName } from '../../queues/queues';
import { AuditService } from '../audit';
import { AutopayRunFinishedPayload, OutboxService } from '../outbox';
import { AutopayChargeResult, PaymentsService } from '../payments';
import { SettingsService } from '../settings';
import { AutopayRun } from './autopay-run.entity';
import { AutopayRulesRepository } from './autopay-rules.repository';
import { AutopayInputsReader, OrganizationAutopayInputs } from './autopay-inputs.reader';
import { AutopayRunsRepository } from './autopay-runs.repository';
import { AutopaySettingsService } from './autopay-settings.service';
import {
  AutopayRunResponseDto,
  ListAutopayRunsQueryDto,
  StartAutopayRunDto,
} from './dto/autopay-run.dto';

/** Organizations read per page (four queries each page); each one's invoices are charged together. */
const ORGANIZATION_PAGE = 200;
/**
 * Organizations charged at once, per gateway slot: while some wait for the gateway (which the
 * limiter holds to PAYMENTS_GATEWAY_CONCURRENCY calls) others book or record theirs, so every
 * slot stays busy. The limiter, not this, bounds the charges.
 */
const LANES_PER_GATEWAY_SLOT = 4;
const MIN_LANES = 8;
const MAX_PROBLEMS = 50;
/** Problems the staff summary email lists; the AutoPay page has them all. */
const SUMMARY_PROBLEMS = 20;

type Counts = Pick<AutopayRun, 'charged' | 'evaluated' | 'failed' | 'pendingApproval' | 'skipped'>;

/**
 * AutoPay runs: every open invoice of every organization with rules is judged by libs/domain on
 * the run date, and what a rule charges goes through the payments pipeline. Exactly once comes
 * from the payments' (invoice, run date) unique index, so a run may be repeated, run twice at
 * once, or retried after a crash without charging twice; it never skips, since each retry
 * judges everything again.
 */
@Injectable()
export class AutopayRunsService {
  private readonly logger = new Logger(AutopayRunsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.payments) private readonly queue: Queue,
    private readonly runs: AutopayRunsRepository,
    private readonly rules: AutopayRulesRepository,
    private readonly inputs: AutopayInputsReader,
    private readonly payments: PaymentsService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyService,
    private readonly autopaySettings: AutopaySettingsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * "Run now": a run for the date (default today), queued for a worker. With an Idempotency-Key,
   * a retried request answers with the run the first one started instead of starting another.
   */
  async start(
    actor: AuthContext,
    dto: StartAutopayRunDto,
    key: string | undefined,
  ): Promise<StoredResponse<AutopayRunResponseDto>> {
    const { today } = await this.settings.mspCalendar();
    const runDate = dto.date ?? today;
    if (runDate > today)
      throw AppException.invalidField('date', `must be today (${today}) or earlier`);
    return this.idempotency.run(
      { auth: actor, body: { runDate }, endpoint: 'POST /autopay/runs', key },
      async (claim) => {
        const run = await this.dataSource.transaction(async (manager) => {
          const created = await this.runs.insert(manager, {
            requestedBy: actor.label,
            runDate,
            status: 'queued',
            trigger: 'manual',
          });
          await claim.attach(manager, created.id);
          await this.audit.record(manager, actor, {
            action: 'autopay.run_started',
            after: { runDate },
            entityId: created.id,
            entityLabel: `AutoPay run of ${runDate}`,
            entityType: 'autopay_run',
          });
          return created;
        });
        await this.enqueue(run.id);
        return { body: toResponse(run), status: 202 };
      },
      async (runId) => ({ body: await this.get(runId), status: 202 }),
    );
  }

  async list(query: ListAutopayRunsQueryDto): Promise<Page<AutopayRunResponseDto>> {
    const { runs, total } = await this.runs.page(this.dataSource.manager, {
      limit: query.pageSize,
      offset: pageOffset(query),
    });
    return toPage(runs.map(toResponse), total, query);
  }

  async get(id: string): Promise<AutopayRunResponseDto> {
    const run = await this.runs.find(this.dataSource.manager, id);
    if (!run) throw AppException.notFound('AutoPay run');
    return toResponse(run);
  }

  /**
   * The hourly clock: from the AutoPay hour on, the day's scheduled run, once per day. "From"
   * rather than "at": a worker that was down at that hour starts the run when it is back.
   */
  async tick(now = new Date()): Promise<string | null> {
    const hour = this.config.env.AUTOPAY_RUN_HOUR;
    if (hour === 'off') return null;
    const { timeZone, today } = await this.settings.mspCalendar(now);
    if (hourIn(timeZone, now.getTime()) < hour) return null;
    const run = await this.runs.insertScheduled(this.dataSource.manager, today);
    if (!run) return null;
    await this.enqueue(run.id);
    return run.id;
  }

  /** The job: judge and charge everything due on the run's date. */
  async execute(runId: string): Promise<Counts> {
    const manager = this.dataSource.manager;
    const run = await this.runs.find(manager, runId);
    if (!run) return zeroCounts();
    if (run.status === 'succeeded') return countsOf(run);
    await this.runs.update(manager, runId, {
      error: null,
      startedAt: new Date(),
      status: 'running',
    });
    const counts = zeroCounts();
    const problems: string[] = [];
    try {
      const { timeZone } = await this.settings.mspCalendar();
      const retryOffsets = await this.autopaySettings.retryOffsets();
      const work = this.organizationsToCharge(
        runId,
        run.runDate,
        timeZone,
        retryOffsets,
        counts,
        problems,
      );
      const lanes = Math.max(
        MIN_LANES,
        LANES_PER_GATEWAY_SLOT * this.config.env.PAYMENTS_GATEWAY_CONCURRENCY,
      );
      // Every lane pulls from the one generator (an async generator queues concurrent next()
      // calls), so the gateway slots stay busy across page boundaries.
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          for (let next = await work.next(); !next.done; next = await work.next())
            await this.chargeOrganization(next.value, run.runDate, counts, problems);
        }),
      );
      // the summary email comes from the outbox: written with the run's end, sent once
      await this.dataSource.transaction(async (tx) => {
        const finished = await this.runs.succeed(tx, runId, {
          ...counts,
          finishedAt: new Date(),
          problems: problems.slice(0, MAX_PROBLEMS),
        });
        if (finished)
          await this.outbox.add(tx, 'autopay.run_finished', { id: runId, type: 'autopay_run' }, {
            counts,
            problems: problems.slice(0, SUMMARY_PROBLEMS),
            runDate: run.runDate,
            runId,
          } satisfies AutopayRunFinishedPayload);
      });
      this.logger.log({ runId, ...counts }, 'AutoPay run finished');
      return counts;
    } catch (error) {
      await this.runs.update(manager, runId, {
        ...counts,
        error: String(error instanceof Error ? error.message : error).slice(0, 500),
        finishedAt: new Date(),
        problems: problems.slice(0, MAX_PROBLEMS),
        status: 'failed',
      });
      // Bull retries the job; the retry finds what was already charged and goes on.
      throw error;
    }
  }

  /**
   * The organizations with something to charge on the run date, page by page: each page's inputs
   * are read in four queries while the previous page is being charged, and judged by libs/domain
   * here; progress is saved as each page is handed out.
   */
  private async *organizationsToCharge(
    runId: string,
    runDate: CalendarDate,
    timeZone: string,
    retryOffsets: readonly number[],
    counts: Counts,
    problems: string[],
  ): AsyncGenerator<OrganizationCharges> {
    const manager = this.dataSource.manager;
    const readPage = async (after: string | null) => {
      const ids = await this.rules.organizationsWithRules(manager, after, ORGANIZATION_PAGE);
      return { ids, inputs: await this.inputs.read(manager, ids, timeZone) };
    };
    for (let page = await readPage(null); page.ids.length > 0;) {
      const nextPage = readPage(page.ids[page.ids.length - 1]);
      // a failed prefetch is thrown by the await below; until then it must not be unhandled
      nextPage.catch(() => undefined);
      for (const organization of page.inputs) {
        const charges = judgeOrganization(organization, runDate, retryOffsets);
        counts.evaluated += organization.invoices.length;
        if (charges.length > 0) yield { charges, organizationId: organization.organizationId };
      }
      await this.runs.update(manager, runId, {
        ...counts,
        problems: problems.slice(0, MAX_PROBLEMS),
      });
      page = await nextPage;
    }
  }

  /** One organization's charges, one after another, so each sees the last one's effect on its method. */
  private async chargeOrganization(
    { charges, organizationId }: OrganizationCharges,
    runDate: CalendarDate,
    counts: Counts,
    problems: string[],
  ): Promise<void> {
    for (const charge of charges) {
      const result = await this.payments.chargeAutopay({ ...charge, organizationId, runDate });
      tally(counts, result);
      if (result.outcome === 'failed' || result.outcome === 'refused')
        problems.push(`Invoice ${charge.invoiceNumber}: ${result.message}`);
    }
  }

  /** Enqueue failures are logged: the run is queued in the database, and staff see it waiting. */
  private async enqueue(runId: string): Promise<void> {
    try {
      await withTimeout(
        this.queue.add(
          JobName.autopayRun,
          { runId },
          { ...JOB_OPTIONS[JobName.autopayRun], jobId: `autopay-run-${runId}` },
        ),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.error({ err: error, runId }, 'Could not enqueue the AutoPay run');
    }
  }

  async registerRecurring(): Promise<void> {
    await this.queue.add(
      JobName.autopayClock,
      {},
      { ...JOB_OPTIONS[JobName.autopayClock], repeat: { cron: '2 * * * *' } },
    );
  }
}

function zeroCounts(): Counts {
  return { charged: 0, evaluated: 0, failed: 0, pendingApproval: 0, skipped: 0 };
}

function countsOf(run: AutopayRun): Counts {
  const { charged, evaluated, failed, pendingApproval, skipped } = run;
  return { charged, evaluated, failed, pendingApproval, skipped };
}

function tally(counts: Counts, result: AutopayChargeResult): void {
  if (result.outcome === 'charged') counts.charged += 1;
  else if (result.outcome === 'failed') counts.failed += 1;
  else if (result.outcome === 'pending_approval') counts.pendingApproval += 1;
  else counts.skipped += 1;
}

interface PlannedCharge {
  amount: number;
  invoiceId: string;
  invoiceNumber: string;
  needsApproval: boolean;
  paymentMethodId: string;
  ruleId: string;
  ruleLabel: string;
}

interface OrganizationCharges {
  organizationId: string;
  charges: PlannedCharge[];
}

/** What the organization's rules charge on the run date, invoice by invoice (pure). */
function judgeOrganization(
  { invoices, methods, payments, rules }: OrganizationAutopayInputs,
  runDate: CalendarDate,
  retryOffsets: readonly number[],
): PlannedCharge[] {
  if (invoices.length === 0) return [];
  const names = new Map(orderedRules(rules).map((r, i) => [r.id, `Rule ${i + 1}`]));
  const charges: PlannedCharge[] = [];
  for (const invoice of invoices) {
    const charge = autopayChargeOn(
      runDate,
      invoice,
      rules,
      methods,
      payments.get(invoice.id) ?? [],
      retryOffsets,
    );
    if (!charge) continue;
    charges.push({
      amount: charge.amount,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number ?? invoice.id,
      needsApproval: charge.needsApproval,
      paymentMethodId: charge.paymentMethodId!,
      ruleId: charge.ruleId!,
      ruleLabel: names.get(charge.ruleId!) ?? 'a rule',
    });
  }
  return charges;
}

function toResponse(run: AutopayRun): AutopayRunResponseDto {
  return {
    counts: countsOf(run),
    createdAt: run.createdAt.toISOString(),
    error: run.error,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    id: run.id,
    problems: run.problems,
    requestedBy: run.requestedBy,
    runDate: run.runDate,
    startedAt: run.startedAt?.toISOString() ?? null,
    status: run.status,
    trigger: run.trigger,
  };
}
