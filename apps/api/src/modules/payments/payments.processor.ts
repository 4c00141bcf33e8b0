import { Injectable } from '@nestjs/common';

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
    [JobName.runScheduledPayment]: (data: PaymentJobData) =>
      this.runner.runScheduled(data.paymentId),
    [JobName.reconcilePayment]: (data: PaymentJobData) => this.runner.reconcile(data.paymentId),
    [JobName.checkSettlements]: () => this.runner.checkSettlements(),
    [JobName.sweepPayments]: () => this.maintenance.sweep(),
    [JobName.paymentsMaintenance]: () => this.maintenance.daily(),
  };

  registerRecurring(): Promise<void> {
    return this.scheduler.registerRecurring();
  }
}
