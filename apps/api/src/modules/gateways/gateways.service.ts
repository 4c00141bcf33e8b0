import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bull';

import { AuthContext } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { JOB_OPTIONS, JobName, QueueName } from '../../queues/queues';
import {
  PaymentGatewayInfoDto,
  PaymentSettingsResponseDto,
  SandboxClockResponseDto,
  UpdatePaymentSettingsDto,
} from './dto/payment-settings.dto';
import { PaymentSettingsService } from './payment-settings.service';
import { SandboxGateway } from './sandbox/sandbox.gateway';
import { SANDBOX_TEST_METHODS } from './sandbox/sandbox-test-methods';

@Injectable()
export class GatewaysService {
  constructor(
    private readonly paymentSettings: PaymentSettingsService,
    private readonly sandbox: SandboxGateway,
    @InjectQueue(QueueName.payments) private readonly queue: Queue,
  ) {}

  async info(): Promise<PaymentGatewayInfoDto> {
    const settings = await this.paymentSettings.get();
    return {
      convenienceFee: settings.convenienceFee,
      gateway: settings.gateway,
      publishableKey: settings.gateway === 'stripe' ? settings.stripe.publishableKey : null,
      testPaymentMethods:
        settings.gateway === 'sandbox'
          ? SANDBOX_TEST_METHODS.map(({ label, token, type }) => ({ label, token, type }))
          : [],
    };
  }

  settings(): Promise<PaymentSettingsResponseDto> {
    return this.paymentSettings.describe();
  }

  async updateSettings(
    auth: AuthContext,
    dto: UpdatePaymentSettingsDto,
  ): Promise<PaymentSettingsResponseDto> {
    const current = await this.paymentSettings.describe();
    if (dto.gateway === 'stripe' && !dto.stripe?.secretKey && !current.stripe.secretKeySet)
      throw AppException.invalidField('stripe.secretKey', 'is required to use Stripe');
    return this.paymentSettings.update(auth, dto);
  }

  async clock(): Promise<SandboxClockResponseDto> {
    const now = await this.sandbox.now();
    const { clockOffsetMs } = (await this.paymentSettings.get()).sandbox;
    return { now: now.toISOString(), offsetHours: Math.round(clockOffsetMs / 3_600_000) };
  }

  /** Moving the clock also asks about waiting bank debits at once, so their outcome shows now. */
  async advanceClock(auth: AuthContext, hours: number): Promise<SandboxClockResponseDto> {
    if ((await this.paymentSettings.get()).gateway !== 'sandbox')
      throw AppException.conflict(
        'The sandbox clock only moves while the sandbox gateway is active',
      );
    await this.paymentSettings.advanceSandboxClock(auth, hours);
    await this.queue
      .add(JobName.checkSettlements, {}, JOB_OPTIONS[JobName.checkSettlements])
      .catch(() => undefined);
    return this.clock();
  }
}
