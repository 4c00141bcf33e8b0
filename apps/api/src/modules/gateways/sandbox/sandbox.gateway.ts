import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';

import { requestHash } from '../../../common/idempotency/idempotency.service';
import {
  ChargeOutcome,
  ChargeRequest,
  GatewayCharge,
  GatewayFeatureUnavailableError,
  GatewayRejectedError,
  GatewayUnavailableError,
  PaymentGateway,
  RefundOutcome,
  RefundRequest,
  SettlementStatus,
  TokenizedMethod,
} from '../payment-gateway';
import { PaymentSettingsService } from '../payment-settings.service';
import { sandboxTestMethod } from './sandbox-test-methods';
import { SandboxRepository } from './sandbox.repository';

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * The built-in gateway: deterministic outcomes from test tokens, a configurable latency, and a
 * settlement clock that tests and demos move forward instead of waiting days.
 */
@Injectable()
export class SandboxGateway implements PaymentGateway {
  readonly name = 'sandbox' as const;
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: SandboxRepository,
    private readonly settings: PaymentSettingsService,
  ) {}

  async tokenize(input: {
    token: string;
    setupIntentRef?: string | null;
  }): Promise<TokenizedMethod> {
    if (input.setupIntentRef)
      throw new GatewayRejectedError(
        'applies only to the Stripe gateway; the sandbox takes a test method token alone',
        'unsupported',
        'setupIntentId',
      );
    await this.latency();
    const method = sandboxTestMethod(input.token);
    if (!method)
      throw new GatewayRejectedError(
        'is not a sandbox test payment method (see GET /api/v1/payment-gateway)',
        'unknown_token',
      );
    const expires = method.type === 'card';
    return {
      brand: method.brand,
      expMonth: expires ? 12 : null,
      expYear: expires ? new Date().getUTCFullYear() + 3 : null,
      gatewayCustomerRef: null,
      gatewayRef: method.token,
      last4: method.last4,
      type: method.type,
    };
  }

  /** Test methods are picked from a list: there are no card fields to host. */
  startHostedSetup(): Promise<never> {
    return Promise.reject(
      new GatewayFeatureUnavailableError(
        'The sandbox gateway has no hosted card fields; add one of its test methods instead',
      ),
    );
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    await this.latency();
    const method = sandboxTestMethod(request.paymentMethodRef);
    if (!method) throw new GatewayRejectedError('Unknown sandbox payment method', 'unknown_token');
    const hash = requestHash({
      amount: request.amount,
      currency: request.currency,
      token: request.paymentMethodRef,
    });
    const now = await this.now();
    const { achSettlementHours } = (await this.settings.get()).sandbox;
    const outcome = method.outcome;
    const status =
      outcome.kind === 'decline' ? 'failed' : method.type === 'card' ? 'succeeded' : 'processing';
    const manager = this.dataSource.manager;
    const { charge, made } = await this.ledger.insertChargeOnce(manager, {
      amount: request.amount,
      currency: request.currency,
      failureCode: outcome.kind === 'decline' ? outcome.code : null,
      id: id('sbx_ch'),
      idempotencyKey: request.idempotencyKey,
      requestHash: hash,
      settlesAt:
        status === 'processing' ? new Date(now.getTime() + achSettlementHours * 3_600_000) : null,
      status,
      token: method.token,
    });
    if (!charge) throw new GatewayUnavailableError('Sandbox: the charge vanished');
    if (charge.requestHash !== hash)
      throw new GatewayRejectedError(
        'Keys for idempotent requests can only be used with the same parameters',
        'idempotency_error',
      );
    // Only the call that made the charge loses its answer; asking again finds the charge.
    if (outcome.kind === 'lose-first-response' && made)
      throw new GatewayUnavailableError('Sandbox: the response was lost after the charge was made');
    if (charge.status === 'failed' && outcome.kind === 'decline')
      return {
        code: outcome.code,
        gatewayRef: charge.id,
        message: outcome.message,
        status: 'failed',
      };
    return {
      gatewayRef: charge.id,
      status: charge.status === 'processing' ? 'processing' : 'succeeded',
    };
  }

  async settlement(gatewayPaymentRef: string): Promise<SettlementStatus> {
    const charge = await this.ledger.findCharge(this.dataSource.manager, gatewayPaymentRef);
    if (!charge) throw new GatewayRejectedError('No such sandbox charge', 'resource_missing');
    if (charge.status === 'succeeded') return { status: 'succeeded' };
    if (!charge.settlesAt || charge.settlesAt > (await this.now())) return { status: 'processing' };
    const outcome = sandboxTestMethod(charge.token)?.outcome;
    return outcome?.kind === 'return'
      ? { message: outcome.message, returnCode: outcome.returnCode, status: 'returned' }
      : { status: 'succeeded' };
  }

  async *listCharges(window: { from: Date; to: Date }): AsyncGenerator<GatewayCharge[]> {
    const now = await this.now();
    let after: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const rows = await this.ledger.chargesPage(this.dataSource.manager, window, after, 500);
      if (rows.length)
        yield rows.map((charge) => {
          const due = charge.settlesAt !== null && charge.settlesAt <= now;
          const outcome = sandboxTestMethod(charge.token)?.outcome;
          const returned = charge.status === 'processing' && due && outcome?.kind === 'return';
          return {
            amount: charge.amount,
            amountRefunded: charge.amountRefunded,
            createdAt: charge.createdAt,
            currency: charge.currency,
            // the sandbox keeps no customers: its charges are all Settle's own
            customerRef: null,
            id: charge.id,
            paymentRef: charge.id,
            reversed: returned,
            status:
              charge.status === 'failed'
                ? 'failed'
                : charge.status === 'processing' && !due
                  ? 'pending'
                  : 'succeeded',
          };
        });
      if (rows.length < 500) return;
      const last = rows[rows.length - 1];
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    await this.latency();
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.ledger.findRefundByKey(manager, request.idempotencyKey);
      if (existing) return { gatewayRef: existing.id, status: 'succeeded' as const };
      const charge = await this.ledger.findCharge(manager, request.gatewayPaymentRef, {
        lock: true,
      });
      if (!charge) return { message: 'No such charge', status: 'failed' as const };
      if (charge.amountRefunded + request.amount > charge.amount)
        return {
          message: 'Refund amount is greater than the unrefunded amount on the charge',
          status: 'failed' as const,
        };
      const refundId = id('sbx_re');
      await this.ledger.insertRefund(manager, {
        amount: request.amount,
        chargeId: charge.id,
        id: refundId,
        idempotencyKey: request.idempotencyKey,
      });
      await this.ledger.setAmountRefunded(
        manager,
        charge.id,
        charge.amountRefunded + request.amount,
      );
      return { gatewayRef: refundId, status: 'succeeded' as const };
    });
  }

  /** The sandbox's "now": the real time plus the offset staff or tests moved it by. */
  async now(): Promise<Date> {
    const { clockOffsetMs } = (await this.settings.get()).sandbox;
    return new Date(Date.now() + clockOffsetMs);
  }

  private async latency(): Promise<void> {
    const { latencyMs } = (await this.settings.get()).sandbox;
    if (latencyMs > 0) await sleep(latencyMs);
  }
}
