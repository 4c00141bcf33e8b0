import type { Job, JobOptions } from 'bull';

/**
 * Every queue, job name, payload and retry policy, in one place (style rule 8). A processor
 * for a job lives in the module that owns the work.
 */
export const QueueName = {
  sync: 'sync',
  payments: 'payments',
  emails: 'emails',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
export const ALL_QUEUES: QueueName[] = Object.values(QueueName);

export const JobName = {
  /** Proves a queue's workers are alive; staff can run one from the Queues page. */
  diagnostic: 'diagnostic',
  /** payments: charge one scheduled payment on its date (delayed job; the database decides). */
  runScheduledPayment: 'run-scheduled-payment',
  /** payments: ask the gateway again about an attempt whose outcome is unknown. */
  reconcilePayment: 'reconcile-payment',
  /** payments: ask the gateway where submitted bank debits stand. */
  checkSettlements: 'check-settlements',
  /** payments: start-up and hourly; picks up whatever a lost job missed. */
  sweepPayments: 'sweep-payments',
  /** payments: daily; marks expired cards and forgets old idempotency keys. */
  paymentsMaintenance: 'payments-maintenance',
} as const;

export interface PaymentJobData {
  paymentId: string;
}

/** One job's work: a result Bull keeps (or an error it retries) out. */
export type JobHandler = (job: Job) => Promise<unknown>;

/**
 * A module's jobs on one queue. Each queue has a single Bull processor per worker that dispatches
 * by job name, so the queue's concurrency setting bounds all of its jobs together.
 */
export interface QueueProcessor {
  readonly queue: QueueName;
  readonly handlers: Record<string, JobHandler>;
  /** Repeatable jobs; called when the worker starts and whenever Redis comes back. */
  registerRecurring?(): Promise<void>;
}

export interface DiagnosticJobData {
  requestedBy: string;
  /** When true the job throws on every attempt, to exercise retries and the failed set. */
  fail: boolean;
}

export interface DiagnosticJobResult {
  queue: QueueName;
  processedAt: string;
  attempt: number;
}

/** Defaults for every job on a queue; a job type may override them below. */
export const QUEUE_DEFAULT_JOB_OPTIONS: Record<QueueName, JobOptions> = {
  sync: {
    attempts: 5,
    backoff: { delay: 30_000, type: 'exponential' },
    removeOnComplete: 500,
    removeOnFail: false,
  },
  payments: {
    attempts: 8,
    backoff: { delay: 10_000, type: 'exponential' },
    removeOnComplete: 5_000,
    // Failed money work stays until staff look at it.
    removeOnFail: false,
  },
  emails: {
    attempts: 6,
    backoff: { delay: 60_000, type: 'exponential' },
    removeOnComplete: 1_000,
    removeOnFail: 5_000,
  },
};

export const JOB_OPTIONS = {
  [JobName.runScheduledPayment]: {
    attempts: 8,
    backoff: { delay: 5_000, type: 'exponential' },
    removeOnComplete: 5_000,
    removeOnFail: false,
  } satisfies JobOptions,
  [JobName.reconcilePayment]: {
    attempts: 10,
    backoff: { delay: 15_000, type: 'exponential' },
    removeOnComplete: 1_000,
    removeOnFail: false,
  } satisfies JobOptions,
  [JobName.checkSettlements]: {
    attempts: 1,
    removeOnComplete: 50,
    removeOnFail: 50,
  } satisfies JobOptions,
  [JobName.sweepPayments]: {
    attempts: 1,
    removeOnComplete: 50,
    removeOnFail: 50,
  } satisfies JobOptions,
  [JobName.paymentsMaintenance]: {
    attempts: 3,
    backoff: { delay: 60_000, type: 'exponential' },
    removeOnComplete: 10,
    removeOnFail: 10,
  } satisfies JobOptions,
  [JobName.diagnostic]: {
    attempts: 3,
    backoff: { delay: 200, type: 'exponential' },
    removeOnComplete: 100,
    removeOnFail: 100,
  } satisfies JobOptions,
};
