import type { JobOptions } from 'bull';

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
} as const;

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
  [JobName.diagnostic]: {
    attempts: 3,
    backoff: { delay: 200, type: 'exponential' },
    removeOnComplete: 100,
    removeOnFail: 100,
  } satisfies JobOptions,
};
