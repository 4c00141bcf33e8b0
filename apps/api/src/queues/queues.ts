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
  /** sync: one sync run (job id = run id); the run's row decides, so it runs once. */
  syncRun: 'sync-run',
  /** sync: every five minutes; starts the runs whose integration's schedule is due. */
  syncClock: 'sync-clock',
  /**
   * sync: every minute, and after each accounting sync; pushes the payments whose accounting
   * sync is due (the payments' rows decide, so overlapping pushes never send one twice).
   */
  pushAccounting: 'push-accounting',
  /**
   * sync: one reconciliation run (job id = run id): reads the three sides and stores what
   * differs; a retry starts the run over.
   */
  reconciliationRun: 'reconciliation-run',
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
  /** payments: one AutoPay run (job id = run id); the payments' unique identity makes reruns safe. */
  autopayRun: 'autopay-run',
  /** payments: hourly; at the AutoPay hour (MSP time) starts the day's run, once per day. */
  autopayClock: 'autopay-clock',
  /** emails: deliver one email (job id = email id); the row's status decides, so it sends once. */
  sendEmail: 'send-email',
  /** emails: every few seconds; turns unpublished outbox events into queued emails. */
  dispatchOutbox: 'dispatch-outbox',
  /** emails: start-up and every minute; re-queues lost sends, ends claims whose process died. */
  sweepEmails: 'sweep-emails',
  /**
   * emails: webhook deliveries that are due (new, retries, and those whose sender died), sent
   * now; queued when the outbox writes deliveries, and every WEBHOOK_SWEEP_INTERVAL_MS.
   */
  deliverWebhooks: 'deliver-webhooks',
  /** emails: hourly; at the notices' send hour (MSP time) queues the two daily jobs below, and sends the failures digest. */
  emailClock: 'email-clock',
  /** emails: the day's invoice and card-expiry notices to customers (one job id per day). */
  dailyNotices: 'daily-notices',
  /** emails: yesterday's summary to subscribed staff (one job id per day). */
  staffDailySummary: 'staff-daily-summary',
  /**
   * emails: a portal password reset asked for an address. Off the request, so that the answer
   * costs the same whether or not a contact has that address.
   */
  portalPasswordReset: 'portal-password-reset',
} as const;

export interface PortalPasswordResetJobData {
  /** Normalised; a job keeps it only until it has run. */
  email: string;
}

export interface SyncRunJobData {
  runId: string;
}

export interface ReconciliationRunJobData {
  runId: string;
}

export interface AutopayRunJobData {
  runId: string;
}

export interface EmailJobData {
  emailId: string;
}

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
  // A failed run is recorded as failed and not retried; the next one resumes from the cursors.
  [JobName.syncRun]: {
    attempts: 1,
    removeOnComplete: 500,
    removeOnFail: 500,
  } satisfies JobOptions,
  [JobName.syncClock]: {
    attempts: 1,
    removeOnComplete: 20,
    removeOnFail: 50,
  } satisfies JobOptions,
  [JobName.pushAccounting]: {
    attempts: 1,
    removeOnComplete: 20,
    removeOnFail: 50,
  } satisfies JobOptions,
  // A run that fails (QuickBooks or the gateway unreachable) is tried again; after the last
  // attempt it ends failed with the reason.
  [JobName.reconciliationRun]: {
    attempts: 3,
    backoff: { delay: 30_000, type: 'exponential' },
    removeOnComplete: 100,
    removeOnFail: 100,
  } satisfies JobOptions,
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
  // A retried run evaluates everything again; what it already charged is found, not repeated.
  [JobName.autopayRun]: {
    attempts: 5,
    backoff: { delay: 30_000, type: 'exponential' },
    removeOnComplete: 100,
    removeOnFail: false,
  } satisfies JobOptions,
  [JobName.autopayClock]: {
    attempts: 2,
    backoff: { delay: 60_000, type: 'fixed' },
    removeOnComplete: 48,
    removeOnFail: 48,
  } satisfies JobOptions,
  [JobName.portalPasswordReset]: {
    attempts: 3,
    backoff: { delay: 5_000, type: 'exponential' },
    removeOnComplete: true,
    removeOnFail: 100,
  } satisfies JobOptions,
  [JobName.sendEmail]: {
    // The backoff's delay comes from EMAIL_RETRY_DELAY_MS when the job is added.
    attempts: 6,
    removeOnComplete: 1_000,
    removeOnFail: 5_000,
  } satisfies JobOptions,
  [JobName.dispatchOutbox]: {
    attempts: 1,
    removeOnComplete: 20,
    removeOnFail: 50,
  } satisfies JobOptions,
  [JobName.sweepEmails]: {
    attempts: 1,
    removeOnComplete: 20,
    removeOnFail: 50,
  } satisfies JobOptions,
  // The deliveries' rows hold the work; a failed sweep is followed by the next one.
  [JobName.deliverWebhooks]: {
    attempts: 1,
    removeOnComplete: 20,
    removeOnFail: 50,
  } satisfies JobOptions,
  [JobName.emailClock]: {
    attempts: 2,
    backoff: { delay: 60_000, type: 'fixed' },
    removeOnComplete: 48,
    removeOnFail: 48,
  } satisfies JobOptions,
  // Reruns are harmless (every email has a dedupe key), so a failed run simply tries again.
  [JobName.dailyNotices]: {
    attempts: 5,
    backoff: { delay: 5 * 60_000, type: 'exponential' },
    removeOnComplete: 30,
    removeOnFail: 30,
  } satisfies JobOptions,
  [JobName.staffDailySummary]: {
    attempts: 5,
    backoff: { delay: 5 * 60_000, type: 'exponential' },
    removeOnComplete: 30,
    removeOnFail: 30,
  } satisfies JobOptions,
  [JobName.diagnostic]: {
    attempts: 3,
    backoff: { delay: 200, type: 'exponential' },
    removeOnComplete: 100,
    removeOnFail: 100,
  } satisfies JobOptions,
};
