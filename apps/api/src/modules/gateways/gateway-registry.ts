import { Injectable } from '@nestjs/common';

import { GatewayName } from '../payment-methods/payment-method.entity';
import { PaymentGateway } from './payment-gateway';
import { PaymentSettingsService } from './payment-settings.service';
import { SandboxGateway } from './sandbox/sandbox.gateway';
import { StripeGateway } from './stripe/stripe.gateway';

/** Finds the gateway for new payment methods (the configured one) or for an existing method. */
@Injectable()
export class GatewayRegistry {
  constructor(
    private readonly settings: PaymentSettingsService,
    readonly sandbox: SandboxGateway,
    readonly stripe: StripeGateway,
  ) {}

  async current(): Promise<PaymentGateway> {
    return this.byName((await this.settings.get()).gateway);
  }

  byName(name: GatewayName): PaymentGateway {
    return name === 'stripe' ? this.stripe : this.sandbox;
  }
}
