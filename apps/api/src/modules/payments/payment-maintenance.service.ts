import { Injectable } from '@nestjs/common';

import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { PaymentMethodsService } from '../payment-methods';
import { SettingsService } from '../settings';
import { PaymentSchedulerService } from './payment-scheduler.service';
import { RefundsService } from './refunds.service';

/** The payments module's recurring upkeep. */
@Injectable()
export class PaymentMaintenanceService {
  constructor(
    private readonly scheduler: PaymentSchedulerService,
    private readonly refunds: RefundsService,
    private readonly methods: PaymentMethodsService,
    private readonly idempotency: IdempotencyService,
    private readonly settings: SettingsService,
  ) {}

  /** At start-up and hourly: whatever a lost job, a lost answer or a crash left behind. */
  async sweep() {
    return { ...(await this.scheduler.sweep()), refunds: await this.refunds.retryPending() };
  }

  /** Daily: expired cards stop being charged; idempotency keys past their retention go. */
  async daily() {
    const { today } = await this.settings.mspCalendar();
    return {
      expiredMethods: await this.methods.markExpired(today),
      idempotencyKeysPurged: await this.idempotency.purgeOlderThan(),
    };
  }
}
