import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { Job } from 'bull';

import { DiagnosticJobData, DiagnosticJobResult, JobName, QueueName } from '../../queues/queues';

/** Shared body of the per-queue diagnostic processors. */
async function runDiagnostic(
  queue: QueueName,
  job: Job<DiagnosticJobData>,
  logger: Logger,
): Promise<DiagnosticJobResult> {
  const attempt = job.attemptsMade + 1;
  logger.log({ attempt, jobId: job.id, queue }, 'Diagnostic job running');
  if (job.data.fail)
    throw new Error(`Diagnostic failure requested by ${job.data.requestedBy} (attempt ${attempt})`);
  return { attempt, processedAt: new Date().toISOString(), queue };
}

@Processor(QueueName.sync)
export class SyncDiagnosticProcessor {
  private readonly logger = new Logger(SyncDiagnosticProcessor.name);

  @Process(JobName.diagnostic)
  handle(job: Job<DiagnosticJobData>) {
    return runDiagnostic(QueueName.sync, job, this.logger);
  }
}

@Processor(QueueName.payments)
export class PaymentsDiagnosticProcessor {
  private readonly logger = new Logger(PaymentsDiagnosticProcessor.name);

  @Process(JobName.diagnostic)
  handle(job: Job<DiagnosticJobData>) {
    return runDiagnostic(QueueName.payments, job, this.logger);
  }
}

@Processor(QueueName.emails)
export class EmailsDiagnosticProcessor {
  private readonly logger = new Logger(EmailsDiagnosticProcessor.name);

  @Process(JobName.diagnostic)
  handle(job: Job<DiagnosticJobData>) {
    return runDiagnostic(QueueName.emails, job, this.logger);
  }
}

export const DIAGNOSTIC_PROCESSORS = [
  EmailsDiagnosticProcessor,
  PaymentsDiagnosticProcessor,
  SyncDiagnosticProcessor,
];
