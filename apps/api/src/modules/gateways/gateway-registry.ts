import { Injectable } from '@nestjs/common';
import { Sema } from 'async-sema';

import { AppConfig } from '../../config/app-config';
import { GatewayName, PaymentGateway } from './payment-gateway';
import { PaymentSettingsService } from './payment-settings.service';
import { SandboxGateway } from './sandbox/sandbox.gateway';
import { StripeGateway } from './stripe/stripe.gateway';

/**
 * Finds the gateway for new payment methods (the configured one) or for an existing method. Every
 * call goes through one limiter per process, so that PAYMENTS_GATEWAY_CONCURRENCY really bounds
 * the gateway calls this process has in flight (scheduled charges, requests, refunds, checks).
 */
@Injectable()
export class GatewayRegistry {
  private readonly limited: Record<GatewayName, PaymentGateway>;

  constructor(
    private readonly settings: PaymentSettingsService,
    sandbox: SandboxGateway,
    stripe: StripeGateway,
    config: AppConfig,
  ) {
    const slots = new Sema(config.env.PAYMENTS_GATEWAY_CONCURRENCY);
    this.limited = {
      sandbox: new LimitedGateway(sandbox, slots),
      stripe: new LimitedGateway(stripe, slots),
    };
  }

  async current(): Promise<PaymentGateway> {
    return this.byName((await this.settings.get()).gateway);
  }

  byName(name: GatewayName): PaymentGateway {
    return this.limited[name];
  }
}

class LimitedGateway implements PaymentGateway {
  readonly name: GatewayName;

  constructor(
    private readonly gateway: PaymentGateway,
    private readonly slots: Sema,
  ) {
    this.name = gateway.name;
  }

  tokenize(input: Parameters<PaymentGateway['tokenize']>[0]) {
    return this.inSlot(() => this.gateway.tokenize(input));
  }

  startHostedSetup(input: Parameters<PaymentGateway['startHostedSetup']>[0]) {
    return this.inSlot(() => this.gateway.startHostedSetup(input));
  }

  charge(request: Parameters<PaymentGateway['charge']>[0]) {
    return this.inSlot(() => this.gateway.charge(request));
  }

  settlement(gatewayPaymentRef: string) {
    return this.inSlot(() => this.gateway.settlement(gatewayPaymentRef));
  }

  refund(request: Parameters<PaymentGateway['refund']>[0]) {
    return this.inSlot(() => this.gateway.refund(request));
  }

  /** Each page is read in a slot; between pages the slot is free for charges. */
  async *listCharges(window: { from: Date; to: Date }) {
    const pages = this.gateway.listCharges(window)[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.inSlot(() => pages.next());
      if (next.done) return;
      yield next.value;
    }
  }

  private async inSlot<T>(call: () => Promise<T>): Promise<T> {
    await this.slots.acquire();
    try {
      return await call();
    } finally {
      this.slots.release();
    }
  }
}
