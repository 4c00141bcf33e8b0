import { Injectable } from '@nestjs/common';
import { Job } from 'bull';

import { JobName, PaymentJobData, QueueName, QueueProcessor } from '../../queues/queues';
import { PaymentMaintenanceService } from './payment-maintenance.service';
import { PaymentRunnerService } from './payment-runner.service';
import { PaymentSchedulerService } from './payment-scheduler.service';

/** The payments queue's jobs, each one line into the service that does the work. */
@Injectable()
export class PaymentsProcessor implements QueueProcessor {
  readonly queue = QueueName.payments;

  constructor(
    private readonly runner: PaymentRunnerService,
    private readonly scheduler: PaymentSchedulerService,
    private readonly maintenance: PaymentMaintenanceService,
  ) {}

  readonly handlers = {
    [JobName.runScheduledPayment]: (job: Job<PaymentJobData>) =>
      this.runner.runScheduled(job.data.paymentId),
    [JobName.reconcilePayment]: (job: Job<PaymentJobData>) =>
      this.runner.reconcile(job.data.paymentId),
    [JobName.checkSettlements]: () => this.runner.checkSettlements(),
    [JobName.sweepPayments]: () => this.maintenance.sweep(),
    [JobName.paymentsMaintenance]: () => this.maintenance.daily(),
  };

  registerRecurring(): Promise<void> {
    return this.scheduler.registerRecurring();
  }
}
